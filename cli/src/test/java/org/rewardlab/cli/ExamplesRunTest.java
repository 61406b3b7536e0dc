package org.rewardlab.cli;

import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.rl.PpoConfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.core.run.RunManifest;

/**
 * Every example config trains at a tiny budget (one rollout) through the CLI and writes a complete
 * run directory; {@code eval} and {@code plot} work on what it wrote.
 */
class ExamplesRunTest {
  @TempDir Path tmp;

  static List<Path> examples() throws IOException {
    try (Stream<Path> s = Files.list(TrainCli.repoRoot().resolve("examples"))) {
      // sweep files (sweep-*.yaml) are not experiments: SweepCommandTest runs them
      return s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("sweep-")).sorted().toList();
    }
  }

  @Test
  void thereAreExamples() throws IOException {
    assertThat(examples()).extracting(p -> p.getFileName().toString())
        .contains("cartpole-ppo.yaml", "pendulum-ppo.yaml", "mountaincar-ppo-shaped.yaml");
  }

  /** One rollout of the example's own shape: numEnvs x numSteps steps (the fields of PPO and the tabular learners). */
  static long oneRollout(Path example) {
    ExperimentSpec spec = ExperimentSpecs.load(example, List.of()).spec();
    if (spec.algo() instanceof PpoConfig ppo) return ppo.batchSize();
    com.fasterxml.jackson.databind.JsonNode algo = ExperimentSpecs.toJsonTree(spec).path("algo");
    return algo.path("numEnvs").asLong() * algo.path("numSteps").asLong();
  }

  /** Overrides that shrink an example to a few seconds, by algorithm type. */
  static List<String> tinyBudget(Path example) {
    ExperimentSpec spec = ExperimentSpecs.load(example, List.of()).spec();
    List<String> sets = new java.util.ArrayList<>();
    switch (spec.algoType()) {
      case "grpo" -> sets.addAll(List.of("--set", "algo.warmStart.steps=2", "--set", "algo.steps=2",
          "--set", "algo.promptsPerStep=2", "--set", "algo.eval.testSize=8", "--set", "algo.eval.every=0"));
      case "sft" -> sets.addAll(List.of("--set", "algo.sft.steps=2", "--set", "algo.eval.testSize=8"));
      case "dpo" -> sets.addAll(List.of("--set", "algo.steps=2", "--set", "algo.pairsPerStep=4",
          "--set", "algo.data=" + TrainCli.repoRoot().resolve("examples/preferences/tpref-train.jsonl")));
      case "gfn" -> sets.addAll(List.of("--set", "algo.numIterations=2", "--set", "algo.batchSize=8",
          "--set", "algo.hidden=[16]", "--set", "algo.validationSamples=1000"));
      case "pbrl" -> sets.addAll(List.of("--set", "algo.ppo.totalTimesteps=2048", "--set", "algo.preferences.rounds=1",
          "--set", "algo.preferences.totalComparisons=20", "--set", "algo.preferences.fragmentLength=10",
          "--set", "algo.preferences.initialEpochMultiplier=2"));
      case "qd" -> sets.addAll(List.of("--set", "algo.evaluations=300", "--set", "algo.mu=20"));
      case "toponav" -> sets.addAll(List.of("--set", "algo.totalTimesteps=500", "--set", "algo.stepsPerIteration=250"));
      default -> sets.addAll(List.of("--set", "algo.totalTimesteps=" + oneRollout(example)));
    }
    sets.addAll(List.of("--set", "run.evalEpisodes=1"));
    return sets;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleTrainsAtATinyBudget(Path example) throws IOException {
    Path out = tmp.resolve("runs");
    List<String> args = new java.util.ArrayList<>(List.of("train", example.toString(), "--out", out.toString(), "--quiet"));
    args.addAll(tinyBudget(example));
    TrainCli.Outcome o = TrainCli.run(args.toArray(String[]::new));
    assertThat(o.code()).as(o.toString()).isZero();
    assertThat(o.errorLines()).isEmpty();
    assertThat(o.out()).contains("trained", "evaluation", "report:");
    Path run = TrainCli.onlyRun(out);
    assertThat(run.resolve(RunManifest.FILE_NAME)).isRegularFile();
    assertThat(run.resolve(RunContext.METRICS_FILE)).isRegularFile();
    // a QD search and TopoNav have no loss: they log where the exploration stands (coverage) instead
    String type = ExperimentSpecs.load(example, List.of()).spec().algoType();
    boolean explorer = type.equals("qd") || type.equals("toponav");
    assertThat(TrainCli.read(run.resolve(RunContext.METRICS_FILE))).contains(explorer ? "charts/coverage" : "losses/", "eval/");
    if (type.equals("qd")) assertThat(TrainCli.read(run.resolve("report.html"))).contains("Archive heat map", "Coverage over evaluations");
    if (type.equals("toponav")) assertThat(TrainCli.read(run.resolve("report.html"))).contains("Coverage map:");
    assertThat(RunCheckpoints.path(run)).isRegularFile();
    assertThat(run.resolve("report.html")).isRegularFile();
    if (ExperimentSpecs.load(example, List.of()).spec().algoType().equals("gfn")) {
      assertThat(TrainCli.read(run.resolve("report.html"))).contains("gfn_distribution.png");
    }
    try (Stream<Path> plots = Files.list(run.resolve(RunContext.PLOTS_DIR))) {
      List<Path> pngs = plots.filter(p -> p.toString().endsWith(".png")).toList();
      assertThat(pngs).isNotEmpty();
      for (Path png : pngs) {
        byte[] head = java.util.Arrays.copyOf(TrainCli.bytes(png), 4);
        assertThat(head).as(png.toString()).containsExactly(0x89, 'P', 'N', 'G');
      }
    }
  }

  @Test
  void evalAndPlotWorkOnATrainedExample() {
    Path example = TrainCli.repoRoot().resolve("examples/cartpole-ppo.yaml");
    Path out = tmp.resolve("runs");
    TrainCli.Outcome train = TrainCli.run("train", example.toString(), "--out", out.toString(), "--quiet",
        "--set", "algo.totalTimesteps=1024", "--set", "run.evalEpisodes=1");
    assertThat(train.code()).as(train.toString()).isZero();
    Path run = TrainCli.onlyRun(out);

    TrainCli.Outcome eval = TrainCli.run("eval", run.toString(), "--episodes", "2");
    assertThat(eval.code()).as(eval.toString()).isZero();
    assertThat(eval.out()).contains("episode   1", "episode   2", "mean return");
    TrainCli.Outcome again = TrainCli.run("eval", run.toString(), "--episodes", "2");
    assertThat(again.out()).as("evaluation is seeded").isEqualTo(eval.out());

    TrainCli.Outcome plot = TrainCli.run("plot", run.toString());
    assertThat(plot.code()).as(plot.toString()).isZero();
    assertThat(plot.out()).contains(".png", "report.html");

    Path other = tmp.resolve("other");
    assertThat(TrainCli.run("train", example.toString(), "--out", other.toString(), "--quiet", "--seed", "2",
        "--set", "algo.totalTimesteps=1024", "--set", "run.evalEpisodes=0").code()).isZero();
    Path chart = tmp.resolve("two.png");
    TrainCli.Outcome overlay = TrainCli.run("plot", run.toString(), TrainCli.onlyRun(other).toString(),
        "--out", chart.toString());
    assertThat(overlay.code()).as(overlay.toString()).isZero();
    assertThat(chart).isRegularFile();
  }
}
