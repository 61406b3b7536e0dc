package org.rewardlab.algos.rl;

import org.rewardlab.algos.experiment.RunCheckpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.experiment.ExperimentSpec;

/** Same seed twice gives the same metrics, byte for byte; another seed gives other metrics. */
class PpoTrainerDeterminismTest {
  @TempDir Path tmp;

  static final String SMALL = """
      name: determinism
      seed: 21
      env: {id: CartPole-v1}
      algo: {type: ppo, numEnvs: 4, numSteps: 32, totalTimesteps: 2560}
      run: {checkpointEvery: 5, evalEpisodes: 0}
      """;

  @Test
  void sameSeedTwiceGivesIdenticalMetricsAndWeights() {
    ExperimentSpec spec = PpoTrainerRuns.spec(SMALL);
    Path a = PpoTrainerRuns.trainToEnd(spec, tmp.resolve("a"));
    Path b = PpoTrainerRuns.trainToEnd(spec, tmp.resolve("b"));
    String ma = PpoTrainerRuns.metrics(a);
    assertThat(ma).contains("charts/episodic_return", "losses/policy_loss");
    assertThat(PpoTrainerRuns.firstDifference(ma, PpoTrainerRuns.metrics(b))).isNull();
    assertThat(PpoTrainerRuns.bytes(RunCheckpoints.path(b)))
        .isEqualTo(PpoTrainerRuns.bytes(RunCheckpoints.path(a)));
  }

  @Test
  void anotherSeedGivesOtherMetrics() {
    ExperimentSpec spec = PpoTrainerRuns.spec(SMALL);
    Path a = PpoTrainerRuns.trainToEnd(spec, tmp.resolve("a"));
    Path b = PpoTrainerRuns.trainToEnd(spec.withSeed(22), tmp.resolve("b"));
    String ma = PpoTrainerRuns.metrics(a);
    String mb = PpoTrainerRuns.metrics(b);
    assertThat(mb).isNotEqualTo(ma);
    // not just one number: the very first episode and the first update already differ
    assertThat(mb.lines().findFirst()).isNotEqualTo(ma.lines().findFirst());
  }

  @Test
  void theSeedOnTheCommandLineEqualsTheSeedInTheFile() {
    ExperimentSpec inFile = PpoTrainerRuns.spec(SMALL.replace("seed: 21", "seed: 22"));
    ExperimentSpec overridden = PpoTrainerRuns.spec(SMALL, "seed=22");
    Path a = PpoTrainerRuns.trainToEnd(inFile, tmp.resolve("a"));
    Path b = PpoTrainerRuns.trainToEnd(overridden, tmp.resolve("b"));
    assertThat(PpoTrainerRuns.firstDifference(PpoTrainerRuns.metrics(a), PpoTrainerRuns.metrics(b))).isNull();
  }
}
