package org.rewardlab.envs.maze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.envs.EnvChecker;
import org.rewardlab.envs.EnvRegistry;

class PointMazeTest {
  private static float[] act(double ax, double ay) {
    return new float[] {(float) ax, (float) ay};
  }

  @Test
  void registeredMazesPassTheChecker() {
    for (MazeConfig c : Mazes.registered()) {
      List<String> warnings = EnvChecker.check(EnvRegistry.make(c.id()), 7);
      assertThat(warnings).as(c.id()).noneMatch(w -> w.contains("seed is used"));
      assertThat(EnvRegistry.spec(c.id()).maxEpisodeSteps()).isEqualTo(50);
    }
  }

  @Test
  void wallsBlockEvenAtFullSpeedAndMovesSlideAlongThem() {
    PointMaze env = new PointMaze(Mazes.SPARSE);
    float[] obs = new float[2];
    env.reset(0, obs, 0);
    env.setState(new double[] {0.0, -0.6});
    env.step(act(0, 1), 0, obs, 0); // straight into the wall at y = -0.52: stays
    assertThat(obs[1]).isEqualTo(-0.6f);
    env.step(act(1, 1), 0, obs, 0); // diagonal: slides right along the wall
    assertThat(obs[0]).isCloseTo(0.2f, Offset.offset(1e-6f));
    assertThat(obs[1]).isEqualTo(-0.6f);
    env.setState(new double[] {0.8, -0.6});
    env.step(act(0, 1), 0, obs, 0); // through the gap on the right
    assertThat(obs[1]).isCloseTo(-0.4f, Offset.offset(1e-6f));
  }

  @Test
  void theBorderClampsAndTheGoalPaysAndTerminates() {
    PointMaze env = new PointMaze(Mazes.SPARSE);
    float[] obs = new float[2];
    env.reset(0, obs, 0);
    env.setState(new double[] {-0.7, -0.7});
    env.step(act(-1, -1), 0, obs, 0);
    assertThat(obs).containsExactly(-0.9f, -0.9f);
    env.step(act(-1, -1), 0, obs, 0);
    assertThat(obs).containsExactly(-1f, -1f);
    env.setState(new double[] {-0.5, 0.75});
    assertThat(env.step(act(-0.5, 0), 0, obs, 0)).isZero();
    assertThat(env.terminated()).isFalse();
    assertThat(env.step(act(-0.5, 0), 0, obs, 0)).isEqualTo(1.0);
    assertThat(env.terminated()).isTrue();
  }

  @Test
  void gradedZonesPayLessAtTheRimAndDoNotTerminate() {
    PointMaze env = new PointMaze(Mazes.TWO_ZONES);
    float[] obs = new float[2];
    env.reset(0, obs, 0);
    env.setState(new double[] {-0.7, 0.71});
    double r = env.step(act(0, 0), 0, obs, 0);
    assertThat(r).isCloseTo(10 * (1 - 0.04 / 0.08), Offset.offset(1e-6));
    assertThat(env.terminated()).isFalse();
  }

  @Test
  void aStartOnAWallIsRefused() {
    assertThatThrownBy(() -> new MazeConfig("Bad-v0", Mazes.S_WALLS, 0.0, -0.5, 0.0,
        Mazes.SPARSE.zones(), 0.1, true, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start region");
  }

  @Test
  void discImagePeaksAtThePosition() {
    float[] img = MazeImages.disc(0.9, 0.9, 16, 0.1);
    int argmax = 0;
    for (int i = 1; i < img.length; i++) if (img[i] > img[argmax]) argmax = i;
    assertThat(argmax).isEqualTo(15); // top-right pixel
    FlatEnv made = EnvRegistry.make("PointMazeTwoZones-v0");
    assertThat(made.unwrapped()).isInstanceOf(PointMaze.class);
  }
}
