package org.rewardlab.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * Mistakes in the term library's specs are reported at their real YAML path, whether the records
 * reject them while the config is read or the builder rejects them against the env or the input
 * type, with a fix.
 */
class TermLibraryErrorPathsTest {
  public record Experiment(String env, RewardSpec reward) {}

  private static UserInputException error(String yaml, String... sets) {
    UserInputException e = catchThrowableOfType(() -> {
      Experiment x = Configs.read(yaml, Experiment.class, List.of(sets));
      try {
        if (x.env() == null) {
          RewardSpecs.buildForCompletions(x.reward());
        } else {
          new RewardWrappedEnv(EnvRegistry.make(x.env()), x.reward(), new RewardBuildContext(0.99, EnvRegistry.potentials(x.env())));
        }
      } catch (UserInputException u) {
        throw new UserInputException(u.where().isEmpty() ? "reward" : "reward." + u.where(), u.problem(), u.fix(), u);
      }
    }, UserInputException.class);
    assertThat(e).as("an error for\n" + yaml + " " + List.of(sets)).isNotNull();
    assertThat(e.fix()).isNotBlank();
    return e;
  }

  private static final String CARL = """
      env: MountainCar-v0
      reward:
        type: product
        reward: {type: feature, feature: mountaincar.height, of: delta, name: progress}
        penalties:
          - {type: feature, index: 1, weight: 10, name: speeding}
          - {type: feature, index: 0, name: ttc}
        terminateOn:
          - {type: feature, index: 0, name: crash}
      """;

  @Test
  void productMistakes() {
    assertThat(error(CARL.replace("feature: mountaincar.height", "feature: mountaincar.hieght")).where())
        .isEqualTo("reward.reward.feature");
    assertThat(error(CARL.replace("index: 1", "index: 7")).where()).isEqualTo("reward.penalties.0.index");
    assertThat(error(CARL.replace("name: ttc", "name: speeding")).where()).isEqualTo("reward.penalties.1.name");
    assertThat(error(CARL.replace("name: crash", "name: c, feature: x")).where()).isEqualTo("reward.terminateOn.0.index");
    assertThat(error(CARL.replace("  reward: {type: feature, feature: mountaincar.height, of: delta, name: progress}\n", "")).where())
        .isEqualTo("reward.reward");
    assertThat(error(CARL.replace("of: delta", "of: later")).getMessage()).contains("unknown feature position 'later'");
    assertThat(error(CARL, "reward.terminalPenalty=-1").where()).isEqualTo("reward.terminalPenalty");
    UserInputException stateful = error(CARL.replace("{type: feature, index: 0, name: crash}",
        "{type: normalize, reward: {type: feature, index: 0}, name: crash}"));
    assertThat(stateful.where()).isEqualTo("reward.terminateOn.0.type");
    assertThat(stateful.problem()).contains("must be stateless");
  }

  @Test
  void levelMistakes() {
    String lex = """
        env: MountainCar-v0
        reward:
          type: lexicographic
          levels:
            - {reward: {type: bonus, on: terminated, amount: 1, name: goal}, resolution: 1}
            - {reward: {type: feature, index: 0, name: x}, lo: -1.2, hi: 0.6}
        """;
    assertThat(error(lex.replace(", resolution: 1", "")).where()).isEqualTo("reward.levels.0.resolution");
    assertThat(error(lex.replace("lo: -1.2, ", "")).where()).isEqualTo("reward.levels.1.lo");
    assertThat(error(lex.replace("hi: 0.6", "hi: -2")).where()).isEqualTo("reward.levels.1.hi");
    assertThat(error(lex.replace("resolution: 1", "resolution: 0")).where()).isEqualTo("reward.levels.0.resolution");
    assertThat(error(lex.replace("name: x", "name: goal")).where()).isEqualTo("reward.levels.1.reward.name");
    String gated = """
        env: MountainCar-v0
        reward:
          type: gated
          mode: episode
          levels:
            - {reward: {type: bonus, on: terminated, amount: 1}, threshold: 0.5}
            - reward: {type: penalty, on: step, amount: 0.1}
        """;
    assertThat(error(gated.replace("mode: episode", "mode: episodic")).fix()).contains("did you mean 'episode'?");
    assertThat(error(gated.replace("threshold: 0.5", "threshold: .nan")).where()).isEqualTo("reward.levels.0.threshold");
    assertThat(error(gated.replace("amount: 0.1", "amount: -0.1")).where()).isEqualTo("reward.levels.1.reward.amount");
    assertThat(error("env: MountainCar-v0\nreward: {type: gated, levels: []}").where()).isEqualTo("reward.levels");
  }

