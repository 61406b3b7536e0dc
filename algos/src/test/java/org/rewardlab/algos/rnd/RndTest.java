package org.rewardlab.algos.rnd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.nn.Adam;
import org.rewardlab.nn.Gradients;
import org.rewardlab.nn.Torch;

class RndTest {
  private static Rnd rnd(long seed) {
    return new Rnd(RndConfig.defaults(), 2, 1, RandomSource.of(seed), RandomSource.of(seed + 100));
  }

  @Test
  void inputsAreNormalizedAndClipped() {
    try (Rnd r = rnd(1)) {
      r.updateObservationStats(new float[] {0, 10, 2, 10, 4, 10}, 3);
      float[] out = new float[4];
      r.normalize(new float[] {2, 10, 1000, 10}, 2, out);
      assertThat(out[0]).isCloseTo(0f, within(1e-3f));
      assertThat(out[1]).isCloseTo(0f, within(0.01f)); // a constant input stays finite (var + 1e-8)
      assertThat(out[2]).isEqualTo(5f);
    }
  }

  @Test
  void trainingThePredictorLowersTheBonusOnVisitedStatesMoreThanOnNovelOnes() {
    Engine engine = Torch.init();
    try (Rnd r = rnd(2)) {
      RandomSource data = RandomSource.of(9);
      int m = 64;
      float[] seen = new float[m * 2];
      for (int i = 0; i < m; i++) {
        seen[2 * i] = (float) data.uniform(0, 1);
        seen[2 * i + 1] = (float) data.uniform(0, 1);
      }
      float[] all = new float[4 * m * 2];
      for (int i = 0; i < all.length; i++) all[i] = (float) data.uniform(0, 4);
      r.updateObservationStats(all, 4 * m);
      float[] novel = {3.5f, 3.5f, 3.8f, 3.2f};
      float[] before = new float[m];
      float[] novelBefore = new float[2];
      r.intrinsicRewards(seen, m, before);
      r.intrinsicRewards(novel, 2, novelBefore);
      Adam adam = new Adam(0.9, 0.999, 1e-5);
      List<NDArray> ps = r.parameters();
      for (int k = 0; k < 150; k++) {
        try (NDManager scope = Torch.manager(); GradientCollector gc = engine.newGradientCollector()) {
          gc.backward(r.forwardLoss(scope, seen, m));
        }
        adam.step(ps, Gradients.readAndZero(ps), 1e-3);
      }
      r.refresh();
      float[] after = new float[m];
      float[] novelAfter = new float[2];
      r.intrinsicRewards(seen, m, after);
      r.intrinsicRewards(novel, 2, novelAfter);
      double seenRatio = mean(after) / mean(before);
      double novelRatio = mean(novelAfter) / mean(novelBefore);
      assertThat(seenRatio).isLessThan(0.5);
      assertThat(novelRatio).isGreaterThan(seenRatio);

      Checkpoint.Builder b = Checkpoint.builder();
      r.writeState(b, "rnd.");
      try (Rnd copy = rnd(2)) {
        copy.readState(b.build(), "rnd.");
        float[] again = new float[m];
        copy.intrinsicRewards(seen, m, again);
        assertThat(again).containsExactly(after);
      }
    }
  }

  @Test
  void configValidationNamesTheField() {
    assertThatThrownBy(() -> RndConfig.defaults().withCoefficients(-1, 2)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("rnd.intCoef");
    assertThat(RndConfig.defaults().withInitObsIterations(3).initObsIterations()).isEqualTo(3);
  }

  private static double mean(float[] x) {
    double s = 0;
    for (float v : x) s += v;
    return s / x.length;
  }
}
