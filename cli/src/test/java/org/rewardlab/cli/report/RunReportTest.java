package org.rewardlab.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;

class RunReportTest {
  @TempDir Path tmp;

  private static BufferedImage png(Path p) throws IOException {
    assertThat(p).isRegularFile();
    BufferedImage img = ImageIO.read(p.toFile());
    assertThat(img).as("decodes as an image: " + p).isNotNull();
    return img;
  }

  @Test
  void writesPlotsAndAReportForARunCutOffMidLine() throws IOException {
    Path run = FakeRuns.run(tmp, "ppo-cartpole-20250101", "ppo-cartpole", 1, "0.00025", 300, true);
    RunReport.Written w = RunReport.write(run);

    assertThat(w.plots()).containsExactly(
        run.resolve("plots/episodic_return.png"), run.resolve("plots/reward_breakdown.png"), run.resolve("plots/losses.png"));
    BufferedImage curve = png(run.resolve("plots/episodic_return.png"));
    assertThat(curve.getWidth()).isEqualTo(900);
    assertThat(curve.getHeight()).isEqualTo(500);
    BufferedImage breakdown = png(run.resolve("plots/reward_breakdown.png"));
    assertThat(breakdown.getWidth()).isEqualTo(900);
    BufferedImage losses = png(run.resolve("plots/losses.png"));
    assertThat(losses.getHeight()).isEqualTo(Plots.lossPanelHeight(3));

    String html = Files.readString(w.html());
    assertThat(w.html()).isEqualTo(run.resolve("report.html"));
    assertThat(html)
        .contains("<title>RewardLab run: ppo-cartpole</title>")
        .contains("<img src=\"plots/episodic_return.png\"")
        .contains("<img src=\"plots/reward_breakdown.png\"")
        .contains("<img src=\"plots/losses.png\"")
        .contains("learningRate: 0.00025")
        .contains("<th>startTime</th><td>2025-01-01T00:00:00Z</td>")
        .contains("<td>charts/episodic_return</td>")
        .contains("<td>losses/value_loss</td>")
        .contains("the last, partial line was skipped");
    // the final step of the complete lines is reported, not the truncated one
    assertThat(html).contains("<td class=\"num\">153600</td>").doesNotContain("999999");
    try (Stream<Path> files = Files.list(run)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void aRunWithOnlyReturnsGetsOnlyTheLearningCurve() throws IOException {
    Path run = Files.createDirectories(tmp.resolve("r"));
    Files.writeString(run.resolve("manifest.json"), "{\"name\": \"tiny <run>\", \"seed\": 3}");
    Files.writeString(run.resolve("metrics.jsonl"), "{\"step\": 1, \"charts/episodic_return\": 1}\n{\"step\": 2, \"charts/episodic_return\": 3}\n");
    RunReport.Written w = RunReport.write(run);
    assertThat(w.plots()).containsExactly(run.resolve("plots/episodic_return.png"));
    png(w.plots().get(0));
    String html = Files.readString(w.html());
    assertThat(html).contains("tiny &lt;run&gt;").contains("The manifest holds no config.");
  }

  @Test
  void picturesOthersWroteIntoPlotsAreShownAfterTheGeneratedOnes() throws IOException {
    Path run = Files.createDirectories(tmp.resolve("cov"));
    Files.writeString(run.resolve("manifest.json"), "{\"name\": \"nav\", \"seed\": 3}");
    Files.writeString(run.resolve("metrics.jsonl"), "{\"step\": 1, \"charts/episodic_return\": 1}\n"
        + "{\"step\": 1, \"charts/intrinsic_reward\": 0.5}\n{\"step\": 2, \"charts/episodic_return\": 3}\n"
        + "{\"step\": 2, \"charts/intrinsic_reward\": 0.25}\n");
    Files.createDirectories(run.resolve("plots"));
    javax.imageio.ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png", run.resolve("plots/coverage.png").toFile());
    RunReport.Written w = RunReport.write(run);
    assertThat(w.plots()).containsExactly(run.resolve("plots/episodic_return.png"), run.resolve("plots/intrinsic_reward.png"),
        run.resolve("plots/coverage.png"));
    assertThat(Files.readString(w.html())).contains("coverage.png").contains("Coverage: visitation heat maps");
  }

  @Test
  void seedsOfOneConfigAreGroupedAndOtherConfigsAreNot() throws IOException {
    Path a1 = FakeRuns.run(tmp, "a1", "ppo-s1", 1, "0.00025", 120, false);
    Path a2 = FakeRuns.run(tmp, "a2", "ppo-s2", 2, "0.00025", 100, false);
    Path a3 = FakeRuns.run(tmp, "a3", "ppo-s3", 3, "0.00025", 110, true);
    Path b = FakeRuns.run(tmp, "b1", "ppo-lr3e-3", 1, "0.003", 120, false);
    assertThat(RunDirs.info(a1).groupKey()).isEqualTo(RunDirs.info(a2).groupKey());
    assertThat(RunDirs.info(a1).groupKey()).isNotEqualTo(RunDirs.info(b).groupKey());
    assertThat(RunDirs.info(a1).baseName()).isEqualTo("ppo");

    Path out = tmp.resolve("cmp/curve.png");
    Plots.learningCurve(List.of(a1, a2, a3, b), "charts/episodic_return", out);
    BufferedImage img = png(out);
    assertThat(img.getWidth()).isEqualTo(900);
    assertThat(img.getHeight()).isEqualTo(500);
  }

  @Test
  void anUnknownMetricListsTheAvailableOnes() throws IOException {
    Path run = FakeRuns.run(tmp, "r", "ppo", 1, "0.1", 10, false);
    assertThatThrownBy(() -> Plots.learningCurve(List.of(run), "charts/episodic_retrun", tmp.resolve("x.png")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("no run has the metric 'charts/episodic_retrun'")
        .hasMessageContaining("charts/episodic_return");
    assertThat(tmp.resolve("x.png")).doesNotExist();
  }

  @Test
  void aGarbledManifestIsAUserError() throws IOException {
    Path run = FakeRuns.run(tmp, "r", "ppo", 1, "0.1", 10, false);
    Files.writeString(run.resolve("manifest.json"), "{\"name\": ");
    assertThatThrownBy(() -> RunReport.write(run))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("manifest.json")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void smoothingAndAggregationFollowTheirDefinitions() {
    assertThat(Plots.runningMean(new double[] {1, 2, 3, 4}, 2)).containsExactly(1, 1.5, 2.5, 3.5);
    assertThat(Plots.window(10)).isEqualTo(1);
    assertThat(Plots.window(400)).isEqualTo(20);
    assertThat(Plots.window(100000)).isEqualTo(50);
    assertThat(Plots.interpolate(new double[] {0, 10}, new double[] {0, 100}, 2.5)).isEqualTo(25);
    double[][] agg = Plots.aggregate(List.of(
        new double[][] {{0, 100}, {0, 100}},
        new double[][] {{50, 200}, {10, 10}}));
    // common range is [50, 100]: at 50 the curves are 50 and 10
    assertThat(agg[0][0]).isEqualTo(50);
    assertThat(agg[1][0]).isEqualTo(30);
    assertThat(agg[2][0]).isEqualTo(10);
    assertThat(agg[3][0]).isEqualTo(50);
    assertThat(agg[0][Plots.GRID_POINTS - 1]).isEqualTo(100);
    assertThat(Plots.aggregate(List.of(
        new double[][] {{0, 10}, {0, 0}}, new double[][] {{20, 30}, {0, 0}}))).isNull();
  }
}
