package org.rewardlab.testkit.wrappers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.env.Env;
import org.rewardlab.core.env.Step;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.wrappers.VectorObservationNormalizer;
import org.rewardlab.core.wrappers.VectorRewardNormalizer;

/**
 * The library's in-place vector normalizers give, number for number, what Gymnasium's per-env
 * wrappers give: the check that {@link VectorObservationNormalizer} and {@link VectorRewardNormalizer}
 * keep CleanRL's semantics.
 */
class VectorNormalizersMatchGymnasiumWrappersTest {
  private static final int N = 3;
  private static final int STEPS = 60;

  /**
   * CleanRL wraps each sub-env: NormalizeObservation, clip obs ±10, NormalizeReward, clip reward ±10,
   * under same-step autoreset. The vector normalizers on raw buffers must give the same numbers.
   */
  @Test
  void perEnvModeEqualsPerEnvWrappersUnderSameStepAutoreset() {
    long seed = 17;
    // reference: N independent wrapped envs
    List<NormalizeObservation<Integer>> obsWrappers = new ArrayList<>();
    List<Env<float[], Integer>> wrapped = new ArrayList<>();
    for (int e = 0; e < N; e++) {
      NormalizeObservation<Integer> no = new NormalizeObservation<>(new TimeLimit<>(new CounterEnv(7 + e), 5), 1e-8, 10);
      obsWrappers.add(no);
      wrapped.add(new TransformReward<>(new NormalizeReward<>(no, 0.99, 1e-8), r -> Math.min(Math.max(r, -10), 10)));
    }
    // candidate: raw envs + vector normalizers
    List<Env<float[], Integer>> raw = new ArrayList<>();
    for (int e = 0; e < N; e++) raw.add(new TimeLimit<>(new CounterEnv(7 + e), 5));
    VectorObservationNormalizer von = VectorObservationNormalizer.cleanRl(N, 2);
    VectorRewardNormalizer vrn = VectorRewardNormalizer.cleanRl(N, 0.99);

    float[] refObs = new float[N * 2];
    float[] obs = new float[N * 2];
    float[] refFinal = new float[N * 2];
    float[] fin = new float[N * 2];
    for (int e = 0; e < N; e++) {
      System.arraycopy(wrapped.get(e).reset(seed + e).observation(), 0, refObs, e * 2, 2);
      System.arraycopy(raw.get(e).reset(seed + e).observation(), 0, obs, e * 2, 2);
    }
    von.normalizeReset(obs);
    assertThat(obs).isEqualTo(refObs);

    RandomSource actions = RandomSource.of(seed).derive("actions");
    double[] rewards = new double[N];
    double[] refRewards = new double[N];
    boolean[] terminated = new boolean[N];
    boolean[] done = new boolean[N];
    int episodesEnded = 0;
    for (int t = 0; t < STEPS; t++) {
      for (int e = 0; e < N; e++) {
        int a = actions.nextInt(3);
        Step<float[]> rs = wrapped.get(e).step(a);
        Step<float[]> s = raw.get(e).step(a);
        refRewards[e] = rs.reward();
        rewards[e] = s.reward();
        terminated[e] = s.terminated();
        done[e] = s.done();
        System.arraycopy(rs.observation(), 0, refFinal, e * 2, 2);
        System.arraycopy(s.observation(), 0, fin, e * 2, 2);
        if (s.done()) {
          episodesEnded++;
          System.arraycopy(wrapped.get(e).reset().observation(), 0, refObs, e * 2, 2);
          System.arraycopy(raw.get(e).reset().observation(), 0, obs, e * 2, 2);
        } else {
          System.arraycopy(rs.observation(), 0, refObs, e * 2, 2);
          System.arraycopy(s.observation(), 0, obs, e * 2, 2);
        }
      }
      von.normalizeStep(obs, fin, done);
      vrn.normalize(rewards, terminated, rewards);
      assertThat(obs).isEqualTo(refObs);
      assertThat(rewards).isEqualTo(refRewards);
      for (int e = 0; e < N; e++) {
        if (done[e]) assertThat(Arrays.copyOfRange(fin, e * 2, e * 2 + 2)).isEqualTo(Arrays.copyOfRange(refFinal, e * 2, e * 2 + 2));
      }
    }
    assertThat(episodesEnded).isGreaterThan(10);
    for (int e = 0; e < N; e++) {
      assertThat(von.statistics()[e].snapshot()).isEqualTo(obsWrappers.get(e).statistics().snapshot());
    }
  }
}
