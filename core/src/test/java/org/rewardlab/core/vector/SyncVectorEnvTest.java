package org.rewardlab.core.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatTimeLimit;
import org.rewardlab.core.random.RandomSource;

class SyncVectorEnvTest {

  @Test
  void resetSeedsEnvIWithSeedPlusI() {
    SyncVectorEnv v = new SyncVectorEnv(FlatTimeLimit.ofSpec(new WalkEnv()), 4);
    float[] obs = v.reset(10).clone();
    for (int i = 0; i < 4; i++) {
      float[] single = new float[2];
      new WalkEnv().reset(10 + i, single, 0);
      assertThat(Arrays.copyOfRange(obs, 2 * i, 2 * i + 2)).containsExactly(single);
    }
  }

  @Test
  void autoresetKeepsTheFinalObservationAndStatistics() {
    SyncVectorEnv v = new SyncVectorEnv(new WalkEnv(new EnvSpec("Walk-v0", 0, null)), 1);
    float[] obs = v.reset(1);
    int x0 = (int) obs[0];
    float[] right = {1};
    double ret = 0;
    int steps = 3 - x0; // right until x == 3
    for (int k = 1; k <= steps; k++) {
      v.step(right);
      ret += x0 + k;
      if (k < steps) {
        assertThat(v.terminated()[0]).isFalse();
        assertThat(v.observations()[0]).isEqualTo(x0 + k);
      }
    }
    assertThat(v.terminated()[0]).isTrue();
    assertThat(v.truncated()[0]).isFalse();
    assertThat(v.rewards()[0]).isEqualTo(3.0);
    assertThat(v.finalObservations()).containsExactly(3f, steps);
    assertThat(v.observations()[1]).as("obs is the first of the next episode").isEqualTo(0f);
    assertThat(v.episodeReturns()[0]).isEqualTo(ret);
    assertThat(v.episodeLengths()[0]).isEqualTo(steps);
    v.step(right);
    assertThat(v.terminated()[0]).isFalse();
  }

  @Test
  void truncationAtTheTimeLimitIsNotTermination() {
    // Alternating actions never reach |x| = 3: the time limit of 5 truncates.
    SyncVectorEnv v = new SyncVectorEnv(FlatTimeLimit.ofSpec(new WalkEnv()), 2);
    v.reset(0);
    float[] actions = new float[2];
    for (int k = 1; k <= 5; k++) {
      float a = k % 2;
      actions[0] = a;
      actions[1] = 1 - a;
      v.step(actions);
      boolean last = k == 5;
      for (int i = 0; i < 2; i++) {
        assertThat(v.terminated()[i]).isFalse();
        assertThat(v.truncated()[i]).as("env %d step %d", i, k).isEqualTo(last);
      }
    }
    assertThat(v.episodeLengths()).containsExactly(5, 5);
    assertThat(v.finalObservations()[1]).isEqualTo(5f);
    assertThat(v.finalObservations()[3]).isEqualTo(5f);
    assertThat(v.observations()[1]).isEqualTo(0f);
    assertThat(v.observations()[3]).isEqualTo(0f);
  }

  /**
   * Gymnasium's TimeLimit semantics: the limit truncates whether or not the same step terminated; a
   * learner bootstraps only where truncated and not terminated.
   */
  @Test
  void terminationOnTheLastAllowedStepIsBothTerminatedAndTruncated() {
    // x0 + 5 steps right reaches 3 exactly at step 5 when x0 = -2; with x0 in {-1,0,1} it reaches
    // 3 at step 2..4, so use a limit equal to the termination step.
    SyncVectorEnv probe = new SyncVectorEnv(FlatTimeLimit.ofSpec(new WalkEnv()), 1);
    int x0 = (int) probe.reset(3)[0];
    int limit = 3 - x0;
    SyncVectorEnv v = new SyncVectorEnv(List.of(FlatTimeLimit.ofSpec(new WalkEnv(new EnvSpec("Walk-v0", limit, null)))));
    v.reset(3);
    for (int k = 0; k < limit; k++) v.step(new float[] {1});
    assertThat(v.terminated()[0]).isTrue();
    assertThat(v.truncated()[0]).isTrue();
    assertThat(v.episodeEnds()).singleElement().satisfies(e -> assertThat(e.terminated()).isTrue());
  }

  @Test
  void episodeEndsReportEachEndedEpisodeAndAreReused() {
    SyncVectorEnv v = new SyncVectorEnv(FlatTimeLimit.ofSpec(new WalkEnv()), 2);
    v.reset(0);
    float[] actions = new float[2];
    List<EpisodeEnd> seen = new ArrayList<>();
    for (int k = 1; k <= 5; k++) {
      actions[0] = k % 2;
      actions[1] = 1 - k % 2;
      v.step(actions);
      if (k < 5) assertThat(v.episodeEnds()).isEmpty();
      for (EpisodeEnd e : v.episodeEnds()) seen.add(e.copy());
    }
    assertThat(seen).extracting(EpisodeEnd::env).containsExactly(0, 1);
    assertThat(seen).allSatisfy(e -> {
      assertThat(e.length()).isEqualTo(5);
      assertThat(e.terminated()).isFalse();
      assertThat(e.hasTerms()).isFalse();
      assertThat(e.envReturn()).isEqualTo(e.trainedReturn());
    });
    assertThat(seen.get(0).envReturn()).isEqualTo(v.episodeReturns()[0]);
    v.step(actions);
    assertThat(v.episodeEnds()).isEmpty();
  }

  @Test
  void sameSeedTwiceGivesIdenticalRollouts() {
    assertThat(rollout(7)).isEqualTo(rollout(7));
    assertThat(rollout(7)).isNotEqualTo(rollout(8));
  }

  private static List<String> rollout(long seed) {
    SyncVectorEnv v = new SyncVectorEnv(FlatTimeLimit.ofSpec(new WalkEnv()), 3);
    RandomSource rng = RandomSource.of(99);
    List<String> log = new ArrayList<>();
    v.reset(seed);
    float[] actions = new float[3];
    for (int k = 0; k < 100; k++) {
      for (int i = 0; i < 3; i++) actions[i] = rng.nextInt(2);
      v.step(actions);
      log.add(Arrays.toString(v.observations()) + Arrays.toString(v.rewards()) + Arrays.toString(v.terminated())
          + Arrays.toString(v.truncated()));
    }
    return log;
  }

  @Test
  void buffersAreReusedAndMisuseIsRejected() {
    SyncVectorEnv v = new SyncVectorEnv(FlatTimeLimit.ofSpec(new WalkEnv()), 2);
    assertThatThrownBy(() -> v.step(new float[2])).isInstanceOf(IllegalStateException.class);
    float[] obs = v.reset(0);
    v.step(new float[] {0, 1});
    assertThat(v.observations()).isSameAs(obs);
    assertThatThrownBy(() -> v.step(new float[1])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> v.step(new float[] {0, 7})).isInstanceOf(IllegalArgumentException.class);
    WalkEnv same = new WalkEnv();
    assertThatThrownBy(() -> new SyncVectorEnv(List.of(same, same))).isInstanceOf(IllegalArgumentException.class);
    assertThat(v.numEnvs()).isEqualTo(2);
    assertThat(v.spec()).isEqualTo(WalkEnv.SPEC);
  }
}
