package org.rewardlab.envs.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.envs.EnvChecker;
import org.rewardlab.envs.EnvRegistry;

class Route2DTest {
  private static final float STRAIGHT_ACCEL = 5;
  private static final float STRAIGHT_COAST = 4;

  /** A straight route, parked cars 1.5 m left of the line at s = 15 and 40, stop line at 25, red for {@code red} s. */
  private static double[] straight(double x, double y, double speed, int t, double red) {
    return new double[] {x, y, 0, speed, t, Math.min(4, (int) (x / 10)), Math.max(0, x / 50), 0, 0, 0, 0,
        0, 0, 0, 0, 15, 40, 1, 1, 25, red};
  }

  @Test
  void drivingTheCentreLineAfterTheLightCompletesTheRouteWithScoreOne() {
    Route2D env = new Route2D();
    float[] obs = new float[17];
    env.reset(1, obs, 0);
    env.setState(straight(0, -0.6, 0, 0, 0)); // green light, 0.6 m right of the centre: clears both parked cars
    double ret = 0;
    int steps = 0;
    float[] a = {STRAIGHT_ACCEL};
    while (!env.terminated() && steps < 150) {
      a[0] = obs[4] * Route2D.MAX_SPEED < 5.5 ? STRAIGHT_ACCEL : STRAIGHT_COAST;
      ret += env.step(a, 0, obs, 0);
      steps++;
    }
    assertThat(env.terminated()).isTrue();
    assertThat(obs[13]).as("no collision").isZero();
    assertThat(obs[0]).isEqualTo(1f);
    assertThat(ret).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void runningTheRedLightEndsTheEpisodeWithSeventyPercentOfTheProgress() {
    Route2D env = new Route2D();
    float[] obs = new float[17];
    env.reset(1, obs, 0);
    env.setState(straight(24.5, 0, 6, 0, 9));
    double r = env.step(new float[] {STRAIGHT_COAST}, 0, obs, 0);
    assertThat(env.terminated()).isTrue();
    assertThat(obs[14]).isEqualTo(1f);
    assertThat(Route2D.RED_LIGHT.value(obs, 0)).isEqualTo(1.0);
    assertThat(Route2D.INFRACTION.value(obs, 0)).isEqualTo(1.0);
    double rcBefore = 24.5 / 50;
    double rcAfter = (24.5 + 1.2) / 50;
    assertThat(r).isCloseTo(rcAfter - rcBefore - 0.3 * rcAfter, within(1e-9));
  }

  @Test
  void aCollisionEndsTheEpisodeWithHalfTheProgress() {
    Route2D env = new Route2D();
    float[] obs = new float[17];
    env.reset(1, obs, 0);
    env.setState(straight(12.0, 1.5, 5, 0, 0)); // heading into the parked car at (15, 1.5)
    double ret = 0;
    while (!env.terminated()) ret += env.step(new float[] {STRAIGHT_COAST}, 0, obs, 0);
    assertThat(obs[13]).isEqualTo(1f);
    assertThat(Route2D.COLLISION.value(obs, 0)).isEqualTo(1.0);
    double rc = obs[0];
    assertThat(ret).isCloseTo(rc - 12.0 / 50 - 0.5 * rc, within(1e-6));
  }

  @Test
  void featuresMatchHandComputedValues() {
    float[] o = new float[17];
    o[0] = 0.4f;
    o[1] = -0.75f; // 1.5 m right of the centre
    o[2] = (float) Math.sin(0.3);
    o[3] = (float) Math.cos(0.3);
    o[4] = 0.8f; // 8 m/s
    o[16] = 0.6f; // desired 6 m/s
    assertThat(Route2D.COMPLETION.value(o, 0)).isCloseTo(0.4, within(1e-7));
    assertThat(Route2D.LATERAL.value(o, 0)).isCloseTo(0.75, within(1e-7));
    assertThat(Route2D.LATERAL_M.value(o, 0)).isCloseTo(1.5, within(1e-6));
    assertThat(Route2D.HEADING_ERROR.value(o, 0)).isCloseTo(0.3, within(1e-6));
    assertThat(Route2D.SPEED_EXCESS.value(o, 0)).isCloseTo(2 / 2.23, within(1e-6));
    assertThat(Route2D.SPEED_MATCH.value(o, 0)).isCloseTo(0.8, within(1e-6));
    assertThat(Route2D.INFRACTION.value(o, 0)).isZero();
  }

  @Test
  void passesTheEnvChecker() {
    assertThat(EnvChecker.check(EnvRegistry.make("Route2D-v0"), 5)).noneMatch(w -> w.contains("seed is used"));
  }
}
