package org.rewardlab.algos.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rewardlab.core.UserInputException;

class SweepSpecTest {
  static final String BASE = """
      name: cp
      env: {id: CartPole-v1}
      algo: {type: ppo, numEnvs: 2, numSteps: 32, totalTimesteps: 64, hiddenSizes: [8]}
      run: {evalEpisodes: 1}
      """;

  static SweepSpec parse(String yaml) {
    return SweepSpec.parse(yaml, "s.yaml", p -> new SweepSpec.BaseFile(p, BASE));
  }

  @Test
  void readsPathAndLinkedAxesSeedsAndMetrics() {
    SweepSpec s = parse("""
        name: demo
        base: base.yaml
        set: [algo.totalTimesteps=128]
        seeds: {count: 3, from: 5}
        axes:
          - {path: algo.learningRate, values: [2.5e-4, 1.0e-3]}
          - name: normalization
            values:
              - {label: off, set: {env.normalizeObservation: false, env.normalizeReward: false}}
              - {label: on, set: {env.normalizeObservation: true, env.normalizeReward: true}}
        metrics: [charts/episodic_return]
        """);
    assertThat(s.name()).isEqualTo("demo");
    assertThat(s.baseYaml()).isEqualTo(BASE);
    assertThat(s.set()).containsExactly("algo.totalTimesteps=128");
    assertThat(s.seeds()).containsExactly(5L, 6L, 7L);
    assertThat(s.axes()).extracting(SweepSpec.Axis::name).containsExactly("algo.learningRate", "normalization");
    assertThat(s.axes().get(0).values()).extracting(SweepSpec.AxisValue::label).containsExactly("0.00025", "0.001");
    assertThat(s.axes().get(0).values().get(1).overrides()).containsExactly("algo.learningRate=0.001");
    assertThat(s.axes().get(1).values().get(1).overrides()).containsExactly("env.normalizeObservation=true", "env.normalizeReward=true");
    assertThat(s.headlineMetric()).isEqualTo(SweepSpec.DEFAULT_METRIC);
    assertThat(s.tableMetrics()).containsExactly("eval/mean_return", "charts/episodic_return");
    assertThat(s.cellCount()).isEqualTo(4);
  }

  @Test
  void setAsAMappingAndSeedsAsAList() {
    SweepSpec s = parse("""
        name: demo
        base: base.yaml
        set: {algo.totalTimesteps: 128, name: "x y"}
        seeds: [3, 1]
        axes: [{path: algo.hiddenSizes, values: [[8], [16, 16]]}]
        metric: charts/episodic_return
        """);
    assertThat(s.set()).containsExactly("algo.totalTimesteps=128", "name=\"x y\"");
    assertThat(s.seeds()).containsExactly(3L, 1L);
    assertThat(s.axes().get(0).values()).extracting(SweepSpec.AxisValue::label).containsExactly("[8]", "[16,16]");
    assertThat(s.tableMetrics()).containsExactly("charts/episodic_return");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no seeds          | name: a\\nbase: b.yaml\\naxes: []                                   | s.yaml: seeds  | no seeds
      empty seed list   | name: a\\nbase: b.yaml\\nseeds: []                                  | s.yaml: seeds  | no seeds
      repeated seed     | name: a\\nbase: b.yaml\\nseeds: [1, 1]                              | s.yaml: seeds.1 | listed twice
      zero count        | name: a\\nbase: b.yaml\\nseeds: {count: 0}                          | s.yaml: seeds.count | >= 1
      empty axis        | name: a\\nbase: b.yaml\\nseeds: [1]\\naxes: [{path: algo.gamma, values: []}] | s.yaml: axes.0.values | has no values
      duplicate axis    | name: a\\nbase: b.yaml\\nseeds: [1]\\naxes: [{path: algo.gamma, values: [0.9]}, {path: algo.gamma, values: [0.99]}] | s.yaml: axes.1 | duplicate axis
      path on two axes  | name: a\\nbase: b.yaml\\nseeds: [1]\\naxes: [{path: algo.gamma, values: [0.9]}, {name: g, values: [{label: x, set: {algo.gamma: 0.5}}]}] | s.yaml: axes.1.values.0 | already set by axis
      repeated value    | name: a\\nbase: b.yaml\\nseeds: [1]\\naxes: [{path: algo.gamma, values: [0.9, 0.9]}] | s.yaml: axes.0.values.1 | listed twice
      axis without path | name: a\\nbase: b.yaml\\nseeds: [1]\\naxes: [{values: [1]}]           | s.yaml: axes.0 | needs a path
      bad linked value  | name: a\\nbase: b.yaml\\nseeds: [1]\\naxes: [{name: n, values: [1]}] | s.yaml: axes.0.values.0 | linked axis
      unknown key       | name: a\\nbase: b.yaml\\nseeds: [1]\\naxis: []                      | s.yaml: axis   | unknown key
      no base           | name: a\\nseeds: [1]                                                | s.yaml: base   | missing
      bad name          | name: a/b\\nbase: b.yaml\\nseeds: [1]                               | s.yaml: name   | directory name
      """)
  void badInputIsOneMessageNamingTheKey(String what, String yaml, String where, String problem) {
    assertThatThrownBy(() -> parse(yaml.replace("\\n", "\n")))
        .isInstanceOf(UserInputException.class)
        .satisfies(e -> assertThat(((UserInputException) e).where()).isEqualTo(where))
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void loadReadsTheBaseRelativeToTheSweepFile(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("x"));
    Files.writeString(tmp.resolve("base.yaml"), BASE);
    Files.writeString(tmp.resolve("x/s.yaml"), "name: a\nbase: ../base.yaml\nseeds: [1]\n");
    SweepSpec s = SweepSpec.load(tmp.resolve("x/s.yaml"));
    assertThat(s.baseYaml()).isEqualTo(BASE);
    Files.writeString(tmp.resolve("x/t.yaml"), "name: a\nbase: nope.yaml\nseeds: [1]\n");
    assertThatThrownBy(() -> SweepSpec.load(tmp.resolve("x/t.yaml"))).isInstanceOf(UserInputException.class)
        .hasMessageContaining("t.yaml: base").hasMessageContaining("nope.yaml");
    assertThatThrownBy(() -> SweepSpec.load(tmp.resolve("none.yaml"))).isInstanceOf(UserInputException.class)
        .hasMessageContaining("no such sweep file");
  }

  @Test
  void axisValueOverridesKeepTheirOrder() {
    SweepSpec.AxisValue v = new SweepSpec.AxisValue("on", Map.of("a.b", "1"));
    assertThat(v.overrides()).isEqualTo(List.of("a.b=1"));
  }
}
