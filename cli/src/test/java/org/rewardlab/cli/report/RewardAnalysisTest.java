package org.rewardlab.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.reward.analysis.HackingMonitor.Status;

/** The reward analysis in report.html, on synthetic runs whose answer is known. */
class RewardAnalysisTest {
  @TempDir Path tmp;

  /**
   * An env run of {@code n} episodes (4 per step of 512): env return {@code gold(i)} plus noise, a bonus
   * term {@code bonus(i)} plus noise, trained return = env + bonus; every other line is an update's losses.
   */
  private Path envRun(String name, int n, IntFunction<Double> gold, IntFunction<Double> bonus) throws IOException {
    Path d = Files.createDirectories(tmp.resolve(name));
    Files.writeString(d.resolve("manifest.json"), "{\"name\": \"" + name + "\", \"seed\": 1}");
    RandomSource rng = RandomSource.of(5);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      long step = 512L * (i / 4 + 1);
      if (i % 4 == 0) sb.append(String.format(Locale.ROOT, "{\"step\": %d, \"losses/value_loss\": %.3f}%n", step, 1.0 / (i + 1)));
      double env = gold.apply(i) + 2 * rng.nextGaussian();
      double b = bonus.apply(i) + rng.nextGaussian();
      sb.append(String.format(Locale.ROOT, "{\"step\": %d, \"charts/episodic_return\": %.6f, \"charts/trained_return\": %.6f,"
          + " \"reward/env\": %.6f, \"reward/bonus\": %.6f}%n", step, env, env + b, env, b));
    }
    Files.writeString(d.resolve("metrics.jsonl"), sb.toString());
    return d;
  }

  private static BufferedImage png(Path p) throws IOException {
    assertThat(p).isRegularFile();
    BufferedImage img = ImageIO.read(p.toFile());
    assertThat(img).as("decodes: " + p).isNotNull();
    return img;
  }

  @Test
  void aRunThatHacksIsFlaggedInTheReport() throws IOException {
    // the env return rises to 40 at episode 300, then falls to 10 while a bonus the agent farms keeps growing
    Path run = envRun("hacker", 600, i -> i < 300 ? 40.0 * i / 300 : 40 - 30.0 * (i - 300) / 300, i -> 0.2 * i);
    RunReport.Written w = RunReport.write(run);
    assertThat(w.plots()).containsExactly(run.resolve("plots/episodic_return.png"), run.resolve("plots/reward_breakdown.png"),
        run.resolve("plots/losses.png"));
    assertThat(w.analysis()).containsExactly(run.resolve("plots/reward_contributions.png"),
        run.resolve("plots/reward_shares.png"), run.resolve("plots/reward_correlations.png"),
        run.resolve("plots/proxy_vs_gold.png"));
    assertThat(png(w.analysis().get(0)).getWidth()).isEqualTo(Plots.WIDTH);
    assertThat(png(w.analysis().get(2)).getHeight()).isEqualTo(Plots.HEATMAP_HEIGHT);
    assertThat(png(w.analysis().get(3)).getHeight()).isEqualTo(Plots.HEIGHT);
    png(w.analysis().get(1));

    String html = Files.readString(w.html());
    assertThat(html)
        .contains("<a href=\"#reward-analysis\">Reward analysis</a>")
        .contains("<h2 id=\"reward-analysis\">Reward analysis</h2>")
        .contains("<h3 id=\"contributions\">Term contributions</h3>", "<h3 id=\"correlations\">Correlations</h3>",
            "<h3 id=\"hacking-monitor\">Hacking monitor</h3>")
        .contains("<div class=\"verdict bad\"><strong>env return</strong> (proxy charts/trained_return, gold"
            + " charts/episodic_return, 600 records): DIVERGING: over the last 150 records the proxy rises")
        .contains("Flagged steps: ")
        .contains("<img src=\"plots/proxy_vs_gold.png\"", "<img src=\"plots/reward_contributions.png\"",
            "<img src=\"plots/reward_shares.png\"", "<img src=\"plots/reward_correlations.png\"")
        .contains("<tr><td>bonus</td>", "<td>reward/env</td><td>reward/bonus</td>")
        .contains("The terms add up to charts/trained_return on every record");
    // the analysis comes after the existing sections, which are unchanged
    assertThat(html.indexOf("<h2 id=\"plots\">Plots</h2>")).isLessThan(html.indexOf("<h2 id=\"reward-analysis\">"));

    RewardAnalysis.Result r = RewardAnalysis.analyze(RunDirs.metrics(run), 0);
    RewardAnalysis.Monitor mon = r.monitors().get(0);
    assertThat(mon.verdict().status()).isEqualTo(Status.DIVERGING);
    // flagged from around the gold's peak (episode 300, step 512 * 76) to the end
    long[] flagged = mon.stepRange(mon.verdict().flagged().get(0));
    assertThat(flagged[0]).isBetween(512L * 40, 512L * 80);
    assertThat(flagged[1]).isEqualTo(512L * 150);
  }

  @Test
  void aRunThatDoesNotHackIsNotFlagged() throws IOException {
    Path run = envRun("learner", 600, i -> 40 * (1 - Math.exp(-i / 150.0)), i -> 2 - 1.0 * i / 600);
    String html = Files.readString(RunReport.write(run).html());
    assertThat(html).contains("<div class=\"verdict ok\"><strong>env return</strong>")
        .contains("no divergence: in none of 14 windows of 150 records")
        .doesNotContain("verdict bad").doesNotContain("Flagged steps");
    RewardAnalysis.Result r = RewardAnalysis.analyze(RunDirs.metrics(run), 0);
    assertThat(r.monitors().get(0).verdict().hacking()).isFalse();
    // the bonus shrinks from 2 to 1 per episode while the return grows: the env term dominates recently
    assertThat(r.breakdown().terms().get(0).recentShare()).isGreaterThan(r.breakdown().terms().get(0).share());
  }

  @Test
  void theBreakdownPairsValuesLoggedOnOneLine() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("small"));
    Files.writeString(d.resolve("manifest.json"), "{\"name\": \"small\"}");
    Files.writeString(d.resolve("metrics.jsonl"), """
        {"step": 1, "charts/episodic_return": -200, "charts/trained_return": -198, "reward/env": -200, "reward/shaping": 2}
        {"step": 2, "losses/policy_loss": 0.1}
        {"step": 3, "charts/episodic_return": -200, "charts/trained_return": -202, "reward/env": -200, "reward/shaping": -2}
        {"step": 3, "reward/env": -999}
        {"step": 4, "charts/episodic_return": -100, "charts/trained_return": -96, "reward/env": -100, "reward/shaping": 4}
        {"step": 5, "charts/episodic_return": -100, "charts/trained_return": -94, "reward/env": -100, "reward/shaping": NaN}
        {"step": 6, "charts/episodic_return": -100, "charts/trained_return": -94, "reward/env": -100, "reward/shaping": 6}
        """);
    RewardAnalysis.Result r = RewardAnalysis.analyze(RunDirs.metrics(d), 0);
    // the line with reward/env alone and the line with a NaN term are no records of the breakdown
    assertThat(r.terms().steps()).containsExactly(1, 3, 4, 6);
    assertThat(r.correlationKeys()).containsExactly("reward/env", "reward/shaping", "charts/episodic_return",
        "charts/trained_return");
    assertThat(r.breakdown().terms().get(0).mean()).isEqualTo(-150);
    assertThat(r.breakdown().terms().get(1).mean()).isEqualTo(2.5);
    assertThat(r.breakdown().terms().get(1).share()).isCloseTo(2.5 / 152.5, within(1e-12));
    assertThat(r.totalKey()).isEqualTo("charts/trained_return");
    assertThat(r.addUpError()).isEqualTo(0);
    assertThat(r.overRun().spearman("reward/env", "charts/episodic_return")).isCloseTo(1, within(1e-12));
    assertThat(r.window()).isEqualTo(20);
    assertThat(r.notes()).anyMatch(n -> n.contains("fewer than the window of 20"));
    assertThat(r.monitors().get(0).verdict().status()).isEqualTo(Status.NOT_ENOUGH_DATA);

    StringWriter text = new StringWriter();
    RewardAnalysis.print(new PrintWriter(text), r);
    assertThat(text.toString())
        .contains("Term contributions over 4 records")
        .containsPattern("env\\s+-150\\s+98\\.4%")
        .contains("the terms add up to charts/trained_return on every record")
        .contains("not enough data: 5 records, fewer than one window of 20");
    ObjectNode json = RewardAnalysis.json(d, r);
    assertThat(json.at("/breakdown/terms/1/mean").asDouble()).isEqualTo(2.5);
    assertThat(json.at("/correlations/keys/2").asText()).isEqualTo("charts/episodic_return");
    assertThat(json.at("/correlations/run/pearson/0/2").asDouble()).isCloseTo(1, within(1e-12));
    assertThat(json.at("/monitors/0/status").asText()).isEqualTo("NOT_ENOUGH_DATA");
  }

  @Test
  void termsThatDoNotAddUpAreSaid() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("weighted"));
    Files.writeString(d.resolve("metrics.jsonl"), """
        {"step": 1, "charts/reward": 0.5, "charts/accuracy": 0.5, "reward/correct": 0.5, "reward/format": 1.0}
        {"step": 2, "charts/reward": 0.6, "charts/accuracy": 0.6, "reward/correct": 0.6, "reward/format": 1.0}
        """);
    RewardAnalysis.Result r = RewardAnalysis.analyze(RunDirs.metrics(d), 0);
    assertThat(r.totalKey()).isEqualTo("charts/reward");
    assertThat(r.addUpError()).isCloseTo(1.0, within(1e-12));
    assertThat(RewardAnalysis.addUpSentence(r)).contains("do NOT add up to charts/reward");
    assertThat(r.monitors()).extracting(RewardAnalysis.Monitor::name).containsExactly("accuracy");
  }

  @Test
  void goldAndProxyKeysOfFutureTrainersAreMonitoredByConvention() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("convention"));
    Files.writeString(d.resolve("manifest.json"), "{\"name\": \"convention\"}");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      // a learned reward model's score climbs while the true preference falls after step 100
      double proxy = i * 0.05 + 0.3 * Math.sin(i * 1.7);
      double gold = (i < 100 ? i * 0.01 : 1 - (i - 100) * 0.01) + 0.1 * Math.cos(i * 2.3);
      sb.append(String.format(Locale.ROOT, "{\"step\": %d, \"proxy/preference\": %.5f, \"gold/preference\": %.5f,"
          + " \"proxy/length\": 1, \"gold/other\": 2}%n", i + 1, proxy, gold));
    }
    Files.writeString(d.resolve("metrics.jsonl"), sb.toString());
    RunReport.Written w = RunReport.write(d);
    RewardAnalysis.Result r = RewardAnalysis.analyze(RunDirs.metrics(d), 0);
    assertThat(r.monitors()).extracting(RewardAnalysis.Monitor::name).containsExactly("preference");
    assertThat(r.monitors().get(0).verdict().status()).isEqualTo(Status.DIVERGING);
    assertThat(r.breakdown()).isNull();
    assertThat(w.analysis()).containsExactly(d.resolve("plots/proxy_vs_gold.png"));
    assertThat(Files.readString(w.html())).contains("<div class=\"verdict bad\"><strong>preference</strong> (proxy"
        + " proxy/preference, gold gold/preference");
  }

  @Test
  void aRunWithoutTermsOrPairsSaysThereIsNothingToAnalyse() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("plain"));
    Files.writeString(d.resolve("metrics.jsonl"), "{\"step\": 1, \"charts/episodic_return\": 1}\n"
        + "{\"step\": 2, \"charts/episodic_return\": 3}\n");
    RunReport.Written w = RunReport.write(d);
    assertThat(w.analysis()).isEmpty();
    assertThat(Files.readString(w.html())).contains("nothing to analyse")
        .contains("the run trains on the env&#39;s own reward (no reward: spec), so proxy and gold are the same");
  }

  @Test
  void aRunOfOneEpisodeStillGetsItsReport() throws IOException {
    Path run = envRun("tiny", 1, i -> 1.0, i -> 0.0);
    RunReport.Written w = RunReport.write(run);
    assertThat(w.analysis()).hasSize(4);
    for (Path p : w.analysis()) png(p);
    assertThat(Files.readString(w.html())).contains("not enough data: 1 records, fewer than one window of 20");
  }

  @Test
  void longCurvesAreDrawnWithAStrideThatKeepsTheLastPoint() {
    assertThat(Plots.stride(10, 0)).isEqualTo(1);
    int n = 10 * Plots.MAX_RAW_POINTS + 5;
    int drawn = 0;
    int last = -1;
    for (int i = 0; i < n; i += Plots.stride(n, i)) {
      drawn++;
      last = i;
    }
    assertThat(last).isEqualTo(n - 1);
    assertThat(drawn).isLessThanOrEqualTo(Plots.MAX_RAW_POINTS + 1);
  }

  @Test
  void theFakeRunsOfTheOtherReportTestsGetTheAnalysisToo() throws IOException {
    Path run = FakeRuns.run(tmp, "fake", "ppo-cartpole", 1, "0.00025", 300, true);
    RunReport.Written w = RunReport.write(run);
    // reward/* on every other line, no trained return: a breakdown and correlations, no monitor
    assertThat(w.analysis()).containsExactly(run.resolve("plots/reward_contributions.png"),
        run.resolve("plots/reward_shares.png"), run.resolve("plots/reward_correlations.png"));
    RewardAnalysis.Result r = RewardAnalysis.analyze(RunDirs.metrics(run), 0);
    assertThat(r.breakdown().records()).isEqualTo(150);
    assertThat(r.correlationKeys()).containsExactly("reward/env", "reward/shaping", "charts/episodic_return");
    assertThat(r.monitors()).isEmpty();
  }
}
