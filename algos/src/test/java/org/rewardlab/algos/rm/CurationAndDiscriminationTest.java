package org.rewardlab.algos.rm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;

class CurationAndDiscriminationTest {
  @Test
  void retrievalSizeIsKMaxWhereTheModelIsWrongAndShrinksWithConfidence() {
    assertThat(Curation.retrievalK(0.2, 8)).isEqualTo(8);
    assertThat(Curation.retrievalK(0.5, 8)).isEqualTo(8);
    assertThat(Curation.retrievalK(0.6, 8)).isEqualTo(4); // ⌈8 · 0.4⌉ = ⌈3.2⌉
    assertThat(Curation.retrievalK(0.99, 8)).isEqualTo(1);
    assertThat(Curation.retrievalK(1.0, 8)).isEqualTo(0);
    assertThatThrownBy(() -> Curation.retrievalK(1.5, 8)).hasMessageContaining("[0, 1]");
  }

  private static RmPair vec(float w, float l) {
    return RmPair.of(RmInput.vector(new float[] {w, 0}), RmInput.vector(new float[] {l, 0}));
  }

  @Test
  void consistencyFilterKeepsOnlyPairsBothModelsAgreeWith() {
    RmConfig cfg = RmConfig.defaults().withFeatures(256, List.of()).withTraining(30, 8, 0.05);
    List<RmPair> up = new ArrayList<>();
    List<RmPair> down = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      up.add(vec(i % 4 + 1, -(i % 3) - 1)); // larger x0 wins
      down.add(vec(-(i % 4) - 1, i % 3 + 1)); // smaller x0 wins
    }
    try (TrainedRewardModel a = RewardModels.train(up, cfg, 1, "up").model();
        TrainedRewardModel b = RewardModels.train(up, cfg, 2, "up").model();
        TrainedRewardModel c = RewardModels.train(down, cfg, 3, "down").model()) {
      List<RmPair> probe = List.of(vec(2, -1), vec(-1, 2), vec(3, 0));
      assertThat(Curation.probabilities(a, probe)[0]).isGreaterThan(0.5);
      assertThat(Curation.consistent(a, b, probe)).containsExactly(0, 2);
      assertThat(Curation.consistent(a, c, probe)).isEmpty();
    }
  }

  @Test
  void discriminatorInputAndPretrainingPairsComeFromTheRightPolicies() {
    assertThat(PolicyDiscrimination.input(new float[] {1, 2}, new float[] {3, 4})).containsExactly(1, 2, 3, 4, 3, 8);
    // policy i always returns the constant vector (i, i)
    List<Function<RandomSource, float[]>> policies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      float v = i;
      policies.add(r -> new float[] {v, v});
    }
    List<RmPair> pairs = PolicyDiscrimination.pretrainingPairs(policies, 200, RandomSource.of(3));
    assertThat(pairs).hasSize(200);
    boolean[] seen = new boolean[3];
    for (RmPair p : pairs) {
      float[] c = p.chosen().features();
      float[] r = p.rejected().features();
      assertThat(c[0]).isEqualTo(r[0]); // the same reference
      assertThat(c[2]).isEqualTo(c[0]); // y⁺ from the reference's policy
      assertThat(r[2]).isNotEqualTo(r[0]); // y⁻ from another one
      seen[(int) r[2]] = true;
    }
    assertThat(seen).containsOnly(true);
    assertThatThrownBy(() -> PolicyDiscrimination.pretrainingPairs(policies.subList(0, 1), 1, RandomSource.of(1)))
        .hasMessageContaining("at least 2");
  }

  @Test
  void fineTuningContinuesFromThePretrainedWeights() {
    RmConfig cfg = RmConfig.defaults().withFeatures(256, List.of()).withTraining(20, 8, 0.05);
    List<RmPair> up = new ArrayList<>();
    for (int i = 0; i < 16; i++) up.add(vec(i % 4 + 1, -(i % 3) - 1));
    try (TrainedRewardModel m = RewardModels.train(up, cfg, 1, "up").model()) {
      double before = Curation.probabilities(m, List.of(vec(1, -1)))[0];
      List<RmTrainer.Report> reps = PolicyDiscrimination.fineTune(m, up, cfg.withTraining(5, 8, 0.05), RandomSource.of(2));
      assertThat(reps).hasSize(1);
      // already trained: fine-tuning starts at a low loss and sharpens the same direction
      assertThat(reps.get(0).losses()[0]).isLessThan(0.2);
      assertThat(Curation.probabilities(m, List.of(vec(1, -1)))[0]).isGreaterThanOrEqualTo(before);
    }
  }
}
