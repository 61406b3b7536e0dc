package org.rewardlab.algos.pbrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
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
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;

/** {@code algo: {type: pbrl}} through the runner on CartPole: a tiny budget, resume, the learned reward, and (slow) learning. */
class PbrlTrainerTest {
  @TempDir Path tmp;

  static final String TINY = """
      name: pbrl-tiny
      seed: 3
      env: {id: CartPole-v1}
      algo:
        type: pbrl
        ppo: {numEnvs: 2, numSteps: 64, totalTimesteps: 1536, learningRate: 2.5e-4, annealLr: true, gamma: 0.99,
              gaeLambda: 0.95, numMinibatches: 2, updateEpochs: 2, normAdv: true, clipCoef: 0.2, clipVloss: true,
              entCoef: 0.01, vfCoef: 0.5, maxGradNorm: 0.5, targetKl: null, hiddenSizes: [32, 32], adamEps: 1.0e-5,
              truncationAsTermination: false}
        preferences: {fragmentLength: 20, totalComparisons: 160, rounds: 3, initialComparisonFrac: 0.25,
                      initialEpochMultiplier: 20, epochs: 2}
      run: {checkpointEvery: 4, evalEpisodes: 0}
      """;

  static Path train(String yaml, Path root, int killAfter) {
    ExperimentSpec spec = ExperimentSpecs.read(yaml);
    Algorithm<?> algo = Algorithms.of(spec);
    algo.validate(spec, EnvRegistry.standard());
    RunContext ctx = RunContext.create(root, spec.name(), spec.seed(), spec);
    Trainer t = algo.start(spec, ctx, EnvRegistry.standard());
    if (killAfter > 0) {
      t.train(TrainListener.none(), killAfter);
      t.close();
      ctx.metrics().flush();
      long ck = RunCheckpoints.step(RunCheckpoints.load(ctx.runDir()));
      RunContext reopened = RunContext.open(ctx.runDir(), ck);
      try (reopened; Trainer r = algo.resume(spec, reopened, EnvRegistry.standard(), RunCheckpoints.load(ctx.runDir()))) {
        r.train(TrainListener.none());
      }
    } else {
      try (ctx; t) {
        t.train(TrainListener.none());
      }
    }
    return ctx.runDir();
  }

  static List<JsonNode> rounds(Path run) throws Exception {
    ObjectMapper om = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(run.resolve(RunContext.METRICS_FILE))) {
      JsonNode n = om.readTree(l);
      if (n.has("pbrl/round")) out.add(n);
    }
    return out;
  }

  @Test
  void aTinyBudgetRunsEveryRoundAndResumesBitForBit() throws Exception {
    Path a = train(TINY, tmp.resolve("a"), 0);
    Path b = train(TINY, tmp.resolve("b"), 6); // killed after 6 iterations (checkpoint at 4, between rounds 1 and 2)
    String metrics = Files.readString(a.resolve(RunContext.METRICS_FILE));
    assertThat(metrics).contains("charts/episodic_return", "charts/trained_return", "losses/policy_loss");
    List<JsonNode> rounds = rounds(a);
    assertThat(rounds).hasSize(4);
    assertThat(rounds.get(3).get("pbrl/comparisons").asDouble()).isEqualTo(160);
    assertThat(Files.readString(b.resolve(RunContext.METRICS_FILE))).isEqualTo(metrics);
    assertThat(Files.readAllBytes(RunCheckpoints.path(b))).isEqualTo(Files.readAllBytes(RunCheckpoints.path(a)));

    var ck = RunCheckpoints.load(a);
    ExperimentSpec spec = RunCheckpoints.experiment(ck);
    EvalResult r = Algorithms.of(spec).evaluate(spec, ck, EnvRegistry.standard(), new EvalOptions(3, 1, true));
    assertThat(r.metrics()).isNotEmpty();
  }

  @Test
  void theLearnedSegmentReturnCorrelatesWithTheTrueReturnOnFragmentsItHasNotSeen() throws Exception {
    Path a = train(TINY, tmp.resolve("c"), 0);
    List<JsonNode> rounds = rounds(a);
    // measured on each round's new fragments before the model trains on them
    for (int i = 1; i < rounds.size(); i++) {
      assertThat(rounds.get(i).get("pbrl/heldout_return_corr").asDouble()).isGreaterThan(0.5);
    }
    assertThat(rounds.get(0).get("pbrl/rm_accuracy").asDouble()).isGreaterThan(0.8);
  }

  @Test
  void theExampleFileValidates() throws Exception {
    ExperimentSpec spec = ExperimentSpecs.read(Files.readString(Path.of("../examples/pbrl-cartpole.yaml")));
    Algorithms.of(spec).validate(spec, EnvRegistry.standard());
    assertThat(spec.algoType()).isEqualTo("pbrl");
    assertThat(((PbrlConfig) spec.algo()).preferences().fragmentLength()).isEqualTo(50);
    // the stored form (manifests, checkpoints) reads back, overrides on the nested PPO config included
    assertThat(ExperimentSpecs.fromTree(ExperimentSpecs.toJsonTree(spec), "stored")).isEqualTo(spec);
    ExperimentSpec set = ExperimentSpecs.read(Files.readString(Path.of("../examples/pbrl-cartpole.yaml")),
        "algo.ppo.totalTimesteps=2048", "algo.preferences.rounds=1");
    assertThat(((PbrlConfig) set.algo()).ppo().totalTimesteps()).isEqualTo(2048);
  }

  @Test
  void aRewardSectionIsRefused() {
    ExperimentSpec spec = ExperimentSpecs.read(TINY + "reward: {type: env}\n");
    assertThatThrownBy(() -> Algorithms.of(spec).validate(spec, EnvRegistry.standard()))
        .isInstanceOf(UserInputException.class).hasMessageContaining("remove the reward section");
  }

  /** The example reaches CartPole's 475 from synthetic preferences alone (about 70 s on 2 cores). */
  @Test
  @Tag("slow")
  void theExampleReachesCartPole475FromPreferencesAlone() throws Exception {
    String yaml = Files.readString(Path.of("../examples/pbrl-cartpole.yaml"));
    long t0 = System.nanoTime();
    Path a = train(yaml, tmp.resolve("slow"), 0);
    var ck = RunCheckpoints.load(a);
    ExperimentSpec spec = RunCheckpoints.experiment(ck);
    EvalResult r = Algorithms.of(spec).evaluate(spec, ck, EnvRegistry.standard(), new EvalOptions(20, 1, true));
    double mean = r.metrics().get("eval/mean_return");
    System.out.printf("pbrl-cartpole: eval mean return %.1f over 20 episodes, %.0f s%n", mean, (System.nanoTime() - t0) / 1e9);
    assertThat(mean).isGreaterThanOrEqualTo(475);
  }
}
