package org.rewardlab.algos.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.FlatTimeLimit;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Space;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.grid.GridWorld;
import org.rewardlab.envs.grid.GridWorlds;

/**
 * The tabular algorithms through the runner: registration by their service lines, same seed twice
 * byte-identical, resume after a kill equal to an uninterrupted run (with a reward spec, so the reward
 * wrapper's state and {@code reward/<term>} metrics are covered), evaluation, and validation.
 */
class TabularRunsTest {
  @TempDir Path tmp;

  static final String Q = """
      name: q-resume
      seed: 5
      env: {id: KeyDoor-v0}
      reward:
        type: weighted
        terms:
          - weight: 1.0
            reward: {type: env, name: env}
          - weight: 1.0
            reward: {type: potential, name: shaping, potential: grid.distance, weight: 0.1}
      algo: {type: qlearning, numEnvs: 2, numSteps: 50, totalTimesteps: 3000, learningRate: 0.5}
      run: {checkpointEvery: 4, evalEpisodes: 0}
      """;

  static final String REINFORCE = """
      name: reinforce-resume
      seed: 6
      env: {id: GridLava-v0}
      reward:
        type: weighted
        terms:
          - weight: 1.0
            reward: {type: env, name: env}
          - weight: 0.5
            reward: {type: potential, name: shaping, potential: grid.manhattan, weight: 0.1}
      algo: {type: tabular-reinforce, numEnvs: 3, numSteps: 40, totalTimesteps: 3600, learningRate: 0.5,
             baseline: value, entropyCoef: 0.01}
      run: {checkpointEvery: 4, evalEpisodes: 0}
      """;

