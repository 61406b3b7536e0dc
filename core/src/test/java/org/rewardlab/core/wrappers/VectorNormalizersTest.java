package org.rewardlab.core.wrappers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.wrappers.VectorObservationNormalizer.Mode;

/**
 * The vector normalizers on their own. Their match with Gymnasium's per-env wrappers under same-step
 * autoreset is checked in testkit ({@code VectorNormalizersMatchGymnasiumWrappersTest}), next to
 * those reference wrappers.
 */
class VectorNormalizersTest {
  private static final int N = 3;

  @Test
  void sharedModeUpdatesWithTheBatchAndNormalizesFinalObservationsWithoutUpdating() {
    VectorObservationNormalizer von = new VectorObservationNormalizer(2, 1, Mode.SHARED, 1e-8, Double.POSITIVE_INFINITY);
    float[] obs = {1f, 3f};
    float[] fin = {5f, 7f};
    von.normalizeStep(obs, fin, new boolean[] {false, true});
    RunningMeanStd ref = new RunningMeanStd(1);
    ref.updateFromMoments(new double[] {2}, new double[] {1}, 2);
    assertThat(von.statistics()[0].snapshot()).isEqualTo(ref.snapshot());
    assertThat(obs[0]).isEqualTo((float) ref.normalize(0, 1, 1e-8));
    assertThat(obs[1]).isEqualTo((float) ref.normalize(0, 3, 1e-8));
    assertThat(fin[0]).isEqualTo(5f); // not done: untouched
    assertThat(fin[1]).isEqualTo((float) ref.normalize(0, 7, 1e-8));
  }

  @Test
  void sharedRewardModeUsesOneVarianceOverAllReturns() {
    VectorRewardNormalizer vrn = new VectorRewardNormalizer(2, Mode.SHARED, 0.5, 1e-8, Double.POSITIVE_INFINITY);
    double[] out = new double[2];
    vrn.normalize(new double[] {1, 3}, new boolean[] {false, false}, out);
    RunningMeanStd ref = new RunningMeanStd(1);
    ref.update(new double[] {1, 3}, 2);
    assertThat(out[0]).isEqualTo(1 / Math.sqrt(ref.var(0) + 1e-8));
    assertThat(out[1]).isEqualTo(3 / Math.sqrt(ref.var(0) + 1e-8));
    vrn.normalize(new double[] {2, 2}, new boolean[] {true, false}, out);
    assertThat(vrn.accumulatedReturns()).containsExactly(2, 3 * 0.5 + 2);
  }

  @Test
  void snapshotRestoreContinuesBitExactly() throws Exception {
    VectorObservationNormalizer von = new VectorObservationNormalizer(N, 2, Mode.PER_ENV, 1e-8, 10);
    VectorRewardNormalizer vrn = VectorRewardNormalizer.cleanRl(N, 0.99);
    RandomSource rng = RandomSource.of(1);
    drive(von, vrn, rng, 30, null);
    RunningMeanStd.State[] obsState = von.snapshot();
    VectorRewardNormalizer.State rewState = vrn.snapshot();
    // through JSON, as a checkpoint would store it
    ObjectMapper json = Configs.jsonMapper();
    VectorRewardNormalizer.State rewBack = json.readValue(json.writeValueAsString(rewState), VectorRewardNormalizer.State.class);
    RunningMeanStd.State[] obsBack = json.readValue(json.writeValueAsString(obsState), RunningMeanStd.State[].class);
    assertThat(rewBack).isEqualTo(rewState);

    long[] rngState = rng.state();
    List<String> continued = new ArrayList<>();
    drive(von, vrn, rng, 30, continued);

    VectorObservationNormalizer von2 = new VectorObservationNormalizer(N, 2, Mode.PER_ENV, 1e-8, 10);
    VectorRewardNormalizer vrn2 = VectorRewardNormalizer.cleanRl(N, 0.99);
    von2.restore(obsBack);
    vrn2.restore(rewBack);
    List<String> resumed = new ArrayList<>();
    drive(von2, vrn2, RandomSource.fromState(rngState), 30, resumed);
    assertThat(resumed).isEqualTo(continued);
    assertThat(vrn2.snapshot()).isEqualTo(vrn.snapshot());
  }

  private static void drive(VectorObservationNormalizer von, VectorRewardNormalizer vrn, RandomSource rng, int steps, List<String> log) {
    float[] obs = new float[N * 2];
    float[] fin = new float[N * 2];
    double[] r = new double[N];
    boolean[] term = new boolean[N];
    boolean[] done = new boolean[N];
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < obs.length; i++) {
        obs[i] = (float) (5 * rng.nextGaussian() + i);
        fin[i] = (float) rng.nextGaussian();
      }
      for (int e = 0; e < N; e++) {
        r[e] = rng.nextGaussian();
        term[e] = rng.nextInt(10) == 0;
        done[e] = term[e] || rng.nextInt(20) == 0;
      }
      von.normalizeStep(obs, fin, done);
      vrn.normalize(r, term, r);
      if (log != null) log.add(java.util.Arrays.toString(obs) + java.util.Arrays.toString(fin) + java.util.Arrays.toString(r));
    }
  }

  @Test
  void frozenNormalizersLeaveStatisticsAlone() {
    VectorObservationNormalizer von = new VectorObservationNormalizer(2, 1, Mode.PER_ENV, 1e-8, 10);
    von.normalizeReset(new float[] {1, 2});
    RunningMeanStd.State[] before = von.snapshot();
    von.setFrozen(true);
    float[] obs = {4, 5};
    von.normalizeStep(obs, new float[2], new boolean[] {true, true});
    assertThat(von.snapshot()).isEqualTo(before);
    float[] evalObs = {4, 5};
    von.normalizeOnly(evalObs);
    assertThat(evalObs).isEqualTo(obs);
  }
}
