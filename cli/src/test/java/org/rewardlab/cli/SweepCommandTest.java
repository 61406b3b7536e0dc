package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.rewardlab.algos.sweep.SweepPlan;
import org.rewardlab.algos.sweep.SweepSpec;

/** {@code rewardlab sweep} and {@code sweep resume} end to end on local threads, and their bad input. */
class SweepCommandTest {
  @TempDir Path tmp;

  static final String BASE = """
      name: cp
      env: {id: CartPole-v1}
      algo: {type: ppo, numEnvs: 2, numSteps: 64, totalTimesteps: 256, hiddenSizes: [16]}
      run: {evalEpisodes: 2, checkpointEvery: 100}
      """;

  static final String SWEEP = """
      name: small
      base: base.yaml
      seeds: [1, 2]
      axes:
        - {path: algo.learningRate, values: [2.5e-4, 1.0e-3]}
        - name: norm
          values:
            - {label: off, set: {env.normalizeObservation: false}}
            - {label: on, set: {env.normalizeObservation: true}}
      metrics: [charts/episodic_return]
      """;

  Path sweepFile(String sweep) {
    TrainCli.write(tmp.resolve("base.yaml"), BASE);
    return TrainCli.write(tmp.resolve("s.yaml"), sweep);
  }

  static void assertOneLineError(TrainCli.Outcome o, String... parts) {
    assertThat(o.code()).as(o.toString()).isEqualTo(2);
    assertThat(o.errLines()).as(o.toString()).hasSize(1);
    assertThat(o.err()).startsWith("error: ").contains(parts).doesNotContain("Exception");
  }

