package org.rewardlab.reward.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelationTableTest {
  @Test
  void everyPairOverTheRunAndOverARecentRange() {
    List<String> names = List.of("x", "y", "c", "neg");
    double[][] cols = {{1, 2, 3, 4}, {2, 4, 5, 9}, {7, 7, 7, 7}, {4, 3, 2, 1}};
    CorrelationTable all = CorrelationTable.of(names, cols, 0, 4);
    assertThat(all.records()).isEqualTo(4);
    assertThat(all.pearson("x", "y")).isCloseTo(11 / Math.sqrt(130), within(1e-12));
    assertThat(all.pearson("y", "x")).isEqualTo(all.pearson("x", "y"));
    assertThat(all.spearman("x", "y")).isCloseTo(1, within(1e-12));
    assertThat(all.spearman("x", "neg")).isCloseTo(-1, within(1e-12));
    assertThat(all.pearson("x", "x")).isCloseTo(1, within(1e-12));
    assertThat(all.pearson("x", "c")).as("a constant column").isNaN();
    assertThat(all.spearman("c", "c")).isNaN();
    CorrelationTable recent = CorrelationTable.of(names, cols, 1, 4);
    assertThat(recent.records()).isEqualTo(3);
    // records 1..3: x 2 3 4, y 4 5 9; dx -1 0 1, dy -2 -1 3: sxy 5, sxx 2, syy 14
    assertThat(recent.pearson("x", "y")).isCloseTo(5 / Math.sqrt(28), within(1e-12));
    assertThatThrownBy(() -> all.pearson("x", "z")).hasMessageContaining("no column z");
    assertThatThrownBy(() -> CorrelationTable.of(names, cols, 2, 5)).hasMessageContaining("outside");
  }
}
