package org.rewardlab.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.reward.spec.Condition;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * Every reward-spec error names the real YAML path of the offending key, whether the spec's records
 * reject it while the config is read or the builder rejects it against the env, and {@code --set}
 * reaches into reward specs.
 */
class RewardSpecErrorPathsTest {

  /** An experiment-like config holding a reward spec under {@code reward}, as ExperimentSpec does. */
  public record Experiment(String env, RewardSpec reward) {}

  private static final String SHAPED = """
      env: MountainCar-v0
      reward:
        type: weighted
        terms:
          - weight: 1.0
            reward: {type: env}
          - weight: 1.0
            reward: {type: potential, potential: mountaincar.energy, weight: 100.0}
          - reward: {type: bonus, on: terminated, amount: 1.0, name: goal}
      """;

  /**
   * Reads the config and builds its reward for its env with the agent's γ = 0.99, prefixing build
   * errors with {@code reward.} as a trainer's validation does.
   */
  private static Experiment readAndBuild(String yaml, String... sets) {
    Experiment e = Configs.read(yaml, Experiment.class, List.of(sets));
    try {
      new RewardWrappedEnv(EnvRegistry.make(e.env()), e.reward(),
          new RewardBuildContext(0.99, EnvRegistry.potentials(e.env())));
    } catch (UserInputException u) {
      throw new UserInputException(u.where().isEmpty() ? "reward" : "reward." + u.where(), u.problem(), u.fix(), u);
    }
    return e;
  }

  private static UserInputException error(String yaml, String... sets) {
    UserInputException e = catchThrowableOfType(() -> readAndBuild(yaml, sets), UserInputException.class);
    assertThat(e).as("an error for\n" + yaml + " " + List.of(sets)).isNotNull();
    return e;
  }

  @Test
  void theValidConfigBuilds() {
    Experiment e = readAndBuild(SHAPED);
    RewardSpec.Potential p = (RewardSpec.Potential) ((RewardSpec.Weighted) e.reward()).terms().get(1).reward();
    assertThat(p.gamma()).isNull();
  }

  @Test
  void unknownTermType() {
    UserInputException e = error(SHAPED.replace("type: bonus", "type: bonnus"));
    assertThat(e.where()).isEqualTo("reward.terms.2.reward.type");
    assertThat(e.fix()).contains("did you mean 'bonus'?");
  }

  @Test
  void unknownPotentialNamesItsKeyAndTheEnvsPotentials() {
    UserInputException e = error(SHAPED.replace("potential: mountaincar.energy", "potential: mountaincar.enrgy"));
    assertThat(e.where()).isEqualTo("reward.terms.1.reward.potential");
    assertThat(e.getMessage())
        .contains("unknown potential 'mountaincar.enrgy' for MountainCar-v0")
        .contains("did you mean 'mountaincar.energy'?")
        .contains("mountaincar.height, mountaincar.energy");
  }

  @Test
  void potentialOfAnotherEnv() {
    UserInputException e = error(SHAPED.replace("env: MountainCar-v0", "env: CartPole-v1"));
    assertThat(e.where()).isEqualTo("reward.terms.1.reward.potential");
    assertThat(e.getMessage()).contains("unknown potential 'mountaincar.energy' for CartPole-v1").contains("cartpole.upright");
  }

  @Test
  void badWeights() {
    assertThat(error(SHAPED.replace("weight: 100.0", "weight: abc")).where()).isEqualTo("reward.terms.1.reward.weight");
    assertThat(error(SHAPED.replace("weight: 100.0", "weight: 1e999")).where()).isEqualTo("reward.terms.1.reward.weight");
    assertThat(error(SHAPED.replace("- weight: 1.0\n      reward: {type: env}", "- weight: abc\n      reward: {type: env}"))
        .where()).isEqualTo("reward.terms.0.weight");
    assertThat(error(SHAPED.replace("- weight: 1.0\n      reward: {type: env}", "- weight: 1e999\n      reward: {type: env}"))
        .where()).isEqualTo("reward.terms.0.weight");
  }

  @Test
  void badGamma() {
    UserInputException e = error(SHAPED.replace("weight: 100.0", "weight: 100.0, gamma: 1.5"));
    assertThat(e.where()).isEqualTo("reward.terms.1.reward.gamma");
    assertThat(e.getMessage()).contains("outside [0, 1]").contains("leave `gamma` out to use the agent's discount");
  }

