package org.rewardlab.algos.qd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.search.qd.Evaluation;

class AutoencoderSpaceTest {
  /** Blurred-disc images (σ = 0.4) of random positions, 8 x 8, as the maze's MazeImages.disc. */
  static List<float[]> images(int n, long seed) {
    RandomSource rng = RandomSource.of(seed);
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double x = rng.uniform(-1, 1);
      double y = rng.uniform(-1, 1);
      float[] img = new float[64];
      for (int r = 0; r < 8; r++) {
        for (int c = 0; c < 8; c++) {
          double cx = (c + 0.5) / 4 - 1;
          double cy = 1 - (r + 0.5) / 4;
          img[r * 8 + c] = (float) Math.exp(-((cx - x) * (cx - x) + (cy - y) * (cy - y)) / (2 * 0.16));
        }
      }
      out.add(img);
    }
    return out;
  }

  static List<Evaluation> evals(List<float[]> imgs) {
    List<Evaluation> e = new ArrayList<>();
    for (float[] i : imgs) e.add(new Evaluation(0, new double[] {0}, i, 1));
    return e;
  }

  static AutoencoderSpace space(long seed) {
    return new AutoencoderSpace(new AutoencoderSpace.Config(64, new int[] {32}, 2, 32, 30, 1e-2), RandomSource.of(seed));
  }

  @Test
  void trainingLowersTheSurpriseOfHeldOutImagesAndGivesLatentCodes() {
    List<Evaluation> test = evals(images(50, 99));
    try (AutoencoderSpace ae = space(1)) {
      double before = mean(ae.surprise(test));
      int epochs = ae.fit(images(300, 1), RandomSource.of(2));
      double after = mean(ae.surprise(test));
      assertThat(epochs).isBetween(1, 30);
      assertThat(after).isLessThan(0.5 * before);
      double[][] bd = ae.describe(test);
      assertThat(bd).hasNumberOfRows(50);
      assertThat(bd[0]).hasSize(2);
      assertThat(ae.learned()).isTrue();
    }
  }

  @Test
  void sameSeedsSameCodes() {
    List<Evaluation> test = evals(images(10, 5));
    try (AutoencoderSpace a = space(3); AutoencoderSpace b = space(3)) {
      a.fit(images(100, 4), RandomSource.of(6));
      b.fit(images(100, 4), RandomSource.of(6));
      assertThat(b.describe(test)).isDeepEqualTo(a.describe(test));
    }
  }

  @Test
  void aMissingObservationIsExplained() {
    try (AutoencoderSpace a = space(1)) {
      assertThatThrownBy(() -> a.describe(List.of(new Evaluation(0, new double[] {0}, null, 1))))
          .hasMessageContaining("give the evaluator a view");
    }
  }

  private static double mean(double[] a) {
    double s = 0;
    for (double v : a) s += v;
    return s / a.length;
  }
}
