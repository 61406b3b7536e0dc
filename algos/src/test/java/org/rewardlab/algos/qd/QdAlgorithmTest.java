package org.rewardlab.algos.qd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.search.qd.QdRun;

/**
 * The QD searches as runner algorithms: registered, same seed ⇒ byte-identical metrics, resume after
 * kills equal to an uninterrupted run (metrics and checkpoint bytes), pictures with captions,
 * evaluation of the best genome, validation before a run starts. Tiny budgets (about 1500
 * evaluations of 50-step rollouts per run).
 */
class QdAlgorithmTest {
  static final String NS = """
      name: qd-ns
      seed: 3
      env: {id: PointMaze-v0}
      algo: {type: qd, method: ns, evaluations: 1500, mu: 20}
      run: {checkpointEvery: 4, evalEpisodes: 0}
      """;
  static final String ME = """
      name: qd-me
      seed: 3
      env: {id: PointMaze-v0}
      algo: {type: qd, method: map-elites, evaluations: 1500, batchSize: 50, sigma: 0.5}
      run: {checkpointEvery: 4, evalEpisodes: 0}
      """;

  @TempDir Path tmp;

  static ExperimentSpec spec(String which, String... overrides) {
    return ExperimentSpecs.read(which.equals("ns") ? NS : ME, overrides);
  }

  static Path trainToEnd(ExperimentSpec spec, Path root) {
    Algorithm<?> algo = Algorithms.of(spec);
    algo.validate(spec, EnvRegistry.standard());
    RunContext ctx = RunContext.create(root, spec.name(), spec.seed(), spec);
    try (ctx; Trainer t = algo.start(spec, ctx, EnvRegistry.standard())) {
      t.train(TrainListener.none());
      return ctx.runDir();
    }
  }

