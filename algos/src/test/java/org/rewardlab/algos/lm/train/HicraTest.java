package org.rewardlab.algos.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.core.UserInputException;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.CountdownConfig;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.TextTasks;

class HicraTest {
  private static final List<String> GRAMS = List.of(")*", "*(");

  /** One group of 4 completions of one Countdown problem; rewards as given. */
  private static ScoredBatch batch(String[] texts, double[] rewards) {
    Problem p = TextTasks.make(new CountdownConfig(3, 9, 100, true)).split(1, 5).test().get(0);
    List<Completion> cs = new ArrayList<>();
    int[] len = new int[texts.length];
    boolean[] correct = new boolean[texts.length];
    for (int i = 0; i < texts.length; i++) {
      cs.add(new Completion(p, texts[i]));
      len[i] = texts[i].length() + 1;
      correct[i] = rewards[i] > 0;
    }
    return new ScoredBatch(texts.length, List.of(p), cs, rewards, correct, len, 5, 1, 10);
  }

  @Test
  void planningTokensOfEachRowGetTheAmplifiedGroupAdvantage() {
    ScoredBatch b = batch(new String[] {"(1+2)*3", "1+2+3", "(1+2)*3", "3*(1+2)"}, new double[] {1, 0, 0, 1});
    Map<String, Double> m = new HashMap<>();
    double[] rowAdv = {0.5, -0.5, -0.5, 0.5};
    GrpoVariant.Component c = Hicra.component(b, rowAdv, 0.2, GRAMS, m);
    double[][] t = c.tokenAdvantages();
    // row 0 "(1+2)*3": tokens 4,5 are ")*": 0.5·1.2 = 0.6; the rest (and <eos>) 0.5
    assertThat(t[0]).hasSize(8);
    assertThat(t[0][4]).isCloseTo(0.6, within(1e-12));
    assertThat(t[0][5]).isCloseTo(0.6, within(1e-12));
    assertThat(t[0][3]).isEqualTo(0.5);
    assertThat(t[0][7]).isEqualTo(0.5);
    // row 2, same text, negative: damped to −0.4
    assertThat(t[2][4]).isCloseTo(-0.4, within(1e-12));
    // row 1 has no gram: plain advantage everywhere
    for (double a : t[1]) assertThat(a).isEqualTo(-0.5);
    assertThat(c.advantages()[0]).isCloseTo((6 * 0.5 + 2 * 0.6) / 8, within(1e-12));
    // metrics: planning tokens 2 + 2 + 2 of 8 + 6 + 8 + 8 tokens; rows 3 of 4; grams: ")*" in 2 rows, "*(" in 1
    assertThat(m.get("variant/planning_token_frac")).isCloseTo(6.0 / 30, within(1e-12));
    assertThat(m.get("variant/planning_rows")).isEqualTo(0.75);
    double p = 2.0 / 3;
    assertThat(m.get("variant/semantic_entropy")).isCloseTo(-(p * Math.log(p) + (1 - p) * Math.log(1 - p)), within(1e-12));
  }

  @Test
  void alphaZeroIsGrpo() {
    ScoredBatch b = batch(new String[] {"(1+2)*3", "1+2+3", "(1+2)*3", "3*(1+2)"}, new double[] {1, 0, 0, 1});
    GrpoConfig cfg = GrpoConfig.defaults();
    double[] grpo = PlainGrpo.defaults().create(cfg).advantages(b, b.rewards()).get(0).advantages();
    GrpoVariant.Component h = new Hicra(0.0, GRAMS).create(cfg).advantages(b, b.rewards()).get(0);
    for (int r = 0; r < 4; r++) for (double a : h.tokenAdvantages()[r]) assertThat(a).isEqualTo(grpo[r]);
  }

  @Test
  void yamlBindsAndBadValuesNameTheirPlace() {
    ExperimentSpec spec = ExperimentSpecs.read(LmVariantRunsTest.TINY.replace("variant: {type: grpo}",
        "variant: {type: hicra, grams: [')*', '*(']}"));
    assertThat(((GrpoConfig) spec.algo()).variant()).isEqualTo(new Hicra(0.2, GRAMS));
    for (String[] bad : List.of(
        new String[] {"{type: hicra, alpha: -1, grams: [x]}", "algo.variant.alpha"},
        new String[] {"{type: hicra, grams: []}", "algo.variant.grams"},
        new String[] {"{type: hicra, grams: [x, '']}", "algo.variant.grams.1"})) {
      assertThatThrownBy(() -> ExperimentSpecs.read(LmVariantRunsTest.TINY.replace("variant: {type: grpo}", "variant: " + bad[0])))
          .isInstanceOf(UserInputException.class).hasMessageContaining(bad[1]);
    }
  }
}
