package org.rewardlab.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.TestConfigs.Algo;
import org.rewardlab.core.config.TestConfigs.Bare;
import org.rewardlab.core.config.TestConfigs.Constant;
import org.rewardlab.core.config.TestConfigs.Experiment;
import org.rewardlab.core.config.TestConfigs.Potential;
import org.rewardlab.core.config.TestConfigs.Schedule;

class ConfigsTest {

  @Test
  void emptyYamlGivesDefaults() {
    assertThat(Configs.read("", Experiment.class)).isEqualTo(Experiment.defaults());
    assertThat(Configs.read("# only a comment\n", Experiment.class)).isEqualTo(Experiment.defaults());
  }

  @Test
  void missingFieldsTakeDefaultsAtEveryLevel() {
    Experiment e = Configs.read("name: cartpole\nalgo:\n  learningRate: 0.001\n", Experiment.class);
    assertThat(e.name()).isEqualTo("cartpole");
    assertThat(e.seed()).isEqualTo(1);
    assertThat(e.algo()).isEqualTo(new Algo(0.001, 128, true, Schedule.LINEAR, List.of(64, 64)));
  }

  @Test
  void yamlScalarsBindToJavaTypes() {
    Experiment e = Configs.read(
        "seed: 7\nalgo:\n  learningRate: 3e-4\n  anneal: false\n  schedule: constant\n  hidden: [32, 16, 8]\n"
            + "weights:\n  task: 1.0\n  shaping: 0.5\n",
        Experiment.class);
    assertThat(e.seed()).isEqualTo(7);
    assertThat(e.algo().learningRate()).isEqualTo(3e-4);
    assertThat(e.algo().anneal()).isFalse();
    assertThat(e.algo().schedule()).isEqualTo(Schedule.CONSTANT);
    assertThat(e.algo().hidden()).containsExactly(32, 16, 8);
    assertThat(e.weights()).containsEntry("task", 1.0).containsEntry("shaping", 0.5);
  }

  @Test
  void overridesApplyInOrderAndParseAsYaml() {
    Experiment e = Configs.read("algo:\n  learningRate: 0.001\n", Experiment.class,
        List.of("algo.learningRate=5e-4", "algo.hidden=[8, 8]", "name=run one", "algo.anneal=false",
            "seed=3", "seed=4", "algo.hidden[1]=16"));
    assertThat(e.algo().learningRate()).isEqualTo(5e-4);
    assertThat(e.algo().hidden()).containsExactly(8, 16);
    assertThat(e.name()).isEqualTo("run one");
    assertThat(e.algo().anneal()).isFalse();
    assertThat(e.seed()).isEqualTo(4);
  }

  @Test
  void overrideOfAKeyOnlyInDefaultsWorks() {
    Experiment e = Configs.read("", Experiment.class, List.of("algo.numSteps=256", "reward.gamma=0.9"));
    assertThat(e.algo().numSteps()).isEqualTo(256);
    assertThat(e.reward()).isEqualTo(new Potential(0.9, 1.0));
  }

  @Test
  void malformedYamlNamesLineAndColumn() {
    assertThatThrownBy(() -> Configs.read("name: a\nalgo:\n  learningRate: [1, 2\n", "exp.yaml", Experiment.class, List.of()))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("exp.yaml:")
        .hasMessageContaining("malformed YAML")
        .hasMessageMatching("(?s).*line \\d+, column \\d+.*");
    assertThatThrownBy(() -> Configs.read("a: b: c\n", Experiment.class))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("<yaml>:1:");
  }

  @Test
  void duplicateKeysAreRejected() {
    assertThatThrownBy(() -> Configs.read("seed: 1\nname: a\nseed: 2\n", Experiment.class))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("<yaml>:3:1: duplicate key 'seed' (first at line 1)");
  }

  @Test
  void topLevelMustBeAMapping() {
    assertThatThrownBy(() -> Configs.read("- 1\n- 2\n", Experiment.class))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("must be a mapping");
  }

