package org.rewardlab.envs.classic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.FlatEnvs;
import org.rewardlab.core.env.HasState;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;

/**
 * The checkpoint encoding of the classic-control envs: its word layout is pinned (checkpoints
 * written by earlier builds must still load), and saving then loading into a fresh instance
 * continues the run bit for bit, next resets included.
 */
class ClassicCheckpointTest {

  /** Env, whether its layout has the terminated flag, whether it has CartPole's extra counter. */
  static Stream<Arguments> envs() {
    return Stream.of(
        Arguments.of("CartPole-v1", (Supplier<FlatEnv>) CartPole::new, true, true),
        Arguments.of("MountainCar-v0", (Supplier<FlatEnv>) MountainCar::new, true, false),
        Arguments.of("MountainCarContinuous-v0", (Supplier<FlatEnv>) MountainCarContinuous::new, true, false),
        Arguments.of("Acrobot-v1", (Supplier<FlatEnv>) Acrobot::new, true, false),
        Arguments.of("Pendulum-v1", (Supplier<FlatEnv>) Pendulum::new, false, false));
  }

  /**
   * Words: state length, state doubles (raw bits), [terminated 0/1], [CartPole's
   * steps_beyond_terminated], the RNG state's length, then the RandomSource state words.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("envs")
  void layoutIsStateThenFlagsThenRandomStream(
      String id, Supplier<FlatEnv> make, boolean hasTerminated, boolean hasStepsBeyond) {
    FlatEnv env = make.get();
    assertThat(env.spec().id()).isEqualTo(id);
    // run CartPole past termination so that its counter is not the default
    drive(env, 3, 400);
    double[] state = ((HasState) env.unwrapped()).state();
    StateBuffer out = new StateBuffer();
    ((Checkpointable) env).saveState(out);
    long[] words = out.toArray();

    List<Long> expected = new ArrayList<>();
    expected.add((long) state.length);
    for (double d : state) expected.add(Double.doubleToRawLongBits(d));
    if (hasTerminated) expected.add(env.terminated() ? 1L : 0L);
    int fixed = expected.size() + (hasStepsBeyond ? 1 : 0);
    int rngWords = RandomSource.of(0).state().length;
    assertThat(words).hasSize(fixed + 1 + rngWords);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(words[i]).as("%s word %d", id, i).isEqualTo(expected.get(i));
    }
    if (hasStepsBeyond) {
      assertThat(env.terminated()).as("CartPole was driven past termination").isTrue();
      assertThat(words[fixed - 1]).as("steps_beyond_terminated").isPositive();
    }
    assertThat(words[fixed]).as("RNG state length").isEqualTo(rngWords);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("envs")
  void loadingIntoAFreshInstanceContinuesBitForBit(
      String id, Supplier<FlatEnv> make, boolean hasTerminated, boolean hasStepsBeyond) {
    FlatEnv original = make.get();
    drive(original, 8, 37);
    StateBuffer saved = new StateBuffer();
    ((Checkpointable) original).saveState(saved);

    FlatEnv restored = make.get();
    float[] scratch = new float[restored.observationSize()];
    restored.reset(12345, scratch, 0); // something else first: load must overwrite all of it
    StateBuffer in = StateBuffer.of(saved.toArray());
    ((Checkpointable) restored).loadState(in);
    assertThat(in.fullyRead()).isTrue();
    assertThat(((HasState) restored.unwrapped()).state()).containsExactly(((HasState) original.unwrapped()).state());
    assertThat(restored.terminated()).isEqualTo(original.terminated());

    List<String> expected = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    continueRun(original, 600, expected);
    continueRun(restored, 600, actual);
    assertThat(actual).isEqualTo(expected);
    assertThat(expected.stream().filter(s -> s.startsWith("reset"))).as("resets exercised").isNotEmpty();
  }

  /** Seeded reset, then {@code steps} random actions without resetting. */
  private static void drive(FlatEnv env, long seed, int steps) {
    float[] obs = new float[env.observationSize()];
    float[] action = new float[env.actionSize()];
    RandomSource actions = RandomSource.of(seed).derive("actions");
    env.reset(seed, obs, 0);
    for (int i = 0; i < steps; i++) {
      FlatEnvs.sampleAction(env.actionSpace(), actions, action, 0);
      env.step(action, 0, obs, 0);
    }
  }

  /** Random actions; resets (continuing the env's stream) at termination and every 50 steps. */
  private static void continueRun(FlatEnv env, int steps, List<String> log) {
    float[] obs = new float[env.observationSize()];
    float[] action = new float[env.actionSize()];
    RandomSource actions = RandomSource.of(99);
    for (int i = 0; i < steps; i++) {
      FlatEnvs.sampleAction(env.actionSpace(), actions, action, 0);
      double r = env.step(action, 0, obs, 0);
      log.add(java.util.Arrays.toString(obs) + " " + r + " " + env.terminated());
      if (env.terminated() || i % 50 == 49) {
        env.reset(obs, 0);
        log.add("reset " + java.util.Arrays.toString(obs));
      }
    }
  }
}
