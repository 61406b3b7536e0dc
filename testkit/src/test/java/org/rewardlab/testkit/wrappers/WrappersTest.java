package org.rewardlab.testkit.wrappers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.env.Env;
import org.rewardlab.core.env.Reset;
import org.rewardlab.core.env.Step;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.wrappers.RunningMeanStd;

class WrappersTest {

  @Test
  void timeLimitTruncatesAtTheLimitAndRestartsOnReset() {
    TimeLimit<float[], Integer> env = new TimeLimit<>(new CounterEnv(100), 3);
    env.reset(1);
    Step<float[]> s1 = env.step(0);
    Step<float[]> s2 = env.step(0);
    Step<float[]> s3 = env.step(0);
    assertThat(s1.truncated()).isFalse();
    assertThat(s2.truncated()).isFalse();
    assertThat(s3.truncated()).isTrue();
    assertThat(s3.terminated()).isFalse();
    assertThat(s3.info()).containsKey("count");
    assertThat(env.elapsedSteps()).isEqualTo(3);
    env.reset();
    assertThat(env.elapsedSteps()).isZero();
    assertThat(env.step(1).truncated()).isFalse();
    assertThat(env.spec().maxEpisodeSteps()).isEqualTo(3);
  }

  @Test
  void timeLimitKeepsTerminatedWhenBothHappen() {
    // seed 3 starts the counter somewhere in 0..2; terminate when the limit is hit exactly
    CounterEnv inner = new CounterEnv(3);
    int start = (int) inner.reset(3).observation()[0];
    TimeLimit<float[], Integer> env = new TimeLimit<>(new CounterEnv(3), 3 - start);
    env.reset(3);
    Step<float[]> last = null;
    for (int i = 0; i < 3 - start; i++) last = env.step(0);
    assertThat(last.terminated()).isTrue();
    assertThat(last.truncated()).isTrue();
  }

