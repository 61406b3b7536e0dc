package org.rewardlab.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rewardlab.core.UserInputException;
import org.rewardlab.reward.spec.Condition;
import org.rewardlab.reward.spec.RewardSpec;

class RewardSpecYamlTest {
  // tags (!<env>) are valid YAML too, but people write `type:`; a config mapper should do the same
  private static final YAMLMapper YAML =
      YAMLMapper.builder().disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<RewardSpec> everyType() {
    RewardSpec env = new RewardSpec.EnvReward();
    return Stream.of(
        env,
        new RewardSpec.EnvReward("task"),
        new RewardSpec.Potential("mountaincar.energy", 0.99),
        new RewardSpec.Potential("mountaincar.energy"),
        new RewardSpec.Potential("h", "mountaincar.height", 1.0, 5.0),
        new RewardSpec.Bonus("goal", 10.0, Condition.TERMINATED),
        new RewardSpec.Penalty(null, 0.5, Condition.TRUNCATED),
        new RewardSpec.Penalty("alive", 0.01, Condition.STEP),
        new RewardSpec.ActionCost(null, 0.001),
        new RewardSpec.Clip(null, -1.0, 1.0, env),
        new RewardSpec.Weighted(List.of(
            new RewardSpec.WeightedTerm(1.0, env),
            new RewardSpec.WeightedTerm(0.5, new RewardSpec.Potential("mountaincar.height", 0.99)),
            new RewardSpec.WeightedTerm(2.0, new RewardSpec.Clip("c", -1.0, 1.0,
                new RewardSpec.Bonus(null, 3.0, Condition.DONE))))));
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void roundTripsThroughYamlAndJson(RewardSpec spec) throws Exception {
    String yaml = YAML.writeValueAsString(spec);
    assertThat(yaml).contains("type:");
    assertThat(YAML.readValue(yaml, RewardSpec.class)).isEqualTo(spec);
    String json = JSON.writeValueAsString(spec);
    assertThat(JSON.readValue(json, RewardSpec.class)).isEqualTo(spec);
  }

  @Test
  void readsHandWrittenYamlWithDefaults() throws Exception {
    String yaml = """
        type: weighted
        terms:
          - reward: {type: env}
          - weight: 10
            reward:
              type: potential
              potential: mountaincar.energy
          - reward: {type: bonus, on: terminated, amount: 1.0}
          - reward: {type: penalty, on: step, amount: 0.1, name: alive_cost}
        """;
    RewardSpec.Weighted w = (RewardSpec.Weighted) YAML.readValue(yaml, RewardSpec.class);
    assertThat(w.terms()).hasSize(4);
    assertThat(w.terms().get(0).weight()).isEqualTo(1.0);
    assertThat(w.terms().get(1).weight()).isEqualTo(10.0);
    RewardSpec.Potential p = (RewardSpec.Potential) w.terms().get(1).reward();
    assertThat(p.name()).isEqualTo("shaping");
    assertThat(p.gamma()).as("left out: the agent's γ, filled in when the reward is built").isNull();
    assertThat(p.weight()).isEqualTo(1.0);
    assertThat(((RewardSpec.Bonus) w.terms().get(2).reward()).on()).isEqualTo(Condition.TERMINATED);
    assertThat(((RewardSpec.Penalty) w.terms().get(3).reward()).name()).isEqualTo("alive_cost");
  }

  @Test
  void aSpecIsPureDataAndTakesAnyPotentialName() throws Exception {
    // whether the env registers the potential is checked when the reward is built (RewardSpecsTest)
    RewardSpec p = YAML.readValue("{type: potential, potential: my.own.phi}", RewardSpec.class);
    assertThat(p).isEqualTo(new RewardSpec.Potential(null, "my.own.phi", null, null));
    assertThatThrownBy(() -> new RewardSpec.Potential(" "))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("a potential-shaping term needs a potential");
  }

  @Test
  void badConditionNamesTheValidOnes() {
    assertThatThrownBy(() -> YAML.readValue("{type: bonus, amount: 1, on: finish}", RewardSpec.class))
        .hasMessageContaining("unknown condition 'finish'")
        .hasMessageContaining("terminated, truncated, done, step");
    assertThatThrownBy(() -> Condition.parse("terminate"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("did you mean 'terminated'?");
  }

  @Test
  void validationMessagesSayHowToFix() {
    assertThatThrownBy(() -> new RewardSpec.Penalty(null, -1.0, Condition.STEP))
        .hasMessageContaining("write the positive amount 1.0");
    assertThatThrownBy(() -> new RewardSpec.Bonus(null, null, Condition.STEP))
        .hasMessageContaining("add `amount: <number>`");
    assertThatThrownBy(() -> new RewardSpec.Clip(null, 2.0, 1.0, new RewardSpec.EnvReward()))
        .hasMessageContaining("swap them");
    assertThatThrownBy(() -> new RewardSpec.Potential(null, "mountaincar.height", 1.5, null))
        .hasMessageContaining("outside [0, 1]");
    assertThatThrownBy(() -> new RewardSpec.EnvReward("has space"))
        .hasMessageContaining("letters, digits");
    assertThatThrownBy(() -> new RewardSpec.Weighted(List.of()))
        .hasMessageContaining("at least one term");
  }
}
