package org.rewardlab.reward.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;

class CurationPartsTest {
  private static final float[][] POINTS = {{0, 0}, {1, 0}, {0, 2}, {5, 5}, {1, 0}};

  @Test
  void nearestNeighboursAreSortedByDistanceWithLowerIndexFirstOnTies() {
    assertThat(NearestNeighbours.nearest(POINTS, new float[] {0.9f, 0}, 3)).containsExactly(1, 4, 0);
    assertThat(NearestNeighbours.nearest(POINTS, new float[] {4, 4}, 1)).containsExactly(3);
    assertThat(NearestNeighbours.nearest(POINTS, new float[] {0, 0}, 10)).containsExactly(0, 1, 4, 2, 3);
    assertThat(NearestNeighbours.nearest(POINTS, new float[] {0, 0}, 0)).isEmpty();
  }

  @Test
  void nearestNeighboursSkipMarkedPointsAndRefuseBadShapes() {
    boolean[] skip = {true, true, false, false, false};
    assertThat(NearestNeighbours.nearest(POINTS, new float[] {0, 0}, 2, skip)).containsExactly(4, 2);
    assertThatThrownBy(() -> NearestNeighbours.nearest(POINTS, new float[] {0}, 1)).hasMessageContaining("point 0");
    assertThatThrownBy(() -> NearestNeighbours.nearest(POINTS, new float[] {0, 0}, 1, new boolean[2]))
        .hasMessageContaining("skip has 2");
  }

  @Test
  void guidedLabellerGetsBetterWithRelevantRetrievedGoldExamples() {
    float[][] keys = {{0, 0}, {0, 1}, {10, 10}, {10, 11}};
    int[] groups = {0, 0, 1, 1};
    GuidedLabeller ai = new GuidedLabeller(keys, groups, new double[] {0.4, 0.2}, 0.25, 2);
    // near the group-0 examples: 2 relevant → 0.4 · (1 − 0.5)
    assertThat(ai.relevant(new float[] {0, 0.5f}, 0)).isEqualTo(2);
    assertThat(ai.flipRate(new float[] {0, 0.5f}, 0)).isCloseTo(0.2, within(1e-12));
    // the same place but a group-1 pair: its neighbours are not relevant
    assertThat(ai.flipRate(new float[] {0, 0.5f}, 1)).isCloseTo(0.2, within(1e-12));
    assertThat(ai.flipRate(new float[] {10, 10}, 1)).isCloseTo(0.1, within(1e-12));
    GuidedLabeller blind = new GuidedLabeller(new float[0][], new int[0], new double[] {0.4, 0.2}, 0.25, 2);
    assertThat(blind.flipRate(new float[] {0, 0.5f}, 0)).isEqualTo(0.4);
    // empirical mistake rate matches ε
    RandomSource rng = RandomSource.of(7);
    int wrong = 0;
    int n = 20000;
    for (int t = 0; t < n; t++) if (!ai.label(1.0, new float[] {0, 0.5f}, 0, rng).first()) wrong++;
    assertThat(wrong / (double) n).isCloseTo(0.2, within(0.015));
    assertThat(ai.label(0.0, new float[] {0, 0}, 0, rng).tie()).isTrue();
    assertThat(ai.label(-2.0, new float[] {10, 10}, 1, RandomSource.of(1)).probabilityFirst()).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void guidedLabellerRefusesBadSettings() {
    assertThatThrownBy(() -> new GuidedLabeller(new float[1][1], new int[0], new double[] {0.1}, 0.1, 1))
        .hasMessageContaining("groups");
    assertThatThrownBy(() -> new GuidedLabeller(new float[0][], new int[0], new double[] {0.7}, 0.1, 1))
        .hasMessageContaining("[0, 0.5]");
    assertThatThrownBy(() -> new GuidedLabeller(new float[1][1], new int[] {3}, new double[] {0.1}, 0.1, 1))
        .hasMessageContaining("group 3");
  }
}