  @Test
  void shapeParAndRefinementMistakes() {
    assertThat(error("env: MountainCar-v0\nreward: {type: shape, kind: distance, reward: {type: env}}").where()).isEqualTo("reward.scale");
    assertThat(error("env: MountainCar-v0\nreward: {type: shape, kind: sqrt, scale: 1, density: 2, reward: {type: env}}").where())
        .isEqualTo("reward.density");
    assertThat(error("env: MountainCar-v0\nreward: {type: shape, kind: curvy, scale: 1, reward: {type: env}}").fix())
        .contains("distance, sqrt, linear, threshold");
    assertThat(error("env: MountainCar-v0\nreward: {type: shape, kind: threshold, reward: {type: env}}").where()).isEqualTo("reward.at");
    UserInputException par = error("env: MountainCar-v0\nreward: {type: par, reward: {type: env}}");
    assertThat(par.where()).isEqualTo("reward.references");
    assertThat(par.problem()).contains("constant reference rewards");
    assertThat(error("env: MountainCar-v0\nreward: {type: par, references: [], reward: {type: env}}").where()).isEqualTo("reward.references");
    assertThat(error("env: MountainCar-v0\nreward: {type: par, references: [0], k: 0, reward: {type: env}}").where()).isEqualTo("reward.k");
    assertThat(error("env: MountainCar-v0\nreward: {type: prm_refine, mode: clip, reward: {type: env}}").where()).isEqualTo("reward.eta");
    assertThat(error("env: MountainCar-v0\nreward: {type: prm_refine, mode: delta, eta: 1, reward: {type: env}}").where()).isEqualTo("reward.eta");
    assertThat(error("env: MountainCar-v0\nreward: {type: prm_refine, mode: delta}").where()).isEqualTo("reward.reward");
    assertThat(error("env: MountainCar-v0\nreward: {type: normalize, reward: {type: env}, epsilon: 0}").where()).isEqualTo("reward.epsilon");
    assertThat(error("env: MountainCar-v0\nreward: {type: krc, terms: []}").where()).isEqualTo("reward.terms");
    assertThat(error("env: MountainCar-v0\nreward: {type: difficulty_scale, factor: 10, reward: {type: env}}").where())
        .isEqualTo("reward.difficulty");
  }

  @Test
  void completionTermsInAnEnvAndTheOtherWayRound() {
    UserInputException e = error("""
        env: CartPole-v1
        reward:
          type: weighted
          terms:
            - reward: {type: env}
            - reward: {type: overlong, maxLength: 100, cache: 10}
        """);
    assertThat(e.where()).isEqualTo("reward.terms.1.reward.type");
    assertThat(e.problem()).contains("an overlong term scores language-model completions").contains("CartPole-v1");
    assertThat(error("reward: {type: feature, index: 0}").where()).isEqualTo("reward.type");
    assertThat(error("reward: {type: overlong, maxLength: 100, cache: 200}").where()).isEqualTo("reward.cache");
    assertThat(error("reward: {type: completion}").where()).isEqualTo("reward.field");
    assertThat(error("reward: {type: completion, field: corect}").fix()).contains("did you mean 'correct'?");
    assertThat(error("reward: {type: completion, signal: 'a b'}").where()).isEqualTo("reward.signal");
    assertThat(error("reward: {type: conciseness}").where()).isEqualTo("reward.alpha");
    assertThat(error("reward: {type: length_penalty, coef: -0.01}").where()).isEqualTo("reward.coef");
    assertThat(error("reward: {type: page_item, name: p, itmeWeight: 2}").getMessage()).contains("did you mean 'itemWeight'?");
  }

  @Test
  void setReachesTheNewKeys() {
    Experiment x = Configs.read(CARL, Experiment.class, List.of("reward.penalties.0.weight=2", "reward.terminalPenalty=1"));
    RewardSpec.Product p = (RewardSpec.Product) x.reward();
    assertThat(((RewardSpec.Feature) p.penalties().get(0)).weight()).isEqualTo(2.0);
    assertThat(p.terminalPenalty()).isEqualTo(1.0);
  }
}
