package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.run.RunManifest;

/** {@code plot}: what it writes, and what it refuses before writing anything. */
class PlotCommandTest {
  @TempDir Path tmp;

  /** A run directory with a real manifest and a few metric records. */
  static Path fakeRun(Path parent, String dir, long seed) throws IOException {
    Path d = Files.createDirectories(parent.resolve(dir));
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    config.put("name", "fake").put("seed", seed).putObject("env").put("id", "CartPole-v1");
    new RunManifest("fake", config, null, seed, Map.of(), RunManifest.UNKNOWN, false, Map.of(),
        "2025-01-01T00:00:00Z", "2025-01-01T00:01:00Z").write(d);
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      sb.append(String.format(Locale.ROOT,
          "{\"step\":%d,\"charts/episodic_return\":%.1f,\"charts/episodic_length\":%d,\"losses/value_loss\":%.3f}%n",
          i * 64, 10.0 + i + seed, 10 + i, 1.0 / i));
    }
    Files.writeString(d.resolve("metrics.jsonl"), sb.toString());
    return d;
  }

  private static void assertOneErrorLine(TrainCli.Outcome o, String... names) {
    assertThat(o.code()).as(o.toString()).isEqualTo(Main.BAD_INPUT);
    assertThat(o.errLines()).as(o.toString()).hasSize(1);
    assertThat(o.err()).as(o.toString()).startsWith("error: ").contains(names).doesNotContain("\tat ", "internal");
  }

  @Test
  void oneRunGetsItsReportAndAChartWhenAMetricIsAsked() throws IOException {
    Path run = fakeRun(tmp, "a", 1);
    TrainCli.Outcome o = TrainCli.run("plot", run.toString());
    assertThat(o.code()).as(o.toString()).isZero();
    assertThat(run.resolve("report.html")).isRegularFile();
    Path chart = tmp.resolve("length.png");
    TrainCli.Outcome m = TrainCli.run("plot", run.toString(), "--metric", "charts/episodic_length", "--out", chart.toString());
    assertThat(m.code()).as(m.toString()).isZero();
    assertThat(chart).isRegularFile();
    assertThat(m.out()).contains("length.png");
  }

  @Test
  void aMetricNoRunHasIsBadInputListingTheMetricsWithASuggestion() throws IOException {
    Path a = fakeRun(tmp, "a", 1);
    Path b = fakeRun(tmp, "b", 2);
    for (String[] args : new String[][] {
        {"plot", a.toString(), "--metric", "charts/episodic_retrun"},
        {"plot", a.toString(), b.toString(), "--metric", "charts/episodic_retrun", "--out", tmp.resolve("c.png").toString()}}) {
      TrainCli.Outcome o = TrainCli.run(args);
      assertOneErrorLine(o, "--metric", "'charts/episodic_retrun'", "did you mean 'charts/episodic_return'?",
          "charts/episodic_length", "losses/value_loss");
    }
    TrainCli.Outcome nope = TrainCli.run("plot", a.toString(), "--metric", "nope");
    assertOneErrorLine(nope, "no run has the metric 'nope'", "the runs have: charts/episodic_return");
    assertThat(a.resolve("report.html")).as("nothing written before the check").doesNotExist();
    assertThat(tmp.resolve("c.png")).doesNotExist();
  }

  @Test
  void theOutFileIsNeverADirectoryFifoOrDevice() throws Exception {
    Path a = fakeRun(tmp, "a", 1);
    Path b = fakeRun(tmp, "b", 2);
    Path dir = Files.createDirectories(tmp.resolve("charts"));
    assertOneErrorLine(TrainCli.run("plot", a.toString(), b.toString(), "--out", dir.toString()), "--out", "is a directory");
    assertThat(dir).isEmptyDirectory();
    Path devNull = Path.of("/dev/null");
    if (Files.exists(devNull)) {
      assertOneErrorLine(TrainCli.run("plot", a.toString(), b.toString(), "--out", devNull.toString()), "/dev/null", "not a regular file");
      assertThat(Files.isRegularFile(devNull)).as("/dev/null is still a device").isFalse();
    }
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertOneErrorLine(TrainCli.run("plot", a.toString(), b.toString(), "--out", file.resolve("c.png").toString()),
        "is a file, not a directory");
    Path fifo = tmp.resolve("fifo.png");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is available");
    assertOneErrorLine(TrainCli.run("plot", a.toString(), "--out", fifo.toString()), "fifo.png", "not a regular file");
    assertThat(Files.isRegularFile(fifo)).as("the FIFO is left as it was").isFalse();
    assertThat(Files.exists(fifo)).isTrue();
  }

  @Test
  void runArgumentsThatAreFilesOrBrokenAreBadInput() throws IOException {
    Path a = fakeRun(tmp, "a", 1);
    Path file = Files.writeString(tmp.resolve("notes.txt"), "x");
    assertOneErrorLine(TrainCli.run("plot", file.toString()), "notes.txt", "is a file, not a run directory");
    assertOneErrorLine(TrainCli.run("plot", a.toString(), file.toString()), "notes.txt", "is a file");
    Files.write(a.resolve("metrics.jsonl"), "{\"step\":1,\"charts/episodic_return\":1.0}\n{\"step\":2,\"\u00e9\":2}\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    assertOneErrorLine(TrainCli.run("plot", a.toString()), "metrics.jsonl:2", "not valid UTF-8", "byte 0xE9");
    Files.write(a.resolve(RunManifest.FILE_NAME), new byte[] {'{', (byte) 0xFF, '}'});
    assertOneErrorLine(TrainCli.run("plot", a.toString()), "manifest.json", "not valid UTF-8");
  }
}
