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
import org.rewardlab.core.config.Configs;
import org.rewardlab.reward.spec.Anneal;
import org.rewardlab.reward.spec.CompletionField;
import org.rewardlab.reward.spec.Condition;
import org.rewardlab.reward.spec.FeatureOf;
import org.rewardlab.reward.spec.GateMode;
import org.rewardlab.reward.spec.RefineMode;
import org.rewardlab.reward.spec.RewardSpec;
import org.rewardlab.reward.spec.ShapeKind;

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
                new RewardSpec.Bonus(null, 3.0, Condition.DONE))))),
        new RewardSpec.Weighted(List.of(new RewardSpec.WeightedTerm(1.0, env)), "sum"));
  }

  /** One instance of every type the term library added, with non-default values where it has them. */
  static Stream<RewardSpec> termLibrary() {
    RewardSpec env = new RewardSpec.EnvReward();
    RewardSpec progress = new RewardSpec.Feature("progress", "route.completion", null, FeatureOf.DELTA, 0.01);
    RewardSpec correct = new RewardSpec.CompletionTerm(CompletionField.CORRECT);
    return Stream.of(
        new RewardSpec.Feature("x", null, 0, FeatureOf.CURRENT, null),
        new RewardSpec.Feature(null, "mountaincar.height"),
        new RewardSpec.Product(null, progress,
            List.of(new RewardSpec.Feature("speeding", "speed.excess"), new RewardSpec.Feature("ttc", null, 3, null, 0.5)),
            List.of(new RewardSpec.Feature("collision", "collided")), 1.0),
        new RewardSpec.Product("p", env, null, null, null),
        new RewardSpec.Gated(null, List.of(new RewardSpec.GateLevel(new RewardSpec.Bonus("submit", 1.0, Condition.TERMINATED), 0.5),
            new RewardSpec.GateLevel(new RewardSpec.Penalty("fmt", 0.1, Condition.STEP), null)), GateMode.STEP),
        new RewardSpec.Gated("g", List.of(new RewardSpec.GateLevel(env, null)), null),
        new RewardSpec.Lexicographic(null, List.of(
            new RewardSpec.LexLevel(new RewardSpec.Bonus("goal", 1.0, Condition.TERMINATED), null, null, 1.0),
            new RewardSpec.LexLevel(new RewardSpec.Penalty("lava", 1.0, Condition.STEP), -1.0, 0.0, 1.0),
            new RewardSpec.LexLevel(env, -1.0, 0.0, null))),
        new RewardSpec.Par(null, new RewardSpec.CompletionTerm(CompletionField.SCORE), null, null, null),
        new RewardSpec.Par("p", env, List.of(0.0, 0.5), null, 2.0),
        new RewardSpec.PrmRefine(null, RefineMode.CLIP, 0.3, env, null),
        new RewardSpec.PrmRefine("d", RefineMode.DELTA, null, null, null),
        new RewardSpec.PrmRefine("cd", RefineMode.CLIP_DELTA, 0.1, null, "steps"),
        new RewardSpec.Krc(null, List.of(new RewardSpec.Feature("align", null, 0, null, null), new RewardSpec.Feature("vel", null, 1, null, null))),
        new RewardSpec.Shape(null, ShapeKind.DISTANCE, new RewardSpec.Feature(null, null, 0, null, null), 10.0, 1.1, 1.1, null),
        new RewardSpec.Shape("boost", ShapeKind.SQRT, env, 100.0, null, null, null),
        new RewardSpec.Shape("v", ShapeKind.LINEAR, env, 2300.0, null, null, null),
        new RewardSpec.Shape("rouge", ShapeKind.THRESHOLD, new RewardSpec.CompletionTerm("rouge"), null, null, null, 0.75),
        new RewardSpec.DifficultyScale(null, correct, new RewardSpec.CompletionTerm("hard"), 1000.0),
        new RewardSpec.Normalize(null, env, null, null, null),
        new RewardSpec.Normalize("n", env, false, 1e-6, 5.0),
        correct,
        new RewardSpec.CompletionTerm("rm", null, "reward_model", 0.5),
        new RewardSpec.LengthPenalty(null, 0.01, 300),
        new RewardSpec.Overlong(null, 512, 128, null),
        new RewardSpec.LengthSwitch(null, null, null, null, null, null),
        new RewardSpec.LengthSwitch("ls", 0.5, 1e-3, "m", "s", "top"),
        new RewardSpec.Conciseness(null, 0.2, null, null, null, null),
        new RewardSpec.Conciseness("crf", 0.2, "crm", "p", Anneal.LINEAR, "acc"),
        new RewardSpec.PageItem(null, null, null, null),
        new RewardSpec.PageItem("pl", "page_rm", "item_rm", 0.3),
        new RewardSpec.PageItem("items_only", null, null, 1.0, 0.0),
        new RewardSpec.HierarchicalAction(null, null, null, null, null),
        new RewardSpec.HierarchicalAction("shop", 0.5, 1.0, 0.5, "web."));
  }

  @ParameterizedTest
  @MethodSource("termLibrary")
  void termLibraryRoundTripsThroughYamlJsonAndTheConfigLoader(RewardSpec spec) throws Exception {
    String yaml = YAML.writeValueAsString(spec);
    assertThat(yaml).contains("type:");
    assertThat(YAML.readValue(yaml, RewardSpec.class)).isEqualTo(spec);
    assertThat(JSON.readValue(JSON.writeValueAsString(spec), RewardSpec.class)).isEqualTo(spec);
    // what a run does: read the experiment's YAML with the config loader, write the manifest as JSON
    String body = yaml.startsWith("---") ? yaml.substring(yaml.indexOf('\n') + 1) : yaml;
    Holder read = Configs.read("reward:\n" + body.replaceAll("(?m)^(?!$)", "  "), Holder.class, List.of());
    assertThat(read.reward()).isEqualTo(spec);
    String manifest = Configs.jsonMapper().writeValueAsString(read);
    assertThat(Configs.jsonMapper().readValue(manifest, Holder.class).reward()).isEqualTo(spec);
  }

  /** A config holding a reward, as an experiment does. */
  public record Holder(RewardSpec reward) {}

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