  @Test
  void sweepWritesTheTableCsvsAndReportAndResumeRunsOnlyTheMissingTasks() throws IOException {
    Path file = sweepFile(SWEEP);
    Path dir = tmp.resolve("out");
    TrainCli.Outcome o = TrainCli.run("sweep", file.toString(), "--engine", "local", "--threads", "2", "--out", dir.toString(), "--quiet");
    assertThat(o.code()).as(o.toString()).isZero();
    assertThat(o.out()).contains("sweep small: 4 cells x 2 seeds = 8 tasks on local (2 threads); 0 already done",
        "ran 8 tasks", "eval/mean_return (mean ± 95% CI)", "report:");
    assertThat(o.out().lines().filter(l -> l.matches("^[0-3] .*")).count()).isEqualTo(4);
    String cells = TrainCli.read(dir.resolve("cells.csv"));
    String results = TrainCli.read(dir.resolve("results.csv"));
    assertThat(cells.lines()).hasSize(5);
    assertThat(results.lines()).hasSize(9);
    String html = TrainCli.read(dir.resolve("sweep.html"));
    assertThat(html).contains("RewardLab sweep: small", "plots/heatmap.png", "plots/axis-0.png", "plots/axis-1.png", "seed 2",
        "cells.csv");
    for (String png : List.of("heatmap.png", "axis-0.png", "axis-1.png")) {
      assertThat(java.util.Arrays.copyOf(TrainCli.bytes(dir.resolve("plots").resolve(png)), 4)).containsExactly(0x89, 'P', 'N', 'G');
    }

    // lose three results (as if killed before they were written): resume runs exactly those three
    List<Path> saved;
    try (Stream<Path> s = Files.list(dir.resolve("results"))) {
      saved = s.sorted().toList();
    }
    assertThat(saved).hasSize(8);
    for (Path p : saved.subList(0, 3)) Files.delete(p);
    Files.writeString(dir.resolve("results/.x.json.123.tmp"), "{half");
    TrainCli.Outcome r = TrainCli.run("sweep", "resume", dir.toString(), "--engine", "local", "--threads", "1", "--quiet");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("5 already done", "ran 3 tasks in", "(5 were done already)");
    assertThat(TrainCli.read(dir.resolve("cells.csv"))).isEqualTo(cells);
    assertThat(TrainCli.read(dir.resolve("results.csv"))).isEqualTo(results);
    assertThat(dir.resolve("results/.x.json.123.tmp")).doesNotExist();

    // the same sweep again: nothing to run; another plan in the same directory: refused
    TrainCli.Outcome again = TrainCli.run("sweep", file.toString(), "--engine", "local", "--out", dir.toString(), "--quiet");
    assertThat(again.out()).contains("8 already done", "ran 0 tasks");
    Path other = TrainCli.write(tmp.resolve("o.yaml"), SWEEP.replace("1.0e-3", "2.0e-3"));
    assertOneLineError(TrainCli.run("sweep", other.toString(), "--out", dir.toString()), "holds a sweep with another plan", "--out");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown axis path | {path: algo.learningRat, values: [1.0e-3]}            | axes.0.values.0 (axis 'algo.learningRat' = '0.001')
      bad axis value    | {path: algo.learningRate, values: [1.0e-3, -1]}       | axes.0.values.1
      empty axis        | {path: algo.learningRate, values: []}                 | s.yaml: axes.0.values: axis 'algo.learningRate' has no values
      unknown env       | {path: env.id, values: [CartPole-v1, Nope-v0]}        | axes.0.values.1
      """)
  void badAxesAreOneLineExit2(String what, String axis, String message) {
    Path file = sweepFile("name: bad\nbase: base.yaml\nseeds: [1]\naxes:\n  - " + axis + "\n");
    assertOneLineError(TrainCli.run("sweep", file.toString(), "--out", tmp.resolve("o").toString()), message);
    assertThat(tmp.resolve("o")).doesNotExist();
  }

  @Test
  void otherBadInputIsOneLineExit2() {
    Path file = sweepFile(SWEEP);
    assertOneLineError(TrainCli.run("sweep", sweepFile("name: bad\nbase: base.yaml\naxes: []\n").toString()), "s.yaml: seeds: no seeds");
    assertOneLineError(TrainCli.run("sweep", sweepFile(SWEEP + "axes: []\n").toString()), "s.yaml");
    assertOneLineError(TrainCli.run("sweep", tmp.resolve("none.yaml").toString()), "no such sweep file");
    assertOneLineError(TrainCli.run("sweep"), "no sweep file given");
    assertOneLineError(TrainCli.run("sweep", file.toString(), "--engine", "gpu"), "--engine 'gpu'", "auto, local, spark");
    assertOneLineError(TrainCli.run("sweep", file.toString(), "--threads", "-1"), "--threads");
    assertOneLineError(TrainCli.run("sweep", file.toString(), "--engine", "local", "--master", "local[2]"), "--master");
    assertOneLineError(TrainCli.run("sweep", file.toString(), "--conf", "novalue"), "--conf", "KEY=VALUE");
    assertOneLineError(TrainCli.run("sweep", "resume", tmp.resolve("nowhere").toString()), "no such sweep directory");
    assertOneLineError(TrainCli.run("sweep", "resume", tmp.toString()), "is not a sweep directory");
  }

  static List<Path> sweepExamples() throws IOException {
    try (Stream<Path> s = Files.list(TrainCli.repoRoot().resolve("examples"))) {
      return s.filter(p -> p.getFileName().toString().startsWith("sweep-") && p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  /** Every example sweep reads and validates (its cells resolve); the tiny one runs in the tests of algos. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sweepExamples")
  void exampleSweepsAreValid(Path example) {
    SweepPlan plan = SweepPlan.of(SweepSpec.load(example));
    assertThat(plan.taskCount()).isPositive();
  }

  @Test
  void theExamplesAreThere() throws IOException {
    assertThat(sweepExamples()).extracting(p -> p.getFileName().toString())
        .contains("sweep-cartpole-tiny.yaml", "sweep-mountaincar-shaping.yaml");
    SweepPlan mc = SweepPlan.of(SweepSpec.load(TrainCli.repoRoot().resolve("examples/sweep-mountaincar-shaping.yaml")));
    assertThat(mc.cells()).hasSize(6);
    assertThat(mc.taskCount()).isEqualTo(30);
    assertThat(mc.cells().get(0).label()).isEqualTo("shaping weight=0, normalization=off");
  }

  /** {@code --engine auto}: local threads for a few tasks; spark for more when its module is there, else local with a note. */
  @Test
  void autoPicksLocalForFewTasksAndSaysWhySparkIsNotUsed() {
    EngineFlags f = new EngineFlags();
    List<String> notes = new java.util.ArrayList<>();
    assertThat(f.choose(EngineFlags.AUTO_LOCAL_MAX_TASKS, notes)).isEqualTo("local");
    assertThat(notes).isEmpty();
    // the cli's tests run without the spark module on the classpath
    assertThat(org.rewardlab.core.parallel.TaskEngines.available("spark")).isFalse();
    assertThat(f.choose(EngineFlags.AUTO_LOCAL_MAX_TASKS + 1, notes)).isEqualTo("local");
    assertThat(notes).singleElement().asString().contains("spark engine is not on the classpath");
    f.engine = "spark";
    assertThat(f.choose(1, new java.util.ArrayList<>())).isEqualTo("spark");
    assertOneLineError(TrainCli.run("sweep", sweepFile(SWEEP).toString(), "--engine", "spark", "--out", tmp.resolve("sp").toString()),
        "--engine spark", "not on the classpath");
    assertThat(tmp.resolve("sp")).as("nothing is written when the engine cannot open").doesNotExist();
  }
}
