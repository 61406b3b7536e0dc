package org.rewardlab.algos.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.core.UserInputException;

class SweepPlanTest {
  static SweepSpec spec(String base, String rest) {
    return SweepSpec.parse("name: demo\nbase: b.yaml\n" + rest, "s.yaml", p -> new SweepSpec.BaseFile(p, base));
  }

  static final String GRID = """
      seeds: [1, 2]
      axes:
        - {path: algo.learningRate, values: [2.5e-4, 1.0e-3, 3.0e-3]}
        - name: norm
          values:
            - {label: off, set: {env.normalizeObservation: false}}
            - {label: on, set: {env.normalizeObservation: true}}
      """;

  @Test
  void cellsAreTheProductOfTheAxesFirstAxisSlowest() {
    SweepPlan plan = SweepPlan.of(spec(SweepSpecTest.BASE, GRID));
    assertThat(plan.cells()).extracting(SweepPlan.Cell::label).containsExactly(
        "algo.learningRate=0.00025, norm=off", "algo.learningRate=0.00025, norm=on",
        "algo.learningRate=0.001, norm=off", "algo.learningRate=0.001, norm=on",
        "algo.learningRate=0.003, norm=off", "algo.learningRate=0.003, norm=on");
    assertThat(plan.cells().get(3).overrides()).containsExactly("algo.learningRate=0.001", "env.normalizeObservation=true");
    assertThat(plan.cells()).extracting(SweepPlan.Cell::configHash).doesNotHaveDuplicates();
    assertThat(plan.taskCount()).isEqualTo(12);
    List<SweepTask> tasks = plan.tasks("/r");
    assertThat(tasks).hasSize(12);
    assertThat(tasks.get(1).seed()).isEqualTo(2);
    assertThat(tasks.get(1).cell()).isZero();
    assertThat(tasks.get(1).key()).isEqualTo(plan.cells().get(0).shortHash() + "-seed2");
    assertThat(tasks.get(1).baseYaml()).isEqualTo(SweepSpecTest.BASE);
    ExperimentSpec e = SweepPlan.experiment(tasks.get(7).baseYaml(), "b", tasks.get(7).overrides(), tasks.get(7).seed());
    assertThat(e.seed()).isEqualTo(2);
    assertThat(e.env().normalizeObservation()).isTrue();
  }

  @Test
  void theHashIgnoresSeedNameAndKeyOrderButNotValues() {
    String reordered = """
        run: {evalEpisodes: 1}
        algo: {hiddenSizes: [8], totalTimesteps: 64, numSteps: 32, numEnvs: 2, type: ppo}
        env: {id: CartPole-v1}
        name: other
        seed: 9
        """;
    SweepPlan a = SweepPlan.of(spec(SweepSpecTest.BASE, GRID));
    SweepPlan b = SweepPlan.of(spec(reordered, GRID));
    assertThat(b.cells()).extracting(SweepPlan.Cell::configHash)
        .containsExactlyElementsOf(a.cells().stream().map(SweepPlan.Cell::configHash).toList());
    ExperimentSpec e = SweepPlan.experiment(SweepSpecTest.BASE, "b", List.of(), 1);
    assertThat(SweepPlan.configHash(e.withSeed(77))).isEqualTo(SweepPlan.configHash(e));
    assertThat(SweepPlan.configHash(SweepPlan.experiment(SweepSpecTest.BASE, "b", List.of("algo.gamma=0.98"), 1)))
        .isNotEqualTo(SweepPlan.configHash(e));
    // the hash of a known config is stable across versions of this code (a changed default changes it, on purpose)
    assertThat(SweepPlan.canonicalJson(e)).startsWith("{\"algo\":{").doesNotContain("\"seed\"").doesNotContain("\"name\"");
    assertThat(SweepPlan.configHash(e)).hasSize(64).isEqualTo(SweepPlan.sha256(SweepPlan.canonicalJson(e)));
  }

  @Test
  void anAxisPathIntoAListWorks() {
    String shaped = """
        env: {id: MountainCar-v0}
        reward:
          type: weighted
          terms:
            - {weight: 1.0, reward: {type: env, name: env}}
            - {weight: 1.0, reward: {type: potential, name: shaping, potential: mountaincar.energy, gamma: 0.99, weight: 100.0}}
        algo: {type: ppo, totalTimesteps: 512}
        """;
    SweepPlan plan = SweepPlan.of(spec(shaped, "seeds: [1]\naxes: [{path: reward.terms.1.reward.weight, values: [0, 30]}]\n"));
    ExperimentSpec e = SweepPlan.experiment(shaped, "b", plan.cells().get(1).overrides(), 1);
    assertThat(org.rewardlab.algos.experiment.ExperimentSpecs.toJsonTree(e).at("/reward/terms/1/reward/weight").asDouble()).isEqualTo(30.0);
    assertThat(plan.cells().get(0).label()).isEqualTo("reward.terms.1.reward.weight=0");
  }

  @Test
  void anUnknownAxisPathNamesTheAxisAndValue() {
    assertThatThrownBy(() -> SweepPlan.of(spec(SweepSpecTest.BASE, "seeds: [1]\naxes: [{path: algo.gama, values: [0.9]}]\n")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("s.yaml: axes.0.values.0 (axis 'algo.gama' = '0.9')")
        .hasMessageContaining("gamma");
    assertThatThrownBy(() -> SweepPlan.of(spec(SweepSpecTest.BASE, "seeds: [1]\naxes: [{path: algo.gamma, values: [0.9, 7]}]\n")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("axes.0.values.1");
    assertThatThrownBy(() -> SweepPlan.of(spec(SweepSpecTest.BASE, "seeds: [1]\naxes: [{path: env.id, values: [CartPole-v1, NoSuchEnv-v0]}]\n")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("axes.0.values.1");
    assertThatThrownBy(() -> SweepPlan.of(spec(SweepSpecTest.BASE, "seeds: [1]\nset: [algo.nope=1]\n")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("s.yaml: set");
  }

  @Test
  void twoCellsWithTheSameConfigAreRefused() {
    assertThatThrownBy(() -> SweepPlan.of(spec(SweepSpecTest.BASE, "seeds: [1]\naxes: [{name: g, values: "
        + "[{label: a, set: {algo.gamma: 0.99}}, {label: b, set: {algo.gamma: 0.990}}]}]\n")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("cells 'g=a' and 'g=b' resolve to the same config");
    assertThatCode(() -> SweepPlan.of(spec(SweepSpecTest.BASE, "seeds: [1]\naxes: [{path: algo.numEnvs, values: [1, 2]}, "
        + "{name: e, values: [{label: a, set: {algo.gamma: 0.99}}, {label: b, set: {algo.gamma: 0.990001}}]}]\n")))
        .doesNotThrowAnyException();
  }
}
