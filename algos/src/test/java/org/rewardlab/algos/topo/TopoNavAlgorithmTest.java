package org.rewardlab.algos.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.rewardlab.core.random.Seeds;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.grid.GridWorld;
import org.rewardlab.envs.grid.GridWorlds;

/**
 * TopoNav as a runner algorithm: registered, the runner's run equals {@link TopoNavAgent#run} on the
 * same seeds, same seed ⇒ byte-identical metrics, resume after kills equal to an uninterrupted run,
 * the coverage picture with its caption, evaluation, validation. 4000 env steps per run.
 */
class TopoNavAlgorithmTest {
  static final String YAML = """
      name: tn
      seed: 2
      env: {id: TopoNav-v0}
      algo: {type: toponav, totalTimesteps: 4000, stepsPerIteration: 250}
      run: {checkpointEvery: 4, evalEpisodes: 0}
      """;

  @TempDir Path tmp;

  static ExperimentSpec spec(String... overrides) {
    return ExperimentSpecs.read(YAML, overrides);
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
  void isRegisteredAndRunsTheAgentOnTheRunsSeeds() {
    assertThat(Algorithms.of("toponav")).isInstanceOf(TopoNavAlgorithm.class);
    Path run = trainToEnd(spec(), tmp);
    Seeds seeds = new Seeds(2);
    TopoNavAgent.Result direct = TopoNavAgent.run(new GridWorld(GridWorlds.TOPONAV), 4000, seeds.seed("envs"),
        seeds.stream("toponav"), TopoNavAgent.Config.defaults());
    String last = read(run.resolve(RunContext.METRICS_FILE)).lines().reduce((a, b) -> b).orElseThrow();
    assertThat(last).startsWith("{\"step\":4000,").contains("\"charts/coverage\":" + direct.coverage(),
        "\"charts/goals\":" + (double) direct.successes(), "\"charts/nodes\":" + (double) direct.nodes());
    assertThat(run.resolve("plots/coverage-toponav.png")).isRegularFile();
    assertThat(read(run.resolve("plots/coverage-toponav.png.caption"))).startsWith("Coverage map:");
  }

  @Test
  void resumedAfterKillsEqualsUninterruptedAndSameSeedSameMetrics() {
    ExperimentSpec spec = spec();
    Path a = trainToEnd(spec, tmp.resolve("a"));
    assertThat(read(trainToEnd(spec, tmp.resolve("c")).resolve(RunContext.METRICS_FILE)))
        .isEqualTo(read(a.resolve(RunContext.METRICS_FILE)));
    assertThat(read(trainToEnd(spec("seed=3"), tmp.resolve("d")).resolve(RunContext.METRICS_FILE)))
        .isNotEqualTo(read(a.resolve(RunContext.METRICS_FILE)));
    // kills after iterations 6 and 6 + 7 = 13 (checkpoints at 4 and 12), mid-episode
    RunContext ctx = RunContext.create(tmp.resolve("b"), spec.name(), spec.seed(), spec);
    Path b = ctx.runDir();
    Trainer t = Algorithms.of(spec).start(spec, ctx, EnvRegistry.standard());
    for (int k : new int[] {6, 7}) {
      t.train(TrainListener.none(), k);
      ctx.metrics().flush();
      Checkpoint ck = Checkpoints.load(RunCheckpoints.path(b));
      assertThat(RunCheckpoints.step(ck)).isLessThan(t.step());
      ctx = RunContext.open(b, RunCheckpoints.step(ck));
      ExperimentSpec stored = RunCheckpoints.experiment(ck);
      t = Algorithms.of(stored).resume(stored, ctx, EnvRegistry.standard(), ck);
    }
    try (RunContext c = ctx; Trainer last = t) {
      last.train(TrainListener.none());
    }
    assertThat(read(b.resolve(RunContext.METRICS_FILE))).isEqualTo(read(a.resolve(RunContext.METRICS_FILE)));
    assertThat(bytes(RunCheckpoints.path(b))).isEqualTo(bytes(RunCheckpoints.path(a)));
    assertThat(read(b.resolve("plots/coverage-toponav.png.caption"))).isEqualTo(read(a.resolve("plots/coverage-toponav.png.caption")));
  }

  @Test
  void evaluationPlaysEpisodesWithTheAgentsMemory() {
    ExperimentSpec spec = spec();
    Path run = trainToEnd(spec, tmp);
    Checkpoint ck = Checkpoints.load(RunCheckpoints.path(run));
    EvalResult r = Algorithms.of(spec).evaluate(spec, ck, EnvRegistry.standard(), new EvalOptions(3, 5, true));
    assertThat(r.details()).hasSize(3);
    // with the map of 4000 steps the goal is known: every episode reaches it, well within the time limit
    assertThat(r.metrics().get("eval/mean_return")).isEqualTo(1.0);
    assertThat(Algorithms.of(spec).evaluate(spec, ck, EnvRegistry.standard(), new EvalOptions(3, 5, true)).details())
        .isEqualTo(r.details());
  }

  @Test
  void badConfigsAreRefusedBeforeARunStarts() {
    ExperimentSpec cartpole = ExperimentSpecs.read("algo: {type: toponav}\nenv: {id: CartPole-v1}\n");
    assertThatThrownBy(() -> Algorithms.of(cartpole).validate(cartpole, EnvRegistry.standard()))
        .isInstanceOf(UserInputException.class).hasMessageContaining("env.id").hasMessageContaining("gridworld");
    assertThatThrownBy(() -> ExperimentSpecs.read("algo: {type: toponav, epsilon: 2}\nenv: {id: TopoNav-v0}\n"))
        .isInstanceOf(UserInputException.class).hasMessageContaining("epsilon");
  }

  @Test
  void theYamlOfTheDocsSectionIsAValidExperiment() throws IOException {
    String doc = Files.readString(Path.of("../docs/exploration.md"));
    String section = doc.substring(doc.indexOf("### TopoNav in the runner"));
    int from = section.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = section.substring(from, section.indexOf("```", from));
    ExperimentSpec spec = ExperimentSpecs.read(yaml);
    assertThat(spec.algoType()).isEqualTo("toponav");
    Algorithms.of(spec).validate(spec, EnvRegistry.standard());
  }
}
