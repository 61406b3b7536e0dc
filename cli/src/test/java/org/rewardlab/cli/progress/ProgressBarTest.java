package org.rewardlab.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void rendersFractionCountsRateEtaAndExtra() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), "steps", 500_000, false)) {
      bar.update(250_000, 10_000, "return 187.3");
      assertThat(bar.lastLine())
          .startsWith("[##############..............]  50%  250k/500k steps  10k SPS  ETA 0:25")
          .endsWith("return 187.3");
    }
  }

  @Test
  void logModePrintsSparseLinesAndAlwaysTheLast() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), "steps", 1000, false)) {
      for (int i = 1; i <= 1000; i++) bar.update(i, Double.NaN, "");
    }
    String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines.length).isBetween(20, 22);
    assertThat(lines[lines.length - 1]).contains("100%").contains("1.0k/1.0k steps").doesNotContain("SPS");
  }

  @Test
  void humanNumbersAndClock() {
    assertThat(ProgressBar.human(999)).isEqualTo("999");
    assertThat(ProgressBar.human(1_500)).isEqualTo("1.5k");
    assertThat(ProgressBar.human(2_500_000)).isEqualTo("2.5M");
    assertThat(ProgressBar.clock(3725)).isEqualTo("1:02:05");
    assertThat(ProgressBar.clock(Double.POSITIVE_INFINITY)).isEqualTo("?");
  }
}
