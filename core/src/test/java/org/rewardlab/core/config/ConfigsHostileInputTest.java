package org.rewardlab.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.TestConfigs.Algo;
import org.rewardlab.core.config.TestConfigs.Constant;
import org.rewardlab.core.config.TestConfigs.Experiment;
import org.rewardlab.core.config.TestConfigs.Potential;
import org.rewardlab.core.config.TestConfigs.Ranges;

/**
 * What a hostile or careless config does: aliases, YAML 1.1 words, non-finite and overflowing
 * numbers, extra documents, bytes that are not UTF-8, megabyte values. Each is read as YAML means it
 * or refused with one bounded line that names the path.
 */
class ConfigsHostileInputTest {
  @TempDir Path tmp;

  private static AbstractThrowableAssert<?, ? extends Throwable> rejects(String yaml, Class<?> type, String... overrides) {
    return assertThatThrownBy(() -> Configs.read(yaml, "<yaml>", type, List.of(overrides)))
        .isInstanceOf(UserInputException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r").hasSizeLessThan(1200));
  }

  // ---------------------------------------------------------------- aliases

  @Test
  void anchorsAndAliasesAreResolvedToTheirValues() {
    Experiment e = Configs.read("""
        name: &n exp-one
        algo:
          learningRate: &lr 0.001
          numSteps: 7
        terms:
          - &p {type: potential, gamma: 0.5}
          - *p
        weights: {a: *lr}
        """, Experiment.class);
    assertThat(e.name()).isEqualTo("exp-one");
    assertThat(e.algo().learningRate()).isEqualTo(0.001);
    assertThat(e.terms()).containsExactly(new Potential(0.5, 1.0), new Potential(0.5, 1.0));
    assertThat(e.weights()).containsEntry("a", 0.001);
  }

  @Test
  void mergeKeysCopyAMappingAndTheWrittenKeysWin() {
    Experiment e = Configs.read("""
        terms:
          - &p {type: potential, gamma: 0.5, scale: 2}
          - <<: *p
            scale: 3
        """, Experiment.class);
    assertThat(e.terms()).containsExactly(new Potential(0.5, 2), new Potential(0.5, 3));
    rejects("terms:\n  - &s 3\n  - <<: *s\n", Experiment.class).hasMessageContaining("'<<' merges mappings");
  }

  @Test
  void anAliasWithoutAnchorIsAnErrorNotItsName() {
    rejects("name: *e\n", Experiment.class)
        .hasMessageStartingWith("<yaml>:1:7: malformed YAML")
        .hasMessageContaining("undefined alias e");
  }

  @Test
  void recursiveAndExplodingAliasesAreRefused() {
    rejects("terms: &t [*t]\n", Experiment.class).hasMessageContaining("recursive alias");
    StringBuilder laughs = new StringBuilder("l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n");
    for (int i = 1; i < 9; i++) {
      laughs.append("l").append(i).append(": &l").append(i).append(" [");
      for (int k = 0; k < 10; k++) laughs.append(k == 0 ? "" : ", ").append("*l").append(i - 1);
      laughs.append("]\n");
    }
    rejects(laughs.toString(), Experiment.class).hasMessageContaining("alias");
  }

  // ---------------------------------------------------------------- documents and syntax

  @Test
  void aSecondDocumentIsAnErrorNamingItsLine() {
    rejects("name: a\n---\nname: b\n", Experiment.class)
        .hasMessageStartingWith("<yaml>:2:1: a second YAML document");
    rejects("name: a\n...\n---\n", Experiment.class).hasMessageStartingWith("<yaml>:3:1: a second YAML document");
    // a marker before the only document is fine, and so is an end marker
    assertThat(Configs.read("---\nname: a\n...\n", Experiment.class).name()).isEqualTo("a");
  }

  @Test
  void keysMustBeNamesAndTagsKnown() {
    rejects("? [a, b]\n: 1\n", Experiment.class).hasMessageContaining("a key must be a name");
    rejects("name: !custom x\n", Experiment.class).hasMessageStartingWith("<yaml>:1:7: unsupported tag '!custom'");
    rejects("name: !!binary aGVsbG8=\n", Experiment.class).hasMessageContaining("unsupported tag");
    assertThat(Configs.read("name: !!str 123\nseed: !!int \"5\"\n", Experiment.class))
        .extracting(Experiment::name, Experiment::seed).containsExactly("123", 5L);
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    rejects("terms: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n", Experiment.class)
        .hasMessageStartingWith("<yaml>: cannot read the YAML: Nesting Depth exceeded");
  }

  @Test
  void controlCharactersInTheTextNameTheirLine() {
    rejects("name: a\nseed: 1\u0001\n", Experiment.class)
        .hasMessageStartingWith("<yaml>:2:")
        .hasMessageContaining("U+0001");
  }

  // ---------------------------------------------------------------- numbers

  @Test
  void yamlInfinityAndNanAreFloatsInEverySpelling() {
    for (String inf : List.of(".inf", ".Inf", ".INF", "+.inf", "Infinity")) {
      assertThat(Configs.read("reward: {type: constant, value: " + inf + "}", Experiment.class).reward())
          .as(inf).isEqualTo(new Constant(Double.POSITIVE_INFINITY));
    }
    for (String inf : List.of("-.inf", "-.Inf", "-.INF", "-Infinity")) {
      assertThat(Configs.read("reward: {type: constant, value: " + inf + "}", Experiment.class).reward())
          .as(inf).isEqualTo(new Constant(Double.NEGATIVE_INFINITY));
    }
    // the record decides about infinity: Potential's gamma must lie in [0, 1]
    rejects("reward: {type: potential, gamma: .inf}", Experiment.class)
        .hasMessageStartingWith("reward.gamma: must be in [0, 1], got Infinity");
  }

  @Test
  void nanIsRefusedForEveryNumberNamingThePath() {
    for (String nan : List.of(".nan", ".NaN", ".NAN", "NaN", "!!float .nan")) {
      rejects("reward: {type: constant, value: " + nan + "}", Experiment.class)
          .as(nan).hasMessageStartingWith("reward.value: expected a number, got NaN");
    }
    rejects("weights: {task: .nan}", Experiment.class).hasMessageStartingWith("weights.task: expected a number, got NaN");
    rejects("", Experiment.class, "algo.learningRate=.nan")
        .hasMessageStartingWith("algo.learningRate: expected a number, got NaN")
        .hasMessageContaining("--set algo.learningRate=.nan");
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.putObject("reward").put("type", "constant").put("value", Double.NaN);
    assertThatThrownBy(() -> Configs.fromTree(tree, Experiment.class))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("reward.value: expected a number, got NaN");
  }

  @Test
  void integersOutOfTheirTypesRangeAreRefused() {
    rejects("algo: {numSteps: 1099511627776}", Experiment.class)
        .hasMessageStartingWith("algo.numSteps: expected an integer between -2147483648 and 2147483647, got 1099511627776");
    rejects("algo: {hidden: [64, 4294967296]}", Experiment.class)
        .hasMessageStartingWith("algo.hidden.1: expected an integer between -2147483648 and 2147483647");
    rejects("", Experiment.class, "algo.numSteps=2147483648")
        .hasMessageStartingWith("algo.numSteps: expected an integer between")
        .hasMessageContaining("--set algo.numSteps=2147483648");
    rejects("seed: 9223372036854775808", Experiment.class)
        .hasMessageStartingWith("seed: expected an integer between -9223372036854775808 and 9223372036854775807");
    rejects("seed: " + "9".repeat(500), Experiment.class).hasMessageStartingWith("seed: an integer with 500 digits");
    rejects("small: 40000", Ranges.class).hasMessageStartingWith("small: expected an integer between -32768 and 32767");
    rejects("tiny: 128", Ranges.class).hasMessageStartingWith("tiny: expected an integer between -128 and 127");
    // large longs are fine
    assertThat(Configs.read("seed: 1099511627776", Experiment.class).seed()).isEqualTo(1L << 40);
    assertThat(Configs.read("seed: -9223372036854775808", Experiment.class).seed()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void integerSpellings() {
    assertThat(Configs.read("algo: {numSteps: 1_000}", Experiment.class).algo().numSteps()).isEqualTo(1000);
    assertThat(Configs.read("algo: {numSteps: 0x10}", Experiment.class).algo().numSteps()).isEqualTo(16);
    assertThat(Configs.read("algo: {numSteps: 0o17}", Experiment.class).algo().numSteps()).isEqualTo(15);
    rejects("algo: {numSteps: 017}", Experiment.class)
        .hasMessageStartingWith("algo.numSteps: '017' has a leading zero");
    rejects("seed: !!int 017", Experiment.class).hasMessageStartingWith("<yaml>:1:7: '017' has a leading zero");
    rejects("algo: {numSteps: 1e6}", Experiment.class)
        .hasMessageStartingWith("algo.numSteps: expected an integer, got 1000000.0")
        .hasMessageContaining("e.g. 1000000");
    rejects("algo: {numSteps: .inf}", Experiment.class).hasMessageStartingWith("algo.numSteps: expected an integer, got Infinity");
    rejects("algo: {learningRate: 1e400}", Experiment.class)
        .hasMessageStartingWith("algo.learningRate: '1e400' is beyond the range of a double");
  }

  @Test
  void floatsOutOfFloatRangeAreRefused() {
    rejects("ratio: 1e39", Ranges.class).hasMessageStartingWith("ratio: expected a number between");
    assertThat(Configs.read("ratio: 3e38", Ranges.class).ratio()).isEqualTo(3e38f);
    rejects("optional: " + "9".repeat(320), Ranges.class).hasMessageStartingWith("optional: expected a number between");
  }

  @Test
  void numbersAreNotText() {
    rejects("algo: {learningRate: \"0.1\"}", Experiment.class).hasMessageStartingWith("algo.learningRate: expected a number, got '0.1'");
    rejects("algo: {numSteps: \"12\"}", Experiment.class).hasMessageStartingWith("algo.numSteps: expected an integer, got '12'");
    rejects("algo: {schedule: 1}", Experiment.class).hasMessageStartingWith("algo.schedule: expected one of [CONSTANT, LINEAR]");
    rejects("algo: {numSteps: ~}", Experiment.class).hasMessageStartingWith("algo.numSteps: expected an integer, got null");
    rejects("algo: {hidden: [64, ~]}", Experiment.class).hasMessageStartingWith("algo.hidden.1: expected an integer, got null (an empty list entry)");
    rejects("terms: [~]", Experiment.class).hasMessageStartingWith("terms.0: expected a Term, got null (an empty list entry)");
    rejects("weights: {a: ~}", Experiment.class).hasMessageStartingWith("weights.a: expected a number, got null (an empty value)");
    // texts take what YAML gives them: a number, a boolean word
    assertThat(Configs.read("name: 123", Experiment.class).name()).isEqualTo("123");
    assertThat(Configs.read("name: yes", Experiment.class).name()).isEqualTo("yes");
    // where a string is asked for, a plain scalar is the text as written, never a number's rendering
    for (String text : List.of("1e5", "0x1F", "1_000", ".5", ".inf", "True", "007", "1e400", "9".repeat(500))) {
      assertThat(Configs.read("name: " + text, Experiment.class).name()).as(text).isEqualTo(text);
    }
  }

  // ---------------------------------------------------------------- booleans

  @Test
  void booleansAreTrueOrFalseOnly() {
    assertThat(Configs.read("algo: {anneal: False}", Experiment.class).algo().anneal()).isFalse();
    assertThat(Configs.read("algo: {anneal: TRUE}", Experiment.class).algo().anneal()).isTrue();
    rejects("algo: {anneal: 2}", Experiment.class).hasMessageStartingWith("algo.anneal: expected true or false, got 2");
    rejects("algo: {anneal: 0}", Experiment.class).hasMessageStartingWith("algo.anneal: expected true or false, got 0");
    for (String word : List.of("yes", "no", "on", "off", "y", "n", "Yes", "ON")) {
      rejects("algo: {anneal: " + word + "}", Experiment.class)
          .as(word).hasMessageStartingWith("algo.anneal: expected true or false, got '" + word + "'")
          .hasMessageContaining("are not booleans here");
    }
    rejects("algo: {anneal: \"true\"}", Experiment.class).hasMessageStartingWith("algo.anneal: expected true or false, got 'true'");
    rejects("", Experiment.class, "algo.anneal=yes")
        .hasMessageStartingWith("algo.anneal: expected true or false, got 'yes'")
        .hasMessageContaining("--set algo.anneal=yes");
    assertThat(Configs.read("flag: null", Ranges.class).flag()).isNull();
    rejects("flag: 1", Ranges.class).hasMessageStartingWith("flag: expected true or false, got 1");
  }

  // ---------------------------------------------------------------- echoed values

  @Test
  void echoedValuesAreCutAndEscaped() {
    String big = "x".repeat(1 << 20);
    // YAML limits implicit keys to 1024 characters; an explicit key ('? key') has no limit
    rejects("? " + big + "\n: 1\n", Experiment.class)
        .hasMessageContaining("unknown key 'xxxx")
        .hasMessageContaining("…' (1048576 chars)");
    rejects(big + ": 1\n", Experiment.class).hasMessageStartingWith("<yaml>:1:1048577: malformed YAML");
    rejects("algo: {schedule: " + big + "}", Experiment.class)
        .hasMessageStartingWith("algo.schedule: expected one of [CONSTANT, LINEAR], got 'xxx")
        .hasMessageContaining("(1048576 chars)");
    rejects("algo: {schedule: \"line one\\nline two\\u001b[31m\"}", Experiment.class)
        .hasMessageContaining("'line one\\nline two\\u001b[31m'");
    rejects("", Experiment.class, "algo." + big + "=1").hasMessageContaining("(1048583 chars)");
    rejects("", Experiment.class, "algo.numSteps=" + big).hasMessageContaining("chars)");
  }

  @Test
  void aRecordsMessageIsKeptWholeAndOnOneLine() {
    // Potential's message echoes the value; a line break in a value must not cut the message
    rejects("reward: {type: potential, gamma: 2}", Experiment.class)
        .hasMessage("reward.gamma: must be in [0, 1], got 2.0 (change the value in the YAML or --set reward.gamma=<value>)");
    rejects("", Experiment.class, "reward.gamma=2")
        .hasMessage("reward.gamma: must be in [0, 1], got 2.0 (it came from --set reward.gamma=2; change that value)");
    rejects("label: \"a\\nb\"", TestConfigs.Labeled.class)
        .hasMessage("label: 'a\\nb' is not lower-case letters (change the value in the YAML or --set label=<value>)");
    rejects("name: [a, b]", Experiment.class).hasMessageStartingWith("name: expected a string, got a list");
    rejects("algo: {schedule: {a: 1}}", Experiment.class).hasMessageStartingWith("algo.schedule: expected one of [CONSTANT, LINEAR]");
  }

  // ---------------------------------------------------------------- files

  @Test
  void aConfigFileThatIsNotUtf8NamesTheByte() throws Exception {
    Path f = tmp.resolve("latin1.yaml");
    Files.write(f, "name: caf\u00e9\nseed: 1\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> Configs.load(f, Experiment.class, List.of()))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(f + ":1: the config file is not valid UTF-8: byte 0xE9 at offset 9 (line 1, column 10)");
    Files.write(f, new byte[] {'s', 'e', 'e', 'd', ':', ' ', '1', '\n', 'n', ':', (byte) 0xC3});
    assertThatThrownBy(() -> Configs.load(f, Experiment.class, List.of()))
        .hasMessageContaining("byte 0xC3 at offset 10 (line 2, column 3)");
  }

  @Test
  void aConfigPathThatIsADirectoryOrMissingIsNamed() {
    assertThatThrownBy(() -> Configs.load(tmp, Experiment.class, List.of()))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(tmp + ": the config file is a directory");
    assertThatThrownBy(() -> Configs.load(tmp.resolve("none.yaml"), Experiment.class, List.of()))
        .hasMessageStartingWith(tmp.resolve("none.yaml") + ": config file not found");
  }

  @Test
  void aByteOrderMarkIsIgnored() throws Exception {
    Path f = tmp.resolve("bom.yaml");
    Files.write(f, ("\uFEFFname: bom\n").getBytes(StandardCharsets.UTF_8));
    assertThat(Configs.load(f, Experiment.class, List.of()).name()).isEqualTo("bom");
  }

  @Test
  void validConfigsStillRoundTrip() {
    Experiment e = new Experiment("rt", 3, new Algo(Double.POSITIVE_INFINITY, 7, false, TestConfigs.Schedule.CONSTANT, List.of(3)),
        new Constant(Double.NEGATIVE_INFINITY), List.of(), java.util.Map.of("w", 0.25));
    assertThat(Configs.read(Configs.toYaml(e), Experiment.class)).isEqualTo(e);
    assertThat(Configs.fromTree(Configs.toJsonTree(e), Experiment.class)).isEqualTo(e);
  }
}
