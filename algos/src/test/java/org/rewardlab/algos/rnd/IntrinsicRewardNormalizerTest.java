package org.rewardlab.algos.rnd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.wrappers.RunningMeanStd;

class IntrinsicRewardNormalizerTest {
  @Test
  void forwardFilterRunsAcrossRolloutsAndTheStdDividesWithoutCentering() {
    IntrinsicRewardNormalizer n = new IntrinsicRewardNormalizer(2, 0.5);
    // T = 2, N = 2, row-major t*N + i
    float[] r = {1f, 2f, 1f, 0f};
    double std = n.normalize(r, 2);
    // G: env0 = 1, 1.5; env1 = 2, 1 -> batch mean 1.375, population var 0.171875; merged with (0, 1, 1e-4)
    RunningMeanStd ref = new RunningMeanStd(1);
    ref.update(new double[] {1, 2, 1.5, 1}, 4);
    assertThat(std).isCloseTo(Math.sqrt(ref.var(0)), within(1e-12));
    assertThat(r[0]).isCloseTo((float) (1 / std), within(1e-6f));
    assertThat(r[1]).isCloseTo((float) (2 / std), within(1e-6f));
    assertThat(r[3]).isZero();
    assertThat(n.filters()).containsExactly(1.5, 1.0);
    // the filter carries over into the next rollout (non-episodic)
    float[] r2 = {0f, 0f};
    n.normalize(r2, 1);
    assertThat(n.filters()).containsExactly(0.75, 0.5);
    IntrinsicRewardNormalizer copy = new IntrinsicRewardNormalizer(2, 0.5);
    copy.restore(n.statistics(), n.filters());
    assertThat(copy.statistics()).isEqualTo(n.statistics());
  }
}
