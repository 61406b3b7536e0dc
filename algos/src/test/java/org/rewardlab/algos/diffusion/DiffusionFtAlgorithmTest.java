package org.rewardlab.algos.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** {@code algo: {type: diffusion-ft}} through the runner: same seed, same file; kill and resume, same file; eval works. */
class DiffusionFtAlgorithmTest {
  static final String YAML = """
      name: diffusion-test
      seed: 3
      algo:
        type: diffusion-ft
        method: alignprop
        steps: 8
        hidden: [16, 16]
        pretrainSteps: 60
        pretrainBatch: 64
        epochs: 8
        promptsPerEpoch: 4
        samplesPerPrompt: 4
        evalPerPrompt: 16
      run: {checkpointEvery: 3}
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

  @Test
  void everyMethodIsDeterministicAndResumesByteIdentically(@TempDir Path root) {
    String first = null;
    for (String method : List.of("alignprop", "ddpo", "prdp")) {
      ExperimentSpec spec = ExperimentSpecs.read(YAML, "algo.method=" + method);
      String a = metrics(trainToEnd(spec, root.resolve(method + "-a")));
      String b = metrics(trainToEnd(spec, root.resolve(method + "-b")));
      Path cDir = trainKilledAndResumed(spec, root.resolve(method + "-c"), 4);
      assertThat(b).as(method).isEqualTo(a);
      if (first == null) first = a;
      assertThat(metrics(cDir)).as(method + " resumed after a kill at iteration 4").isEqualTo(a);
      assertThat(a).contains("\"charts/reward_mean\"", "\"charts/eval_reward\"", "\"charts/cluster_entropy\"");
      EvalResult e = Algorithms.of(spec).evaluate(spec, Checkpoints.load(RunCheckpoints.path(cDir)), EnvRegistry.standard(),
          new EvalOptions(1, 5, true));
      assertThat(e.metrics()).containsKeys("eval/reward_mean", "eval/cluster_entropy");
      assertThat(e.summary()).contains(method);
    }
    assertThat(metrics(trainToEnd(ExperimentSpecs.read(YAML, "seed=4"), root.resolve("seed4"))))
        .isNotEqualTo(first);
  }

  @Test
  void badConfigsNameTheKeyAndTheFix() {
    assertThatThrownBy(() -> ExperimentSpecs.read(YAML, "algo.reward=quantized")).isInstanceOf(UserInputException.class)
        .hasMessageContaining("reward").hasMessageContaining("gradient");
    assertThatThrownBy(() -> ExperimentSpecs.read(YAML, "algo.numPrompts=3")).isInstanceOf(UserInputException.class)
        .hasMessageContaining("numPrompts");
    assertThatThrownBy(() -> ExperimentSpecs.read(YAML, "algo.method=sgd")).isInstanceOf(UserInputException.class)
        .hasMessageContaining("method");
  }

  @Test
  void theYamlOfTheDocsSectionIsAValidExperimentAndEqualsTheExample() throws IOException {
    String doc = Files.readString(Path.of("../docs/diffusion.md"));
    String section = doc.substring(doc.indexOf("## Through the runner"));
    int from = section.indexOf("```yaml\n") + "```yaml\n".length();
    ExperimentSpec spec = ExperimentSpecs.read(section.substring(from, section.indexOf("```", from)));
    assertThat(spec.algoType()).isEqualTo("diffusion-ft");
    Algorithms.of(spec).validate(spec, EnvRegistry.standard());
    ExperimentSpec example = ExperimentSpecs.read(Files.readString(Path.of("../examples/diffusion-alignprop.yaml")));
    assertThat(spec.algo()).isEqualTo(example.algo());
  }
}