  @Test
  void badNestedTerms() {
    String clipped = """
        env: MountainCar-v0
        reward:
          type: weighted
          terms:
            - reward: {type: env}
            - weight: 0.5
              reward:
                type: clip
                lo: -1.0
                hi: 1.0
                reward: {type: penalty, on: step, amount: 0.1}
        """;
    assertThat(readAndBuild(clipped)).isNotNull();
    UserInputException e = error(clipped.replace("amount: 0.1", "amount: -0.1"));
    assertThat(e.where()).isEqualTo("reward.terms.1.reward.reward.amount");
    assertThat(e.fix()).contains("write the positive amount 0.1");
    assertThat(error(clipped.replace("lo: -1.0", "lo: 2.0")).where()).isEqualTo("reward.terms.1.reward.lo");
    assertThat(error(clipped.replace("hi: 1.0", "name: c")).where()).isEqualTo("reward.terms.1.reward.hi");
    assertThat(error(clipped.replace("amount: 0.1", "amount: 0.1, name: 'a b'")).where())
        .isEqualTo("reward.terms.1.reward.reward.name");
    assertThat(error("env: MountainCar-v0\nreward: {type: weighted, terms: [{weight: 1}]}").where())
        .isEqualTo("reward.terms.0.reward");
    assertThat(error("env: MountainCar-v0\nreward: {type: weighted, terms: [null]}").where()).isEqualTo("reward.terms.0");
    assertThat(error("env: MountainCar-v0\nreward: {type: weighted, terms: []}").where()).isEqualTo("reward.terms");
    assertThat(error("env: MountainCar-v0\nreward: {type: clip, lo: 0, hi: 1}").where()).isEqualTo("reward.reward");
    assertThat(error(SHAPED.replace("weight: 100.0", "wieght: 100.0")).where()).isEqualTo("reward.terms.1.reward.wieght");
  }

  @Test
  void badCondition() {
    UserInputException e = error(SHAPED.replace("on: terminated", "on: finish"));
    assertThat(e.where()).isEqualTo("reward.terms.2.reward.on");
    assertThat(e.fix()).contains("terminated, truncated, done, step");
    assertThat(error(SHAPED.replace("on: terminated, ", "")).where()).isEqualTo("reward.terms.2.reward.on");
  }

  @Test
  void buildTimeErrorsNameTheirKeys() {
    UserInputException dup = error(SHAPED.replace("name: goal", "name: shaping"));
    assertThat(dup.where()).isEqualTo("reward.terms.2.reward.name");
    assertThat(dup.problem()).contains("also by the term at terms.1.reward");
    String cost = SHAPED.replace("{type: bonus, on: terminated, amount: 1.0, name: goal}", "{type: action_cost, coef: 0.1}");
    assertThat(error(cost).where()).isEqualTo("reward.terms.2.reward.type");
    assertThat(readAndBuild(cost.replace("MountainCar-v0", "MountainCarContinuous-v0"))).isNotNull();
  }

  @Test
  void setReachesIntoRewardSpecs() {
    Experiment e = readAndBuild(SHAPED,
        "reward.terms.1.reward.gamma=0.9",
        "reward.terms.1.reward.potential=mountaincar.height",
        "reward.terms[2].reward.on=done",
        "reward.terms.0.weight=2");
    RewardSpec.Weighted w = (RewardSpec.Weighted) e.reward();
    assertThat(w.terms().get(0).weight()).isEqualTo(2.0);
    assertThat(w.terms().get(1).reward()).isEqualTo(new RewardSpec.Potential("shaping", "mountaincar.height", 0.9, 100.0));
    assertThat(((RewardSpec.Bonus) w.terms().get(2).reward()).on()).isEqualTo(Condition.DONE);

    assertThat(readAndBuild(SHAPED, "reward.type=env").reward()).isEqualTo(new RewardSpec.EnvReward());
    assertThat(readAndBuild("env: Pendulum-v1\n", "reward.type=potential", "reward.potential=pendulum.upright").reward())
        .isEqualTo(new RewardSpec.Potential("pendulum.upright"));
  }

  @Test
  void badSetValuesNameTheirPath() {
    UserInputException gamma = error(SHAPED, "reward.terms.1.reward.gamma=7");
    assertThat(gamma.where()).isEqualTo("reward.terms.1.reward.gamma");
    assertThat(gamma.fix()).contains("--set");
    assertThat(error(SHAPED, "reward.terms.1.reward.potential=nope").where()).isEqualTo("reward.terms.1.reward.potential");
    assertThat(error(SHAPED, "reward.terms.2.reward.on=never").where()).isEqualTo("reward.terms.2.reward.on");
    assertThat(error(SHAPED, "reward.terms.1.reward.gama=0.9").getMessage()).contains("did you mean 'gamma'?");
    assertThat(error("env: Pendulum-v1\n", "reward.type=potential").where()).isEqualTo("reward.potential");
  }
}