  @Test
  void unknownKeyNamesPathValidKeysAndSuggestion() {
    assertThatThrownBy(() -> Configs.read("algo:\n  learningrate: 0.1\n", Experiment.class))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("algo.learningrate: unknown key 'learningrate' in algo")
        .hasMessageContaining("valid keys: learningRate, numSteps, anneal, schedule, hidden")
        .hasMessageContaining("did you mean 'learningRate'?");
    assertThatThrownBy(() -> Configs.read("sead: 3\n", Experiment.class))
        .hasMessageContaining("sead: unknown key 'sead'")
        .hasMessageContaining("did you mean 'seed'?");
    assertThatThrownBy(() -> Configs.read("zzzzzzzz: 3\n", Experiment.class))
        .hasMessageContaining("unknown key 'zzzzzzzz'")
        .hasMessageNotContaining("did you mean");
  }

  @Test
  void wrongTypeNamesPathExpectedAndGot() {
    assertThatThrownBy(() -> Configs.read("algo:\n  learningRate: abc\n", Experiment.class))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("algo.learningRate: expected a number, got 'abc'");
    assertThatThrownBy(() -> Configs.read("algo:\n  numSteps: 1.5\n", Experiment.class))
        .hasMessageStartingWith("algo.numSteps: expected an integer");
    assertThatThrownBy(() -> Configs.read("algo:\n  schedule: cosine\n", Experiment.class))
        .hasMessageStartingWith("algo.schedule: expected one of [CONSTANT, LINEAR], got 'cosine'");
    assertThatThrownBy(() -> Configs.read("algo: 3\n", Experiment.class))
        .hasMessageStartingWith("algo: expected a mapping with keys [learningRate");
    assertThatThrownBy(() -> Configs.read("algo:\n  hidden: [1, x]\n", Experiment.class))
        .hasMessageStartingWith("algo.hidden.1: expected an integer, got 'x'");
  }

  @Test
  void outOfRangeValueNamesTheRecordPathAndTheRule() {
    assertThatThrownBy(() -> Configs.read("algo:\n  learningRate: -1\n", Experiment.class))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("algo.learningRate: must be > 0, got -1.0")
        .hasMessageContaining("--set algo.learningRate=<value>");
    assertThatThrownBy(() -> Configs.read("terms:\n  - type: potential\n    gamma: 2\n", Experiment.class))
        .hasMessageStartingWith("terms.0.gamma: must be in [0, 1], got 2.0");
  }

  @Test
  void missingRequiredKeyWithoutDefaultsIsNamed() {
    assertThatThrownBy(() -> Configs.read("b: x\n", Bare.class))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("a: required key is missing");
    // a missing key of a reference type binds to null: the record's constructor decides
    assertThat(Configs.read("a: 1\n", Bare.class)).isEqualTo(new Bare(1, null));
    assertThat(Configs.read("a: 1\nb: x\n", Bare.class)).isEqualTo(new Bare(1, "x"));
  }

  @Test
  void overrideOfMissingPathIsAnError() {
    assertThatThrownBy(() -> Configs.read("", Experiment.class, List.of("algo.learningRat=0.1")))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("--set algo.learningRat=0.1: algo has no key 'learningRat'")
        .hasMessageContaining("did you mean 'learningRate'?");
    assertThatThrownBy(() -> Configs.read("", Experiment.class, List.of("seed.x=1")))
        .hasMessageContaining("seed is a single value");
    assertThatThrownBy(() -> Configs.read("", Experiment.class, List.of("algo.hidden.5=1")))
        .hasMessageContaining("algo.hidden has 2 entries; index 5 does not exist");
    assertThatThrownBy(() -> Configs.read("", Experiment.class, List.of("noequals")))
        .hasMessageContaining("must look like a.b.c=value");
  }

  @Test
  void wrongValueFromOverrideSaysSo() {
    assertThatThrownBy(() -> Configs.read("", Experiment.class, List.of("algo.learningRate=abc")))
        .hasMessageStartingWith("algo.learningRate: expected a number, got 'abc'")
        .hasMessageContaining("--set algo.learningRate=abc");
  }

  @Test
  void polymorphicTermsBindBySubtypeWithTheirDefaults() {
    Experiment e = Configs.read(
        "reward:\n  type: constant\n  value: 2.5\nterms:\n  - type: potential\n    scale: 3\n  - type: constant\n    value: -1\n",
        Experiment.class);
    assertThat(e.reward()).isEqualTo(new Constant(2.5));
    assertThat(e.terms()).containsExactly(new Potential(0.99, 3.0), new Constant(-1));
  }

