package org.rewardlab.algos.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;

/** {@code algo: {type: dpo}} through the runner: offline TRL-format pairs and online pairs, determinism, resume, bad data. */
class DpoRunTest {
  @TempDir Path tmp;

  static String yaml(String data, String lossType, int steps) {
    return """
        name: dpo-tiny
        seed: 5
        algo:
          type: dpo
          task: {type: pref}
          model: {layers: 1, dModel: 32, heads: 2, contextLength: 0}
          %s
          steps: %d
          pairsPerStep: 16
          learningRate: 3.0e-3
          loss: {lossType: %s, beta: 0.1}
          eval: {testSize: 2, every: 3}
        run: {checkpointEvery: 3, evalEpisodes: 0}
        """.formatted(data == null ? "" : "data: '" + data + "'", steps, lossType);
  }

  Path data() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("../examples/preferences/tpref-train.jsonl")).subList(0, 200);
    Path f = tmp.resolve("pairs.jsonl");
    Files.write(f, lines);
    return f;
  }

  @Test
  void offlineDpoIsDeterministicResumesBitForBitAndLogsTrlMetrics() throws Exception {
    String y = yaml(data().toString(), "sigmoid", 7);
    Path a = LmTrainerTest.train(y, tmp.resolve("a"), 0);
    Path b = LmTrainerTest.train(y, tmp.resolve("b"), 4); // killed after 4 (checkpoint at 3)
    String metrics = Files.readString(a.resolve(RunContext.METRICS_FILE));
    assertThat(metrics).contains("losses/loss", "rewards/chosen", "rewards/rejected", "rewards/margins",
        "rewards/accuracies", "logps/chosen", "charts/test_score");
    assertThat(Files.readString(b.resolve(RunContext.METRICS_FILE))).isEqualTo(metrics);
    assertThat(Files.readAllBytes(RunCheckpoints.path(b))).isEqualTo(Files.readAllBytes(RunCheckpoints.path(a)));
    // the first step starts at the reference: every implicit reward is 0 and the loss is log 2
    String first = metrics.lines().filter(l -> l.contains("rewards/margins")).findFirst().orElseThrow();
    assertThat(first).contains("\"losses/loss\":0.693147");
  }

  @Test
  void simpoTrainsWithoutAReferenceModelAndResumesBitForBit() throws Exception {
    String y = yaml(data().toString(), "simpo, simpoGamma: 0.5, cpoAlpha: 0", 5).replace("beta: 0.1", "beta: 2.0");
    Path a = LmTrainerTest.train(y, tmp.resolve("s"), 0);
    Path b = LmTrainerTest.train(y, tmp.resolve("t"), 4);
    String metrics = Files.readString(a.resolve(RunContext.METRICS_FILE));
    assertThat(Files.readString(b.resolve(RunContext.METRICS_FILE))).isEqualTo(metrics);
    // SimPO's rewards are β × the mean token log-prob: negative from the first step (DPO's start at 0)
    String first = metrics.lines().filter(l -> l.contains("rewards/chosen")).findFirst().orElseThrow();
    assertThat(first).doesNotContain("\"rewards/chosen\":0.0").doesNotContain("\"losses/loss\":0.693147");
    // no frozen reference is kept: the checkpoint is smaller than a DPO run's
    Path dpo = LmTrainerTest.train(yaml(data().toString(), "sigmoid", 3), tmp.resolve("d"), 0);
    assertThat(Files.size(RunCheckpoints.path(a))).isLessThan(Files.size(RunCheckpoints.path(dpo)));
  }

  @Test
  void onlinePairsFromTheReferenceRunWithAnotherLossType() {
    Path a = LmTrainerTest.train(yaml(null, "ipo", 2), tmp.resolve("o"), 0);
    assertThat(a.resolve(RunContext.METRICS_FILE)).content().contains("charts/reference_score", "rewards/accuracies");
  }

  @Test
  void dataOutsideTheTasksAlphabetIsRefusedNamingThePair() throws Exception {
    Path f = tmp.resolve("bad.jsonl");
    Files.writeString(f, "{\"prompt\":\"a:\",\"chosen\":\"ab\",\"rejected\":\"ba\"}\n"
        + "{\"prompt\":\"a:\",\"chosen\":\"xyz\",\"rejected\":\"ba\"}\n");
    ExperimentSpec spec = ExperimentSpecs.read(yaml(f.toString(), "sigmoid", 2));
    assertThatThrownBy(() -> Algorithms.of(spec).validate(spec, EnvRegistry.standard()))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("pair 2")
        .hasMessageContaining("use only the task's characters");
  }
}