  /** Trains with a simulated kill (no close, no final checkpoint) after each entry of {@code killAfter}, then resumes. */
  static Path trainKilledAndResumed(ExperimentSpec spec, Path root, int... killAfter) {
    RunContext ctx = RunContext.create(root, spec.name(), spec.seed(), spec);
    Path dir = ctx.runDir();
    Trainer t = Algorithms.of(spec).start(spec, ctx, EnvRegistry.standard());
    for (int k : killAfter) {
      t.train(TrainListener.none(), k);
      long stepAtKill = t.step();
      ctx.metrics().flush();
      Checkpoint ck = Checkpoints.load(RunCheckpoints.path(dir));
      long ckStep = RunCheckpoints.step(ck);
      assertThat(ckStep).as("the kill must not fall on a checkpoint").isLessThan(stepAtKill);
      ctx = RunContext.open(dir, ckStep);
      ExperimentSpec stored = RunCheckpoints.experiment(ck);
      t = Algorithms.of(stored).resume(stored, ctx, EnvRegistry.standard(), ck);
    }
    try (RunContext c = ctx; Trainer last = t) {
      last.train(TrainListener.none());
    }
    return dir;
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void isRegisteredByItsServiceLine() {
    assertThat(Algorithms.types()).contains("qd");
    assertThat(Algorithms.of("qd")).isInstanceOf(QdAlgorithm.class);
    assertThat(spec("ns").algo()).isEqualTo(new QdConfig("ns", 1500, 20, 2, 0.05, 15, 5, 200, 50, java.util.List.of(5, 5), 5.0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ns", "map-elites"})
  void resumedAfterKillsEqualsUninterrupted(String which) {
    ExperimentSpec spec = spec(which);
    Path a = trainToEnd(spec, tmp.resolve("a"));
    // kills after iterations 6 and 6 + 7 = 13 (checkpoints at 4 and 12)
    Path b = trainKilledAndResumed(spec, tmp.resolve("b"), 6, 7);
    assertThat(read(b.resolve(RunContext.METRICS_FILE))).isEqualTo(read(a.resolve(RunContext.METRICS_FILE)));
    assertThat(bytes(RunCheckpoints.path(b))).isEqualTo(bytes(RunCheckpoints.path(a)));
    for (String stem : new String[] {"qd-archive", "qd-coverage", "qd-final-positions"}) {
      assertThat(a.resolve("plots").resolve(stem + ".png")).isRegularFile();
      assertThat(read(b.resolve("plots").resolve(stem + ".png.caption"))).isEqualTo(read(a.resolve("plots").resolve(stem + ".png.caption")));
    }
    Checkpoint ck = Checkpoints.load(RunCheckpoints.path(a));
    assertThat(RunCheckpoints.step(ck)).isGreaterThanOrEqualTo(1500);
    QdRun.Recorder r = new QdRun.Recorder();
    r.loadState(StateBuffer.of(ck.longs("qd.history")));
    assertThat(r.history().finalMeasures()).hasSize((int) RunCheckpoints.step(ck));
  }

  @Test
  void sameSeedSameMetricsOtherSeedOtherMetrics() {
    String m1 = read(trainToEnd(spec("ns"), tmp.resolve("1")).resolve(RunContext.METRICS_FILE));
    String m2 = read(trainToEnd(spec("ns"), tmp.resolve("2")).resolve(RunContext.METRICS_FILE));
    String m3 = read(trainToEnd(spec("ns", "seed=4"), tmp.resolve("3")).resolve(RunContext.METRICS_FILE));
    assertThat(m2).isEqualTo(m1);
    assertThat(m3).isNotEqualTo(m1);
    assertThat(m1).contains("\"charts/coverage\"", "\"charts/qd_score\"", "\"charts/best_return\"", "\"charts/episodic_return\"");
    // the first line is the initial population of 20, then 40 children per round
    assertThat(m1.lines().findFirst().orElseThrow()).startsWith("{\"step\":20,");
  }

  @Test
  void evaluationReplaysTheBestGenomeFromTheSearchsReset() {
    // enough evaluations that novelty search reaches the reward on PointMaze-v0 (seed 3 of the example's shape)
    ExperimentSpec spec = spec("ns", "algo.evaluations=4000", "algo.mu=100");
    Path run = trainToEnd(spec, tmp);
    String metrics = read(run.resolve(RunContext.METRICS_FILE));
    String last = metrics.lines().reduce((x, y) -> y).orElseThrow();
    double best = Double.parseDouble(last.replaceAll(".*\"charts/best_return\":([-0-9.Ee]+).*", "$1"));
    assertThat(best).as("the search found the reward").isEqualTo(1.0);
    Checkpoint ck = Checkpoints.load(RunCheckpoints.path(run));
    // reset seed 0 is the one every rollout of the search used: the best genome scores its best return again
    EvalResult r = Algorithms.of(spec).evaluate(spec, ck, EnvRegistry.standard(), new EvalOptions(1, 0, true));
    assertThat(r.metrics().get("eval/mean_return")).isEqualTo(best);
    assertThat(Algorithms.of(spec).evaluate(spec, ck, EnvRegistry.standard(), new EvalOptions(3, 7, true)).details())
        .hasSize(3);
  }

  @Test
  void badConfigsAreRefusedBeforeARunStarts() {
    ExperimentSpec cartpole = ExperimentSpecs.read("algo: {type: qd}\nenv: {id: CartPole-v1}\n");
    assertThatThrownBy(() -> Algorithms.of(cartpole).validate(cartpole, EnvRegistry.standard()))
        .isInstanceOf(UserInputException.class).hasMessageContaining("env.id").hasMessageContaining("2-D Box");
    assertThatThrownBy(() -> ExperimentSpecs.read("algo: {type: qd, method: stax}\nenv: {id: PointMaze-v0}\n"))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.method").hasMessageContaining("stax");
    assertThatThrownBy(() -> ExperimentSpecs.read("algo: {type: qd, evaluations: 0}\nenv: {id: PointMaze-v0}\n"))
        .isInstanceOf(UserInputException.class).hasMessageContaining("evaluations");
  }

  @Test
  void roundsCoverTheBudgetExactlyAsTheSearchLoopDoes() {
    QdConfig ns = (QdConfig) spec("ns").algo();
    assertThat(ns.numIterations()).isEqualTo(1 + (1500 - 20 + 39) / 40);
    QdConfig me = (QdConfig) spec("map-elites").algo();
    assertThat(me.numIterations()).isEqualTo(30);
  }

  @Test
  void theYamlOfTheDocsSectionIsAValidExperiment() throws IOException {
    String doc = Files.readString(Path.of("../docs/qd.md"));
    String section = doc.substring(doc.indexOf("## QD searches in the runner"));
    int from = section.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = section.substring(from, section.indexOf("```", from));
    ExperimentSpec spec = ExperimentSpecs.read(yaml);
    assertThat(spec.algoType()).isEqualTo("qd");
    Algorithms.of(spec).validate(spec, EnvRegistry.standard());
  }
}
