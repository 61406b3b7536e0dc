package org.rewardlab.algos.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;

class PpoConfigTest {
  @Test
  void defaultsAreCleanRls() {
    PpoConfig c = PpoConfig.defaults();
    assertThat(c.batchSize()).isEqualTo(512);
    assertThat(c.minibatchSize()).isEqualTo(128);
    assertThat(c.numIterations()).isEqualTo(976);
    assertThat(c.learningRate()).isEqualTo(2.5e-4);
    assertThat(c.targetKl()).isNull();
    assertThat(c.hiddenSizes()).containsExactly(64, 64);
    assertThat(c.truncationAsTermination()).isFalse();
    PpoConfig k = PpoConfig.continuousDefaults();
    assertThat(k.batchSize()).isEqualTo(2048);
    assertThat(k.minibatchSize()).isEqualTo(64);
    assertThat(k.updateEpochs()).isEqualTo(10);
    assertThat(k.entCoef()).isZero();
  }

  @Test
  void badValuesSayHowToFixThem() {
    assertThatThrownBy(() -> PpoConfig.defaults().withLearningRate(-1e-3))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("learningRate")
        .hasMessageContaining("2.5e-4");
    assertThatThrownBy(() -> PpoConfig.defaults().withTotalTimesteps(10))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("totalTimesteps");
    assertThatThrownBy(() -> PpoConfig.defaults().withTargetKl(0.0)).hasMessageContaining("targetKl");
    assertThatThrownBy(() -> new PpoConfig(4, 128, 500_000L, 2.5e-4, true, 1.5, 0.95, 4, 4, true, 0.2, true, 0.01,
        0.5, 0.5, null, List.of(64), 1e-5, false)).hasMessageStartingWith("gamma");
    assertThatThrownBy(() -> new PpoConfig(4, 128, 500_000L, 2.5e-4, true, 0.99, 0.95, 4, 4, true, 0.2, true, 0.01,
        0.5, 0.5, null, List.of(), 1e-5, false)).hasMessageContaining("hiddenSizes");
  }

  @Test
  void recordsCompareByValue() {
    assertThat(PpoConfig.defaults()).isEqualTo(PpoConfig.defaults());
    assertThat(PpoConfig.defaults().withTargetKl(0.01)).isNotEqualTo(PpoConfig.defaults());
  }
}