  @Test
  void bothAreRegisteredByTheirServiceLines() {
    assertThat(Algorithms.types()).contains("ppo", "qlearning", "tabular-reinforce");
    assertThat(Algorithms.of("qlearning")).isInstanceOf(QLearningAlgorithm.class);
    assertThat(Algorithms.of("tabular-reinforce")).isInstanceOf(TabularReinforceAlgorithm.class);
    ExperimentSpec spec = TabularRuns.spec("algo: {type: qlearning}\nenv: {id: FourRooms-v0}\n");
    assertThat(spec.algo()).isEqualTo(QLearningConfig.defaults());
    assertThat(spec.algoType()).isEqualTo("qlearning");
    assertThat(TabularRuns.spec("algo: {type: tabular-reinforce}\n").algo()).isEqualTo(TabularReinforceConfig.defaults());
    assertThat(TabularRuns.spec("algo: {type: qlearning}\n", "algo.initialQ=1.0").algo())
        .isEqualTo(QLearningConfig.defaults().withInitialQ(1.0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"q", "reinforce"})
  void sameSeedTwiceGivesIdenticalMetricsAndCheckpoints(String which) {
    ExperimentSpec spec = TabularRuns.spec(which.equals("q") ? Q : REINFORCE);
    Path a = TabularRuns.trainToEnd(spec, tmp.resolve("a"));
    Path b = TabularRuns.trainToEnd(spec, tmp.resolve("b"));
    String ma = TabularRuns.metrics(a);
    assertThat(ma).contains("charts/episodic_return", "charts/episodic_length", "charts/trained_return", "reward/env",
        "reward/shaping", "charts/learning_rate");
    assertThat(ma).contains(which.equals("q") ? "losses/td_error" : "losses/policy_loss");
    if (which.equals("q")) assertThat(ma).contains("charts/epsilon");
    assertThat(TabularRuns.metrics(b)).isEqualTo(ma);
    assertThat(TabularRuns.bytes(RunCheckpoints.path(b))).isEqualTo(TabularRuns.bytes(RunCheckpoints.path(a)));
    Path c = TabularRuns.trainToEnd(spec.withSeed(spec.seed() + 1), tmp.resolve("c"));
    assertThat(TabularRuns.metrics(c).lines().findFirst()).isNotEqualTo(ma.lines().findFirst());
  }

  @ParameterizedTest
  @ValueSource(strings = {"q", "reinforce"})
  void resumedAfterKillsEqualsUninterrupted(String which) {
    ExperimentSpec spec = TabularRuns.spec(which.equals("q") ? Q : REINFORCE);
    Path a = TabularRuns.trainToEnd(spec, tmp.resolve("a"));
    // kills after iterations 6 and 6 + 7 = 13 (checkpoints at 4 and 12)
    Path b = TabularRuns.trainKilledAndResumed(spec, tmp.resolve("b"), 6, 7);
    assertThat(TabularRuns.metrics(b)).isEqualTo(TabularRuns.metrics(a));
    assertThat(TabularRuns.bytes(RunCheckpoints.path(b))).isEqualTo(TabularRuns.bytes(RunCheckpoints.path(a)));
    Checkpoint ck = TabularRuns.checkpoint(a);
    assertThat(ck.doubleNames()).contains(which.equals("q") ? TabularCheckpoint.Q : TabularCheckpoint.LOGITS);
    if (which.equals("reinforce")) assertThat(ck.longNames()).contains(TabularCheckpoint.PENDING);
  }

  @Test
  void evaluationPlaysTheGreedyPolicyWithTheEnvsOwnReturn() {
    ExperimentSpec spec = TabularRuns.spec(Q, "algo.totalTimesteps=30000", "algo.initialQ=1.0");
    Path run = TabularRuns.trainToEnd(spec, tmp);
    Checkpoint ck = TabularRuns.checkpoint(run);
    EvalResult r = Algorithms.of(spec).evaluate(spec, ck, EnvRegistry.standard(), new EvalOptions(20, 3, true));
    assertThat(r.metrics().get("eval/mean_return")).as("the env's return, not the shaped one").isEqualTo(1.0);
    assertThat(r.details()).hasSize(20);
    assertThat(Algorithms.of(spec).evaluate(spec, ck, EnvRegistry.standard(), new EvalOptions(20, 3, true)).details())
        .isEqualTo(r.details());
    ExperimentSpec other = TabularRuns.spec(REINFORCE);
    assertThatThrownBy(() -> Algorithms.of(other).evaluate(other, ck, EnvRegistry.standard(), new EvalOptions(1, 1, true)))
        .isInstanceOf(UserInputException.class).hasMessageContaining("qlearning/1");
  }

  @Test
  void envsThatNameNoStateAreRefusedBeforeARunStarts() {
    ExperimentSpec cartpole = TabularRuns.spec("algo: {type: qlearning}\nenv: {id: CartPole-v1}\n");
    assertThatThrownBy(() -> Algorithms.of(cartpole).validate(cartpole, EnvRegistry.standard()))
        .isInstanceOf(UserInputException.class)
        .satisfies(e -> assertThat(((UserInputException) e).where()).isEqualTo("env.id"))
        .hasMessageContaining("Q-learning is tabular").hasMessageContaining("not a one-hot state")
        .hasMessageContaining("FourRooms-v0");
    ExperimentSpec pendulum = TabularRuns.spec("algo: {type: tabular-reinforce}\nenv: {id: Pendulum-v1}\n");
    assertThatThrownBy(() -> Algorithms.of(pendulum).validate(pendulum, EnvRegistry.standard()))
        .hasMessageContaining("needs Discrete actions");
    ExperimentSpec normalized = TabularRuns.spec("algo: {type: qlearning}\nenv: {id: FourRooms-v0, normalizeObservation: true}\n");
    assertThatThrownBy(() -> Algorithms.of(normalized).validate(normalized, EnvRegistry.standard()))
        .satisfies(e -> assertThat(((UserInputException) e).where()).isEqualTo("env.normalizeObservation"));
    ExperimentSpec unknown = TabularRuns.spec("algo: {type: qlearning}\nenv: {id: fourrooms-v0}\n");
    assertThatThrownBy(() -> Algorithms.of(unknown).validate(unknown, EnvRegistry.standard()))
        .hasMessageContaining("did you mean 'FourRooms-v0'");
    ExperimentSpec badPotential = TabularRuns.spec(Q.replace("grid.distance", "grid.nope"));
    assertThatThrownBy(() -> Algorithms.of(badPotential).validate(badPotential, EnvRegistry.standard()))
        .isInstanceOf(UserInputException.class)
        .satisfies(e -> assertThat(((UserInputException) e).where()).startsWith("reward"));
    assertThatThrownBy(() -> TabularRuns.spec("algo: {type: qlearning, learningRate: 2.0}\n"))
        .hasMessageContaining("learningRate");
    assertThatThrownBy(() -> TabularRuns.spec("algo: {type: tabular-reinforce, baseline: critic}\n"))
        .hasMessageContaining("value, mean or none");
  }

  /** A one-hot env that is not a grid kernel (its unwrapped() hides the GridWorld). */
  static final class OneHotOnly implements FlatEnv, org.rewardlab.core.env.Checkpointable {
    final GridWorld inner = new GridWorld(GridWorlds.GRID_GOAL.withId("OneHot-v0"));

    @Override
    public EnvSpec spec() {
      return inner.spec();
    }

    @Override
    public Box observationSpace() {
      return inner.observationSpace();
    }

    @Override
    public Space<?> actionSpace() {
      return inner.actionSpace();
    }

    @Override
    public void reset(long seed, float[] obs, int off) {
      inner.reset(seed, obs, off);
    }

    @Override
    public void reset(float[] obs, int off) {
      inner.reset(obs, off);
    }

    @Override
    public double step(float[] action, int aOff, float[] obs, int oOff) {
      return inner.step(action, aOff, obs, oOff);
    }

    @Override
    public boolean terminated() {
      return inner.terminated();
    }

    @Override
    public FlatEnv copy() {
      return new OneHotOnly();
    }

    @Override
    public void saveState(org.rewardlab.core.env.StateBuffer out) {
      inner.saveState(out);
    }

    @Override
    public void loadState(org.rewardlab.core.env.StateBuffer in) {
      inner.loadState(in);
    }

    @Override
    public void close() {}
  }

  @Test
  void anyOneHotEnvIsDecodedByThePositionOfItsOne() {
    FlatEnv env = FlatTimeLimit.wrap(new OneHotOnly(), 100);
    assertThat(env.unwrapped()).isNotInstanceOf(GridWorld.class);
    StateDecoder d = StateDecoder.of(env, "Q-learning");
    assertThat(d.numStates()).isEqualTo(100);
    float[] obs = new float[100];
    obs[42] = 1f;
    assertThat(d.decode(obs, 0)).isEqualTo(42);
    obs[7] = 0.5f;
    assertThatThrownBy(() -> d.decode(obs, 0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not one-hot");
    EnvFactory factory = id -> FlatTimeLimit.wrap(new OneHotOnly(), 100);
    ExperimentSpec spec = TabularRuns.spec("algo: {type: qlearning, numSteps: 50, totalTimesteps: 500}\nenv: {id: OneHot-v0}\n");
    Algorithms.of(spec).validate(spec, factory);
    var ctx = org.rewardlab.core.run.RunContext.create(tmp, "onehot", 1, spec);
    try (ctx; var t = Algorithms.of(spec).start(spec, ctx, factory)) {
      t.train(org.rewardlab.algos.experiment.TrainListener.none());
      assertThat(t.step()).isEqualTo(500);
    }
  }
}