  @Test
  void polymorphicErrorsListTheTypes() {
    assertThatThrownBy(() -> Configs.read("reward:\n  type: potentail\n", Experiment.class))
        .hasMessageStartingWith("reward.type: unknown type 'potentail'")
        .hasMessageContaining("[potential, constant]")
        .hasMessageContaining("did you mean 'potential'?");
    assertThatThrownBy(() -> Configs.read("terms:\n  - value: 1\n", Experiment.class))
        .hasMessageStartingWith("terms.0.type: missing the type");
    assertThatThrownBy(() -> Configs.read("reward:\n  type: constant\n  gamma: 1\n", Experiment.class))
        .hasMessageStartingWith("reward.gamma: unknown key 'gamma' in reward")
        .hasMessageContaining("valid keys: value");
  }

  @Test
  void overridingTheTypeSwitchesToThatSubtype() {
    Experiment e = Configs.read("", Experiment.class, List.of("reward.type=constant", "reward.value=4"));
    assertThat(e.reward()).isEqualTo(new Constant(4));
    Experiment p = Configs.read("reward:\n  type: constant\n  value: 1\n", Experiment.class,
        List.of("reward.type=potential"));
    assertThat(p.reward()).isEqualTo(Potential.defaults());
  }

  @Test
  void yamlRecordTreeRoundTrip() {
    Experiment e = new Experiment("rt", -5, new Algo(1e-5, 7, false, Schedule.CONSTANT, List.of(3)),
        new Constant(0.1), List.of(new Potential(0.5, 2), new Constant(-0.25)), Map.of("a", 0.3));
    String yaml = Configs.toYaml(e);
    assertThat(yaml).contains("type: constant").doesNotStartWith("---");
    assertThat(Configs.read(yaml, Experiment.class)).isEqualTo(e);
    JsonNode tree = Configs.toJsonTree(e);
    assertThat(tree.path("algo").path("learningRate").doubleValue()).isEqualTo(1e-5);
    assertThat(Configs.fromTree(tree, Experiment.class)).isEqualTo(e);
    // a tree serialized as JSON text and read back (what a manifest does) binds to the same record
    JsonNode reread = Configs.parse(tree.toString(), "manifest");
    assertThat(Configs.fromTree(reread, Experiment.class)).isEqualTo(e);
  }

  @Test
  void resolvedTreeIsCompleteAndRebinds() {
    JsonNode resolved = Configs.resolve(Configs.parse("algo:\n  numSteps: 5\n", "x"), Experiment.class, List.of("seed=9"));
    assertThat(resolved.path("algo").path("learningRate").doubleValue()).isEqualTo(2.5e-4);
    assertThat(resolved.path("reward").path("type").textValue()).isEqualTo("potential");
    Experiment e = Configs.fromTree(resolved, Experiment.class);
    assertThat(e.seed()).isEqualTo(9);
    assertThat(e.algo().numSteps()).isEqualTo(5);
  }

  @Test
  void loadReadsAFileAndReportsAMissingOne(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("exp.yaml");
    Files.writeString(f, "name: fromfile\n");
    assertThat(Configs.load(f, Experiment.class, List.of("seed=2"))).isEqualTo(
        new Experiment("fromfile", 2, Algo.defaults(), Potential.defaults(), List.of(), Map.of()));
    assertThatThrownBy(() -> Configs.load(dir.resolve("nope.yaml"), Experiment.class, List.of()))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("nope.yaml: config file not found");
    Files.writeString(f, "algo:\n  learningRate: x\n");
    assertThatThrownBy(() -> Configs.load(f, Experiment.class, List.of()))
        .hasMessageStartingWith("algo.learningRate: expected a number");
  }

  @Test
  void onlyRecordComponentsAreWritten() {
    JsonNode t = Configs.toJsonTree(new Bare(2, "x"));
    assertThat(t.properties()).extracting(Map.Entry::getKey).containsExactly("a", "b");
    assertThat(Configs.read(Configs.toYaml(new Bare(2, "")), Bare.class)).isEqualTo(new Bare(2, ""));
  }

  @Test
  void levenshtein() {
    assertThat(org.rewardlab.core.Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(org.rewardlab.core.Suggestions.distance("", "abc")).isEqualTo(3);
    assertThat(Configs.normalizePath("a[0].b[12]")).isEqualTo("a.0.b.12");
  }
}
