package org.rewardlab.algos.gfn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;

/** {@code algo: {type: gfn}} through the runner: same seed, same file; kill and resume, same file; it learns. */
class GfnTrainerTest {
  static final String YAML = """
      name: gfn-test
      seed: 3
      algo:
        type: gfn
        env: {type: hypergrid, dim: 2, height: 4}
        loss: tb
        hidden: [32, 32]
        batchSize: 16
        numIterations: 12
        evalEvery: 4
        validationSamples: 1000
        replayCapacity: 64
        epsilon: 0.1
      run: {checkpointEvery: 5}
      """;

  static Path trainToEnd(ExperimentSpec spec, Path root) {
    Algorithm<?> algo = Algorithms.of(spec);
    algo.validate(spec, EnvRegistry.standard());
    RunContext ctx = RunContext.create(root, spec.name(), spec.seed(), spec);
    try (ctx; Trainer t = algo.start(spec, ctx, EnvRegistry.standard())) {
      t.train(TrainListener.none());
      return ctx.runDir();
    }
  }

  static Path trainKilledAndResumed(ExperimentSpec spec, Path root, int killAfter) {
    Algorithm<?> algo = Algorithms.of(spec);
    RunContext ctx = RunContext.create(root, spec.name(), spec.seed(), spec);
    Path dir = ctx.runDir();
    Trainer t = algo.start(spec, ctx, EnvRegistry.standard());
    t.train(TrainListener.none(), killAfter);
    t.close();
    ctx.metrics().flush();
    Checkpoint ck = Checkpoints.load(RunCheckpoints.path(dir));
    ctx = RunContext.open(dir, RunCheckpoints.step(ck));
    ExperimentSpec stored = RunCheckpoints.experiment(ck);
    try (RunContext c = ctx; Trainer last = Algorithms.of(stored).resume(stored, c, EnvRegistry.standard(), ck)) {
      last.train(TrainListener.none());
    }
    return dir;
  }

  static String metrics(Path dir) {
    try {
      return Files.readString(dir.resolve(RunContext.METRICS_FILE), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Double> series(Path dir, String key) {
    String k = "\"" + key + "\":";
    return metrics(dir).lines().filter(l -> l.contains(k)).map(l -> {
      int a = l.indexOf(k) + k.length();
      int b = a;
      while (b < l.length() && ",}".indexOf(l.charAt(b)) < 0) b++;
      return Double.parseDouble(l.substring(a, b));
    }).toList();
  }

  @Test
  void sameSeedGivesTheSameFileAndResumeIsByteIdentical(@TempDir Path root) {
    for (String loss : List.of("tb", "optb", "subtb", "fm")) {
      ExperimentSpec spec = ExperimentSpecs.read(YAML, "algo.loss=" + loss);
      String a = metrics(trainToEnd(spec, root.resolve(loss + "-a")));
      String b = metrics(trainToEnd(spec, root.resolve(loss + "-b")));
      String c = metrics(trainKilledAndResumed(spec, root.resolve(loss + "-c"), 7));
      assertThat(b).as(loss).isEqualTo(a);
      assertThat(c).as(loss + " resumed after a kill at iteration 7").isEqualTo(a);
      assertThat(a).contains("\"charts/l1\"", "\"charts/jsd\"", "\"charts/modes_found\"", "\"losses/loss\"");
    }
    String tb = metrics(trainToEnd(ExperimentSpecs.read(YAML), root.resolve("tb-again")));
    assertThat(metrics(trainToEnd(ExperimentSpecs.read(YAML, "seed=4"), root.resolve("seed4")))).isNotEqualTo(tb);
  }

  @Test
  void tbLearnsTheSmallGridAndWritesTheHeatmap(@TempDir Path root) {
    ExperimentSpec spec = ExperimentSpecs.read(YAML, "algo.numIterations=120", "algo.batchSize=32",
        "algo.hidden=[64, 64]", "algo.evalEvery=20", "algo.replayCapacity=0", "algo.epsilon=0.0");
    Path dir = trainToEnd(spec, root);
    List<Double> l1 = series(dir, "charts/l1");
    assertThat(l1.get(l1.size() - 1)).as("final exact L1 %s", l1).isLessThan(0.5 * l1.get(0)).isLessThan(0.25);
    assertThat(dir.resolve("plots").resolve(GfnTrainer.HEATMAP)).exists();
    EvalResult e = Algorithms.of(spec).evaluate(spec, Checkpoints.load(RunCheckpoints.path(dir)), EnvRegistry.standard(),
        new EvalOptions(1, 1, true));
    assertThat(e.metrics().get("eval/l1")).isEqualTo(l1.get(l1.size() - 1));
  }

  @Test
  void badConfigsNameThePlace() {
    assertThatUserInput(() -> ExperimentSpecs.read(YAML, "algo.loss=fldb"), "loss");
    assertThatUserInput(() -> ExperimentSpecs.read(YAML, "algo.loss=xx"), "loss");
    assertThatUserInput(() -> ExperimentSpecs.read(YAML, "algo.env.height=1"), "height");
  }

  static void assertThatUserInput(Runnable r, String where) {
    try {
      r.run();
      throw new AssertionError("expected a UserInputException about " + where);
    } catch (UserInputException e) {
      assertThat(e.where() + " " + e.getMessage()).contains(where);
    }
  }

  @Test
  void everyEnvAndObjectiveRunsThroughTheRunner(@TempDir Path root) {
    String[][] variants = {
      {"algo.env.type=bitseq", "algo.env.length=8", "algo.env.wordSize=2", "algo.env.numModes=4", "algo.loss=tb"},
      {"algo.env.type=bitseq", "algo.env.length=8", "algo.env.wordSize=2", "algo.env.numModes=4", "algo.loss=subtb"},
      {"algo.env.type=set", "algo.env.universe=6", "algo.env.setSize=3", "algo.loss=fldb", "algo.truncateAfter=2"},
      {"algo.env.type=set", "algo.env.universe=6", "algo.env.setSize=3", "algo.loss=flsubtb"},
      {"algo.loss=db", "algo.uniformBackward=true", "algo.temperature=2.0"},
    };
    int k = 0;
    for (String[] v : variants) {
      String[] sets = new String[v.length + 1];
      System.arraycopy(v, 0, sets, 0, v.length);
      sets[v.length] = "algo.numIterations=4";
      Path dir = trainToEnd(ExperimentSpecs.read(YAML, sets), root.resolve("v" + k++));
      List<Double> l1 = series(dir, "charts/l1");
      assertThat(l1).as(String.join(" ", v)).hasSize(1);
      assertThat(l1.get(0)).isBetween(0.0, 2.0);
    }
  }
}
