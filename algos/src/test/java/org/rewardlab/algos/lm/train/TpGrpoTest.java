package org.rewardlab.algos.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.lm.grpo.ThoughtAdvantage.Gate;
import org.rewardlab.core.UserInputException;
import org.rewardlab.envs.text.AnswerFormat;
import org.rewardlab.envs.text.ArithConfig;
import org.rewardlab.envs.text.ArithOp;
import org.rewardlab.envs.text.ArithProblem;

class TpGrpoTest {
  @TempDir Path tmp;
  private static final double TOL = 1e-9;
  private static final double EPS = 1e-4;

  private static ArithProblem pad(long a, long b) {
    return new ArithProblem(a, b, ArithOp.ADD, 2, AnswerFormat.FIXED_WIDTH, true);
  }

  /**
   * Three groups of 4 on 2-digit sums with a scratchpad (12+34 = 2+4+10+30=6+40=046, 21+43 = 1+3+20+40=4+60=064):
   * group 0 at accuracy 0.5 (no gate), group 1 at 0.25 (bonus), group 2 at 1.0 (penalty).
   */
  private static ScoredBatch batch() {
    return LengthVariantBatches.scratchpad(new ArithProblem[] {pad(12, 34), pad(21, 43), pad(12, 34)}, new String[][] {
        {"2+4+10+30=6+40=046", "2+4+10+30=6+50=056", "2+4+10+30=6+50=056", "046"},
        {"1+3+20+40=4+60=064", "1+3+20+40=4+70=074", "1+3+20+40=4+70=074", "1+3+20+40=5+60=065"},
        {"2+4+10+30=6+40=046", "2+4+10+30=6+40=046", "2+4+10+30=6+40=046", "2+4+10+30=6+50=046"}}, 15);
  }

