package org.rewardlab.algos.rl;

import org.rewardlab.algos.experiment.RunCheckpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;

/**
 * Resume equals uninterrupted, bit for bit: a run stopped after an update that is not a checkpoint
 * (so metrics past the checkpoint are in the file, as after a kill) and resumed from its checkpoint
 * ends with the same {@code metrics.jsonl} bytes and the same checkpoint as a run that never
 * stopped. Each case exercises other checkpointed state: plain CartPole (envs, RNGs, Adam), Pendulum
 * (observation and reward normalizers, Gaussian head), shaped MountainCar (reward wrapper terms and
 * the potential's previous state).
 */
class PpoTrainerResumeTest {
  @TempDir Path tmp;

  static final String CARTPOLE = """
      name: resume-cartpole
      seed: 7
      env: {id: CartPole-v1}
      algo: {type: ppo, numEnvs: 4, numSteps: 32, totalTimesteps: 5120}
      run: {checkpointEvery: 3, evalEpisodes: 0}
      """;

  static final String PENDULUM = """
      name: resume-pendulum
      seed: 3
      env: {id: Pendulum-v1, normalizeObservation: true, normalizeReward: true, clipAction: true}
      policy: {head: gaussian}
      algo: {type: ppo, numEnvs: 2, numSteps: 64, totalTimesteps: 5120, numMinibatches: 4, updateEpochs: 4,
            learningRate: 3.0e-4, entCoef: 0.0}
      run: {checkpointEvery: 3, evalEpisodes: 0}
      """;

  static final String MOUNTAINCAR_SHAPED = """
      name: resume-mountaincar
      seed: 5
      env: {id: MountainCar-v0}
      reward:
        type: weighted
        terms:
          - weight: 1.0
            reward: {type: env, name: env}
          - weight: 1.0
            reward: {type: potential, name: shaping, potential: mountaincar.energy, gamma: 0.99, weight: 100.0}
      algo: {type: ppo, numEnvs: 4, numSteps: 32, totalTimesteps: 5120}
      run: {checkpointEvery: 3, evalEpisodes: 0}
      """;

  private void assertResumeEqualsUninterrupted(ExperimentSpec spec, int killAfter) {
    Path a = PpoTrainerRuns.trainToEnd(spec, tmp.resolve("a"));
    Path b = PpoTrainerRuns.trainKilledAndResumed(spec, tmp.resolve("b"), killAfter);
    String ma = PpoTrainerRuns.metrics(a);
    assertThat(ma.lines().count()).as("the run logged something").isGreaterThan(((PpoConfig) spec.algo()).numIterations());
    assertThat(PpoTrainerRuns.firstDifference(ma, PpoTrainerRuns.metrics(b))).isNull();

    Checkpoint ca = Checkpoints.load(RunCheckpoints.path(a));
    Checkpoint cb = Checkpoints.load(RunCheckpoints.path(b));
    assertThat(RunCheckpoints.step(ca)).isEqualTo(((PpoConfig) spec.algo()).numIterations() * (long) ((PpoConfig) spec.algo()).batchSize());
    assertThat(ca.floatNames()).anyMatch(n -> n.startsWith("learner.weights.")).isEqualTo(cb.floatNames());
    for (String name : ca.floatNames()) {
      assertThat(cb.floats(name)).as(name).containsExactly(ca.floats(name));
    }
    for (String name : ca.longNames()) {
      assertThat(cb.longs(name)).as(name).containsExactly(ca.longs(name));
    }
    for (String name : ca.doubleNames()) {
      assertThat(cb.doubles(name)).as(name).containsExactly(ca.doubles(name));
    }
    assertThat(PpoTrainerRuns.bytes(RunCheckpoints.path(b)))
        .as("the whole checkpoint file")
        .isEqualTo(PpoTrainerRuns.bytes(RunCheckpoints.path(a)));
  }

  @Test
  void cartPoleResumedAfterAKillEqualsUninterrupted() {
    assertResumeEqualsUninterrupted(PpoTrainerRuns.spec(CARTPOLE), 17);
  }

  @Test
  void pendulumWithNormalizersResumedEqualsUninterrupted() {
    ExperimentSpec spec = PpoTrainerRuns.spec(PENDULUM);
    assertThat(spec.env().normalizeObservation()).isTrue();
    assertThat(spec.env().normalizeReward()).isTrue();
    assertResumeEqualsUninterrupted(spec, 20);
  }

  @Test
  void shapedMountainCarResumedEqualsUninterrupted() {
    ExperimentSpec spec = PpoTrainerRuns.spec(MOUNTAINCAR_SHAPED);
    assertThat(spec.reward()).isNotNull();
    assertResumeEqualsUninterrupted(spec, 13);
  }

  @Test
  void killedThreeTimesStillEqualsUninterrupted() {
    ExperimentSpec spec = PpoTrainerRuns.spec(CARTPOLE);
    Path a = PpoTrainerRuns.trainToEnd(spec, tmp.resolve("a"));
    // kills after updates 4, 3 + 5 = 8 and 6 + 7 = 13 (checkpoints at 3, 6 and 12)
    Path b = PpoTrainerRuns.trainKilledAndResumed(spec, tmp.resolve("b"), 4, 5, 7);
    assertThat(PpoTrainerRuns.firstDifference(PpoTrainerRuns.metrics(a), PpoTrainerRuns.metrics(b))).isNull();
  }
}
