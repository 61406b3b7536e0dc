package org.rewardlab.algos.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.loop.AdvantageInput;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;

/** PPO with the {@code rnd:} block: wiring, determinism, resume bit for bit, the two GAE streams. */
class PpoRndTest {
  @TempDir Path tmp;

  static final String NAV_RND = """
      name: rnd-nav
      seed: 4
      env: {id: AgvNav-simple-v0}
      algo: {type: ppo, numEnvs: 2, numSteps: 32, totalTimesteps: 448, learningRate: 3.0e-4, entCoef: 0.0,
             rnd: {initObsIterations: 2}}
      run: {checkpointEvery: 3, evalEpisodes: 0}
      """;

  @Test
  void rndRunsResumeBitForBitAndLogTheIntrinsicStream() {
    ExperimentSpec spec = PpoTrainerRuns.spec(NAV_RND);
    assertThat(((PpoConfig) spec.algo()).rnd()).isNotNull();
    assertThat(((PpoConfig) spec.algo()).rnd().extCoef()).isEqualTo(2.0);
    Path a = PpoTrainerRuns.trainToEnd(spec, tmp.resolve("a"));
    Path b = PpoTrainerRuns.trainKilledAndResumed(spec, tmp.resolve("b"), 5);
    Path c = PpoTrainerRuns.trainToEnd(spec, tmp.resolve("c"));
    String ma = PpoTrainerRuns.metrics(a);
    assertThat(ma).contains("charts/intrinsic_reward", "losses/rnd_forward_loss", "losses/int_value_loss");
    assertThat(PpoTrainerRuns.firstDifference(ma, PpoTrainerRuns.metrics(b))).isNull();
    assertThat(PpoTrainerRuns.firstDifference(ma, PpoTrainerRuns.metrics(c))).isNull();
    Checkpoint ca = Checkpoints.load(RunCheckpoints.path(a));
    assertThat(ca.floatNames()).anyMatch(n -> n.startsWith("rnd.weights.predictor."));
    assertThat(ca.doubleNames()).contains("rnd.obs.mean", "rnd.ret.filters");
    assertThat(PpoTrainerRuns.bytes(RunCheckpoints.path(b))).isEqualTo(PpoTrainerRuns.bytes(RunCheckpoints.path(a)));
  }

  @Test
  void plainPpoHasNoRndAndBadRndSettingsNameTheirPlace() {
    ExperimentSpec plain = PpoTrainerRuns.spec(NAV_RND.replaceAll(",\\s*rnd: \\{initObsIterations: 2\\}", ""));
    assertThat(((PpoConfig) plain.algo()).rnd()).isNull();
    assertThatThrownBy(() -> PpoTrainerRuns.spec(NAV_RND.replace("initObsIterations: 2", "updateProportion: 0")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("rnd.updateProportion");
  }

  @Test
  void theIntrinsicStreamIgnoresDonesAndTheAdvantagesAreMixed() {
    // T = 2, N = 1; an episode ends after step 0 (dones[1] = 1)
    RolloutBuffer buf = new RolloutBuffer(2, 1, 1, 1, true);
    buf.rewards[0] = 1f;
    buf.dones[1] = 1f;
    buf.intRewards[0] = 0.5f;
    buf.intRewards[1] = 0.25f;
    buf.intValues[1] = 2f;
    buf.nextIntValue[0] = 4f;
    buf.computeAdvantages(new Gae(0.9, 1.0), new Gae(0.5, 1.0), 2.0, 1.0);
    // extrinsic: the done cuts the bootstrap: A_0 = 1
    assertThat(buf.extAdvantages[0]).isEqualTo(1f);
    // intrinsic: no cut: A_1 = 0.25 + 0.5 * 4 - 2 = 0.25; A_0 = 0.5 + 0.5 * 2 - 0 + 0.5 * 0.25 = 1.625
    assertThat(buf.intAdvantages[1]).isCloseTo(0.25f, within(1e-6f));
    assertThat(buf.intAdvantages[0]).isCloseTo(1.625f, within(1e-6f));
    assertThat(buf.intReturns[1]).isCloseTo(2.25f, within(1e-6f));
    assertThat(buf.advantages[0]).isCloseTo(2 * 1f + 1.625f, within(1e-6f));
    assertThat(buf.returns[0]).isEqualTo(1f);
    assertThatThrownBy(() -> new RolloutBuffer(2, 1, 1, 1).computeAdvantages(new Gae(0.9, 1), new Gae(0.9, 1), 1, 1))
        .isInstanceOf(IllegalStateException.class);
    assertThat(new AdvantageInput(1, 1, new float[1], new float[1], new float[1], new float[1], new float[1], null).numSteps()).isEqualTo(1);
  }
}