  @Test
  void labelsStepsWithTheExactCheckAndMapsTokensToSteps() {
    ScoredBatch b = batch();
    assertThat(TpGrpo.labels(b.completions().get(1), false)).containsExactly(true, false, false);
    assertThat(TpGrpo.labels(b.completions().get(3), true)).containsExactly(true); // a bare answer: one step
    assertThat(TpGrpo.labels(b.completions().get(11), true)).containsExactly(true, false, true);
    // "2+4+10+30=" is step 0 (10 tokens, '=' included), "6+50=" step 1, "056" and <eos> step 2
    int[] s = TpGrpo.stepOfToken("2+4+10+30=6+50=056", 19);
    assertThat(s).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2);
  }

  @Test
  void tokenAdvantagesFollowTheHandComputedThoughtRewards() {
    ScoredBatch b = batch();
    Map<String, Double> m = new HashMap<>();
    GrpoVariant.Component c = TpGrpo.component(b, b.rewards(), TpGrpo.defaults().toGate(), true, EPS, m);
    double[][] t = c.tokenAdvantages();
    // group 0, accuracy 0.5: no process reward, every token gets GRPO's ±0.5/(sqrt(1/3) + ε)
    double g0 = 0.5 / (Math.sqrt(1.0 / 3) + EPS);
    for (double a : t[0]) assertThat(a).isCloseTo(g0, within(TOL));
    for (double a : t[1]) assertThat(a).isCloseTo(-g0, within(TOL));
    assertThat(t[3]).hasSize(4);
    for (double a : t[3]) assertThat(a).isCloseTo(g0, within(TOL));
    // group 1, accuracy 0.25 <= τ_lo: rewards [1], [0.5, 0] x 3; μ = 1.75/4, σ² = 0.609375/3
    double mu = 1.75 / 4;
    double sigma = Math.sqrt(0.609375 / 3);
    assertThat(t[4][0]).isCloseTo((1 - mu) / (sigma + EPS), within(TOL));
    assertThat(t[5][0]).isCloseTo((0.5 - mu) / (sigma + EPS), within(TOL)); // "1+3+20+40=" credited
    assertThat(t[5][9]).isCloseTo((0.5 - mu) / (sigma + EPS), within(TOL)); // its '='
    assertThat(t[5][10]).isCloseTo(-mu / (sigma + EPS), within(TOL)); // "4+70=074" and <eos>
    assertThat(t[5][18]).isCloseTo(-mu / (sigma + EPS), within(TOL));
    assertThat(t[7][0]).isCloseTo((0.5 - mu) / (sigma + EPS), within(TOL));
    // group 2, accuracy 1 >= τ_hi: GRPO has no signal; the wrong middle step of the last row is penalised
    // rewards [1] x 3 and [1, 0.5, 1]; μ = (3 + 2.5/3)/4
    double mu2 = (3 + 2.5 / 3) / 4;
    double ss = 3 * Math.pow(1 - mu2, 2) + (2 * Math.pow(1 - mu2, 2) + Math.pow(0.5 - mu2, 2)) / 3;
    double sigma2 = Math.sqrt(ss / 3);
    assertThat(t[8][0]).isCloseTo((1 - mu2) / (sigma2 + EPS), within(TOL));
    assertThat(t[11][0]).isCloseTo((1 - mu2) / (sigma2 + EPS), within(TOL));
    assertThat(t[11][12]).isCloseTo((0.5 - mu2) / (sigma2 + EPS), within(TOL));
    assertThat(t[11][16]).isCloseTo((1 - mu2) / (sigma2 + EPS), within(TOL));
    // the per-row summary is the token mean; metrics
    double rowMean = 0;
    for (double a : t[5]) rowMean += a / t[5].length;
    assertThat(c.advantages()[5]).isCloseTo(rowMean, within(TOL));
    assertThat(m.get("variant/bonus_groups")).isCloseTo(1.0 / 3, within(TOL));
    assertThat(m.get("variant/penalty_groups")).isCloseTo(1.0 / 3, within(TOL));
    assertThat(m.get("variant/bonus_rows")).isCloseTo(3.0 / 12, within(TOL));
    assertThat(m.get("variant/penalty_rows")).isCloseTo(1.0 / 12, within(TOL));
    assertThat(m.get("variant/frac_groups_zero_std")).isCloseTo(1.0 / 3, within(TOL));
    assertThat(m.get("variant/frac_groups_zero_adv")).isEqualTo(0.0);
    // wrong rows: 1, 2 (steps +, -), 5, 6, 7 (+, -): 5 of 10 steps correct
    assertThat(m.get("variant/wrong_correct_step_frac")).isCloseTo(0.5, within(TOL));
    assertThat(m.get("variant/wrong_steps")).isCloseTo(2.0, within(TOL));
    // thoughts: group 0: 1, 2, 2, 1; group 1: 1, 2, 2, 2; group 2: 1, 1, 1, 3
    assertThat(m.get("variant/thoughts_per_completion")).isCloseTo(19.0 / 12, within(TOL));
  }

  @Test
  void gateOffIsGrpoAndTheLossSeesTokenAdvantages() {
    ScoredBatch b = batch();
    GrpoVariant.Component off = TpGrpo.component(b, b.rewards(), Gate.off(), true, EPS, new HashMap<>());
    double[] grpo = PlainGrpo.defaults().create(GrpoConfig.defaults()).advantages(b, b.rewards()).get(0).advantages();
    for (int r = 0; r < b.size(); r++) {
      for (double a : off.tokenAdvantages()[r]) assertThat(a).isCloseTo(grpo[r], within(TOL));
    }
    // perToken lays the rows out [rows × width], zero past a row's tokens
    double[] pt = off.perToken(20);
    assertThat(pt).hasSize(12 * 20);
    assertThat(pt[3 * 20 + 3]).isCloseTo(grpo[3], within(TOL));
    assertThat(pt[3 * 20 + 4]).isEqualTo(0.0);
    // a plain component broadcasts
    assertThat(new GrpoVariant.Component("x", new double[] {2, 3}, new double[] {1, 1}).perToken(2)).containsExactly(2, 2, 3, 3);
    // always-on: group 0 (accuracy 0.5) now also credits the wrong rows' first step
    GrpoVariant.Component always = TpGrpo.component(b, b.rewards(), TpGrpo.defaults().withGate(TpGrpo.GateMode.ALWAYS).toGate(),
        true, EPS, new HashMap<>());
    assertThat(always.tokenAdvantages()[1][0]).isGreaterThan(always.tokenAdvantages()[1][12]);
  }

  @Test
  void yamlBindsWithDefaultsAndBadValuesNameTheirPlace() {
    ExperimentSpec spec = ExperimentSpecs.read(LmVariantRunsTest.TINY.replace("variant: {type: grpo}",
        "variant: {type: tp-grpo, beta: 0.3}"));
    assertThat(((GrpoConfig) spec.algo()).variant()).isEqualTo(new TpGrpo(0.3, 0.25, 0.75, TpGrpo.GateMode.ADAPTIVE));
    ExperimentSpec always = ExperimentSpecs.read(LmVariantRunsTest.TINY.replace("variant: {type: grpo}",
        "variant: {type: tp-grpo, gate: always}"));
    assertThat(((GrpoConfig) always.algo()).variant()).isEqualTo(TpGrpo.defaults().withGate(TpGrpo.GateMode.ALWAYS));
    for (String[] bad : List.of(
        new String[] {"{type: tp-grpo, beta: -1}", "algo.variant.beta"},
        new String[] {"{type: tp-grpo, tauLow: 1.5}", "algo.variant.tauLow"},
        new String[] {"{type: tp-grpo, tauLow: 0.8}", "algo.variant.tauHigh"},
        new String[] {"{type: tp-grpo, gate: sometimes}", "algo.variant.gate"})) {
      assertThatThrownBy(() -> ExperimentSpecs.read(LmVariantRunsTest.TINY.replace("variant: {type: grpo}", "variant: " + bad[0])))
          .isInstanceOf(UserInputException.class).hasMessageContaining(bad[1]);
    }
    GrpoConfig noPad = GrpoConfig.defaults();
    assertThat(noPad.task()).isInstanceOf(ArithConfig.class);
    assertThatThrownBy(() -> TpGrpo.defaults().create(noPad)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("scratchpad");
  }

  private String metrics(String yaml, Path root) throws Exception {
    ExperimentSpec spec = ExperimentSpecs.read(yaml);
    Algorithm<?> algo = Algorithms.of(spec);
    algo.validate(spec, EnvRegistry.standard());
    RunContext ctx = RunContext.create(root, spec.name(), spec.seed(), spec);
    try (ctx; Trainer t = algo.start(spec, ctx, EnvRegistry.standard())) {
      t.train(TrainListener.none());
    }
    return Files.readString(ctx.runDir().resolve(RunContext.METRICS_FILE));
  }

  @Test
  void runsEndToEndThroughTheGrpoLoopDeterministically() throws Exception {
    String yaml = LmVariantRunsTest.TINY.replace("variant: {type: grpo}", "variant: {type: tp-grpo, gate: always}");
    String a = metrics(yaml, tmp.resolve("a"));
    assertThat(a).contains("charts/variant/bonus_groups", "charts/variant/thoughts_per_completion",
        "charts/variant/frac_groups_zero_adv", "charts/advantages/tp-grpo_abs_mean");
    assertThat(metrics(yaml, tmp.resolve("b"))).isEqualTo(a);
  }
}
