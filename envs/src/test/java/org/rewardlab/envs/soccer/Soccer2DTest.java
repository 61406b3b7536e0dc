package org.rewardlab.envs.soccer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.envs.EnvChecker;
import org.rewardlab.envs.EnvRegistry;

class Soccer2DTest {
  private static final float RIGHT = 7; // (ax, ay) = (+1, 0)

  @Test
  void pushingTheBallStraightAtTheGoalScoresOnceAndTerminates() {
    Soccer2D env = new Soccer2D();
    float[] obs = new float[8];
    env.reset(1, obs, 0);
    env.setState(new double[] {1.5, 1.0, 0, 0, 2.0, 1.0, 0, 0, 0});
    double ret = 0;
    int steps = 0;
    while (!env.terminated() && steps < 100) {
      ret += env.step(new float[] {RIGHT}, 0, obs, 0);
      steps++;
    }
    assertThat(env.terminated()).isTrue();
    assertThat(ret).isEqualTo(1.0);
    assertThat(obs[4]).as("ball x at the goal line").isGreaterThanOrEqualTo((float) (Soccer2D.WIDTH - Soccer2D.BALL_RADIUS));
    assertThat(steps).isBetween(5, 40);
  }

  @Test
  void aBallOffTheMouthBouncesOffTheWallWithoutAGoal() {
    Soccer2D env = new Soccer2D();
    float[] obs = new float[8];
    env.reset(1, obs, 0);
    env.setState(new double[] {0.5, 1.5, 0, 0, 2.5, 0.3, 3.0, 0, 0});
    double ret = 0;
    for (int i = 0; i < 4; i++) ret += env.step(new float[] {4}, 0, obs, 0);
    assertThat(ret).isZero();
    assertThat(env.terminated()).isFalse();
    assertThat(obs[6]).as("ball velocity reversed by the wall").isNegative();
  }

  @Test
  void featuresMatchHandComputedValues() {
    // agent (1, 1) moving (+1.5, 0); ball (2, 1) at rest; goal centre (3, 1)
    float[] o = {1, 1, 1.5f, 0, 2, 1, 0, 0};
    assertThat(Soccer2D.ALIGNMENT.value(o, 0)).isCloseTo(1.0, within(1e-12));
    assertThat(Soccer2D.BALL_DISTANCE.value(o, 0)).isCloseTo(1 - 0.17, within(1e-9));
    assertThat(Soccer2D.APPROACH_SPEED.value(o, 0)).isCloseTo(1.0, within(1e-12));
    assertThat(Soccer2D.BALL_PROGRESS.value(o, 0)).isCloseTo(1 - 1 / Math.hypot(3, 2), within(1e-9));
    // agent between ball and goal: misaligned
    float[] behind = {2.5f, 1, -1.5f, 0, 2, 1, -3, 0};
    assertThat(Soccer2D.ALIGNMENT.value(behind, 0)).isCloseTo(-1.0, within(1e-12));
    assertThat(Soccer2D.BALL_GOAL_SPEED.value(behind, 0)).isCloseTo(-1.0, within(1e-12));
    assertThat(EnvRegistry.potentials("Soccer2D-v0")).containsOnlyKeys(
        "soccer.alignment", "soccer.ball_distance", "soccer.approach_speed", "soccer.ball_goal_speed", "soccer.ball_progress");
  }

  @Test
  void passesTheEnvChecker() {
    assertThat(EnvChecker.check(EnvRegistry.make("Soccer2D-v0"), 5)).noneMatch(w -> w.contains("seed is used"));
  }
}