  @Test
  void timeLimitFromSpec() {
    assertThat(TimeLimit.fromSpec(new CounterEnv(100, 7)).maxEpisodeSteps()).isEqualTo(7);
    assertThatThrownBy(() -> TimeLimit.fromSpec(new CounterEnv(100, 0))).hasMessageContaining("no time limit");
    assertThatThrownBy(() -> new TimeLimit<>(new CounterEnv(1), 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void transformRewardChangesOnlyTheRewardAndForwardsTheRest() {
    CounterEnv inner = new CounterEnv(100, 9);
    TransformReward<float[], Integer> t = new TransformReward<>(inner, r -> 2 * r);
    assertThat(t.inner()).isSameAs(inner);
    assertThat(t.spec()).isEqualTo(inner.spec());
    assertThat(t.actionSpace()).isEqualTo(inner.actionSpace());
    int c = (int) t.reset(5).observation()[0];
    Step<float[]> s = t.step(1);
    assertThat(s.reward()).isEqualTo(2 * (1 + 0.5 * (c + 1)));
    assertThat(s.observation()).containsExactly(c + 1, 10 - (c + 1));
    assertThat(s.info()).containsEntry("count", c + 1);
    Env<float[], Integer> clipped = clip(new CounterEnv(100), 1.25);
    clipped.reset(5);
    assertThat(clipped.step(2).reward()).isEqualTo(1.25);
  }

  /** CleanRL's reward clip: {@code TransformReward(env, lambda r: np.clip(r, -bound, bound))}. */
  private static <O, A> Env<O, A> clip(Env<O, A> env, double bound) {
    return new TransformReward<>(env, r -> Math.min(Math.max(r, -bound), bound));
  }

  @Test
  void normalizeObservationMatchesTheHandComputedFirstSteps() {
    NormalizeObservation<Integer> env = new NormalizeObservation<>(new CounterEnv(100));
    float[] o0 = env.reset(2).observation();
    float x0 = new CounterEnv(100).reset(2).observation()[0];
    // first sample: count 1e-4 + 1, mean x/1.0001, var (1e-4 + x^2 * 1e-4 / 1.0001) / 1.0001
    double tot = 1e-4 + 1;
    double mean = x0 * 1 / tot;
    double var = (1.0 * 1e-4 + 0 + (double) x0 * x0 * 1e-4 * 1 / tot) / tot;
    assertThat(o0[0]).isEqualTo((float) ((x0 - mean) / Math.sqrt(var + 1e-8)));
    // second sample x1 = x0 + 1
    float[] o1 = env.step(0).observation();
    double x1 = x0 + 1;
    double delta = x1 - mean;
    double tot2 = tot + 1;
    double mean2 = mean + delta * 1 / tot2;
    double var2 = (var * tot + 0 + delta * delta * tot * 1 / tot2) / tot2;
    assertThat(o1[0]).isEqualTo((float) ((x1 - mean2) / Math.sqrt(var2 + 1e-8)));
    assertThat(env.statistics().count()).isEqualTo(tot2);
    assertThat(env.observationSpace()).isEqualTo(Box.uniform(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 2));
  }

  @Test
  void normalizeObservationClipsAndFreezes() {
    NormalizeObservation<Integer> env = new NormalizeObservation<>(new CounterEnv(1000), 1e-8, 0.5);
    env.reset(0);
    for (int i = 0; i < 20; i++) {
      for (float v : env.step(0).observation()) assertThat(v).isBetween(-0.5f, 0.5f);
    }
    RunningMeanStd.State before = env.statistics().snapshot();
    env.setFrozen(true);
    env.step(0);
    assertThat(env.statistics().snapshot()).isEqualTo(before);
    env.setFrozen(false);
    env.step(0);
    assertThat(env.statistics().snapshot()).isNotEqualTo(before);
  }

  @Test
  void normalizeRewardMatchesGymnasiumsRuleByHand() {
    double gamma = 0.9;
    NormalizeReward<float[], Integer> env = new NormalizeReward<>(new CounterEnv(4), gamma, 1e-8);
    RecordingRms ref = new RecordingRms();
    int c = (int) env.reset(7).observation()[0];
    double g = 0;
    for (int i = 0; i < 12; i++) {
      Step<float[]> s = env.step(1);
      c++;
      double r = 1 + 0.5 * c;
      boolean term = c >= 4;
      g = g * gamma * (term ? 0 : 1) + r;
      ref.add(g);
      assertThat(s.reward()).isEqualTo(r / Math.sqrt(ref.var + 1e-8));
      assertThat(env.accumulatedReturn()).isEqualTo(g);
      if (term) {
        assertThat(env.accumulatedReturn()).isEqualTo(r); // restarted at the terminal step
        c = (int) env.reset().observation()[0];
      }
    }
  }

  /** Scalar Chan update written out plainly, as the reference. */
  private static final class RecordingRms {
    double mean = 0;
    double var = 1;
    double count = 1e-4;

    void add(double x) {
      double delta = x - mean;
      double tot = count + 1;
      double newMean = mean + delta * 1 / tot;
      double m2 = var * count + 0 * 1 + delta * delta * count * 1 / tot;
      mean = newMean;
      var = m2 / tot;
      count = tot;
    }
  }

  @Test
  void sameSeedTwiceGivesTheSameWrappedTrajectory() {
    assertThat(trajectory(123)).isEqualTo(trajectory(123));
    assertThat(trajectory(123)).isNotEqualTo(trajectory(124));
  }

  private static List<String> trajectory(long seed) {
    Env<float[], Integer> env =
        clip(new NormalizeReward<>(new NormalizeObservation<>(new TimeLimit<>(new CounterEnv(9), 6))), 10);
    RandomSource actions = RandomSource.of(seed).derive("actions");
    List<String> out = new ArrayList<>();
    Reset<float[]> r = env.reset(seed);
    out.add(java.util.Arrays.toString(r.observation()));
    for (int i = 0; i < 40; i++) {
      Step<float[]> s = env.step(env.actionSpace().sample(actions));
      out.add(java.util.Arrays.toString(s.observation()) + " " + s.reward() + " " + s.terminated() + " " + s.truncated() + " " + s.info());
      if (s.done()) env.reset();
    }
    return out;
  }
}
