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

  @Test
  void rowsPairTheValuesOfOneLineAndSkipNonFiniteOnes() throws IOException {
    Path f = Files.writeString(tmp.resolve("metrics.jsonl"), """
        {"step": 1, "a": 1, "b": 10}
        {"step": 2, "a": 2}
        {"step": 2, "b": 20}
        {"step": 3, "b": 30, "a": 3}
        {"step": 4, "a": NaN, "b": 40}
        {"step": 5, "a": 5, "b": 50, "c": 0}
        """);
    MetricsReader.Metrics m = MetricsReader.read(f);
    assertThat(m.get("a").records()).containsExactly(0, 1, 3, 4, 5);
    MetricsReader.Rows rows = m.rows(java.util.List.of("a", "b"));
    assertThat(rows.steps()).containsExactly(1, 3, 5);
    assertThat(rows.column("a")).containsExactly(1, 3, 5);
    assertThat(rows.column("b")).containsExactly(10, 30, 50);
    assertThat(m.rows(java.util.List.of("a", "c")).steps()).containsExactly(5);
    assertThat(m.rows(java.util.List.of("a", "missing")).size()).isZero();
    // a series built by hand counts each value as its own record
    assertThat(new MetricsReader.Series("x", new long[] {7, 8}, new double[] {1, 2}).records()).containsExactly(0, 1);
  }
}
