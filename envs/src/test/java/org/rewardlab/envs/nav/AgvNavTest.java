package org.rewardlab.envs.nav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.envs.EnvChecker;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.server.EnvServer;

class AgvNavTest {
  private static final float[] OBS = new float[AgvNav.OBS_SIZE];

  private static AgvNav at(NavScene scene, double x, double y, double th) {
    AgvNav env = new AgvNav(scene);
    env.reset(1, OBS, 0);
    double[] st = env.state();
    st[0] = x;
    st[1] = y;
    st[2] = th;
    env.setState(st);
    return env;
  }

  @Test
  void unicycleKinematicsMoveAlongTheHeading() {
    AgvNav env = at(NavScenes.SIMPLE, 5, 5, 0);
    double r = env.step(new float[] {1f, 0f}, 0, OBS, 0);
    assertThat(r).isZero();
    assertThat(env.state()[0]).isCloseTo(5.1, within(1e-12));
    assertThat(env.state()[1]).isCloseTo(5.0, within(1e-12));
    env.step(new float[] {0.5f, 1f}, 0, OBS, 0);
    assertThat(env.state()[2]).isCloseTo(0.1, within(1e-7));
    // actions beyond the box are clipped: v = 3 moves 0.1 m, not 0.3
    AgvNav e2 = at(NavScenes.SIMPLE, 5, 5, Math.PI / 2);
    e2.step(new float[] {3f, 0f}, 0, OBS, 0);
    assertThat(e2.state()[1]).isCloseTo(5.1, within(1e-12));
  }

  @Test
  void reachingTheGoalPaysOneAndCollisionsCostOne() {
    AgvNav env = at(NavScenes.SIMPLE, 4, 13.45, Math.PI / 2);
    assertThat(env.step(new float[] {1f, 0f}, 0, OBS, 0)).isEqualTo(1.0);
    assertThat(env.terminated()).isTrue();
    // driving into the shelf row from below
    AgvNav shelf = at(NavScenes.SIMPLE, 5, 9.25, Math.PI / 2);
    assertThat(shelf.step(new float[] {1f, 0f}, 0, OBS, 0)).isEqualTo(-1.0);
    assertThat(shelf.terminated()).isTrue();
    AgvNav wall = at(NavScenes.SIMPLE, 0.35, 3, Math.PI);
    assertThat(wall.step(new float[] {1f, 0f}, 0, OBS, 0)).isEqualTo(-1.0);
  }

  @Test
  void raysMeasureTheDistanceToTheNearestObstacle() {
    // facing +y under the shelf row (y = 9.5) from y = 7: ray 0 points at it, 2.5 m away
    AgvNav env = at(NavScenes.SIMPLE, 5, 7, Math.PI / 2);
    env.observe(OBS, 0);
    assertThat(OBS[6]).isCloseTo(2.5f / 5f, within(1e-6f));
    // ray 8 points at -y: the wall at y = 0 is 7 m away, beyond the 5 m range
    assertThat(OBS[6 + 8]).isEqualTo(1f);
    // ray 4 points at -x (th + pi/2): the wall at x = 0 is 5 m away, exactly the range
    assertThat(OBS[6 + 4]).isCloseTo(1f, within(1e-6f));
    assertThat(OBS[0]).isCloseTo(5f / 20f, within(1e-7f));
    assertThat(OBS[4]).isCloseTo((4f - 5f) / 20f, within(1e-7f));
    assertThat(OBS[5]).isCloseTo((14f - 7f) / 20f, within(1e-7f));
  }

  @Test
  void moversBounceAlongTheirSegmentsAndBlockRays() {
    AgvNav env = new AgvNav(NavScenes.DYNAMIC);
    env.reset(3, OBS, 0);
    double[] st = env.state();
    st[3] = 0.999;
    st[4] = 1;
    env.setState(st);
    double[] before = env.state();
    env.step(new float[] {0f, 0f}, 0, OBS, 0);
    double[] after = env.state();
    assertThat(after[4]).isEqualTo(-1.0);
    assertThat(after[3]).isLessThan(1.0).isNotEqualTo(before[3]);
    // a mover straight ahead, 2 m away, is seen at 2 - 0.4 m
    NavScene one = new NavScene("t", 20, List.of(), 5, 5, 0, 15, 15, List.of(new double[] {7, 5, 7, 5}), 100);
    AgvNav e = at(one, 5, 5, 0);
    e.observe(OBS, 0);
    assertThat(OBS[6]).isCloseTo((float) (1.6 / 5), within(1e-6f));
  }

  @ParameterizedTest
  @ValueSource(strings = {"AgvNav-simple-v0", "AgvNav-v0", "AgvNavDynamic-v0"})
  void registeredScenesPassTheCheckerAndRunInTheServer(String id) throws Exception {
    FlatEnv env = EnvRegistry.make(id);
    List<String> warnings = EnvChecker.check(env, 7);
    assertThat(warnings).noneMatch(w -> w.contains("seed is used"));
    assertThat(EnvRegistry.potentials(id)).containsKey(NavScenes.GOAL_DISTANCE);
    StringWriter out = new StringWriter();
    new EnvServer(id).serve(new BufferedReader(new StringReader(
        "{\"op\":\"reset\",\"seed\":3}\n{\"op\":\"step\",\"action\":[0.5,0.1]}\n")), out);
    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[1]).contains("\"reward\"").doesNotContain("error");
  }
}
