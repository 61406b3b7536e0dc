package org.rewardlab.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;

class MetricsReaderTest {
  @TempDir Path tmp;

  @Test
  void readsSeriesPerKeyWithTheirOwnSteps() throws IOException {
    Path f = tmp.resolve("metrics.jsonl");
    Files.writeString(f, """
        {"step": 10, "charts/episodic_return": 1.5, "phase": "train"}
        {"step": 20, "losses/policy_loss": -0.25}

        {"step": 30, "charts/episodic_return": 3.0, "losses/policy_loss": NaN, "x": null}
        """);
    MetricsReader.Metrics m = MetricsReader.read(f);
    assertThat(m.series().keySet()).containsExactly("charts/episodic_return", "losses/policy_loss");
    assertThat(m.get("charts/episodic_return").steps()).containsExactly(10, 30);
    assertThat(m.get("charts/episodic_return").values()).containsExactly(1.5, 3.0);
    assertThat(m.get("losses/policy_loss").steps()).containsExactly(20, 30);
    assertThat(m.get("losses/policy_loss").values()[1]).isNaN();
    assertThat(m.get("losses/policy_loss").max()).isEqualTo(-0.25);
    assertThat(m.lines()).isEqualTo(3);
    assertThat(m.truncatedLastLine()).isFalse();
  }

  @Test
  void toleratesATruncatedLastLine() throws IOException {
    Path f = tmp.resolve("metrics.jsonl");
    Files.writeString(f, "{\"step\": 1, \"a\": 1}\n{\"step\": 2, \"a\": 2}\n{\"step\": 3, \"a");
    MetricsReader.Metrics m = MetricsReader.read(f);
    assertThat(m.get("a").values()).containsExactly(1.0, 2.0);
    assertThat(m.truncatedLastLine()).isTrue();
  }

  @Test
  void aGarbledLineInTheMiddleNamesTheFileAndLine() throws IOException {
    Path f = tmp.resolve("metrics.jsonl");
    Files.writeString(f, "{\"step\": 1, \"a\": 1}\n{\"step\": 2, \"a\": }\n{\"step\": 3, \"a\": 3}\n");
    assertThatThrownBy(() -> MetricsReader.read(f))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining(f + ":2")
        .hasMessageContaining("line 2 is not valid JSON");
  }

  @Test
  void aLineWithoutStepIsAnError() throws IOException {
    Path f = tmp.resolve("metrics.jsonl");
    Files.writeString(f, "{\"a\": 1}\n{\"step\": 3, \"a\": 3}\n");
    assertThatThrownBy(() -> MetricsReader.read(f))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("line 1 has no numeric \"step\"");
  }

  @Test
  void aMissingFileSaysWhatToPassInstead() {
    Path f = tmp.resolve("nope/metrics.jsonl");
    assertThatThrownBy(() -> MetricsReader.read(f))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("metrics file not found")
        .hasMessageContaining("run directory that contains metrics.jsonl");
  }

  @Test
  void anEmptyFileHasNoSeries() throws IOException {
    Path f = Files.writeString(tmp.resolve("metrics.jsonl"), "");
    assertThat(MetricsReader.read(f).series()).isEmpty();
  }
}
