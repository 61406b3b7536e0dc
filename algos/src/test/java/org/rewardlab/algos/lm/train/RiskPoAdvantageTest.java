package org.rewardlab.algos.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.envs.text.AnswerFormat;
import org.rewardlab.envs.text.ArithOp;
import org.rewardlab.envs.text.ArithProblem;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.Problem;

/**
 * RiskPO's MVaR advantages against numbers worked out by hand (PO §3(b)), the quantile tracker's rule,
 * bundling's effect on the zero-signal fraction, checkpoints and the YAML face.
 */
class RiskPoAdvantageTest {
  static final double EPS = 1e-6;

  /**
   * Two prompts, G = 5, bundled (B = 2): p0 = [1,0,1,0,0], p1 = [1,1,0,0,1], so the papers score
   * S = [2,1,1,0,1]. Sorted [0,1,1,1,2]: q_d = quantile_0.2 = 0 + 0.8·(1 − 0) = 0.8 (position 0.8),
   * q_u = quantile_0.9 = 1 + 0.6·(2 − 1) = 1.6 (position 3.6). std(S) = √(2/4).
   */
  static final double[] REWARDS = {1, 0, 1, 0, 0, 1, 1, 0, 0, 1};
  static final double[] S = {2, 1, 1, 0, 1};
  static final double QD = 0.8;
  static final double QU = 1.6;

  static RiskPo spec(double w, double u, RiskPo.Credit credit, boolean norm) {
    return new RiskPo(0.2, 0.9, 2, w, u, RiskPo.QuantileMode.BATCH, 0.1, credit, norm, true, false, EPS);
  }

  /** The paper advantage by the formulas, for expected values. */
  static double paper(double s, double qd, double qu, double w, double u, boolean norm) {
    double rvar = (Math.max(0, s - qd) - Math.max(0, s - qu) + (qd - qu)) / (0.9 - 0.2 + EPS);
    double cvar = -Math.max(0, qd - s) / (0.2 + EPS);
    double upper = Math.max(0, s - qu) / (1 - 0.9 + EPS);
    double a = (w * cvar + rvar + u * upper) / (w + 1 + u);
    return norm ? a / (Math.sqrt(0.5) + EPS) : a;
  }

  @Test
  void rvarOnlyWithUniformCreditMatchesTheHandComputedBand() {
    RiskPoAdvantage.Result r = new RiskPoAdvantage(spec(0, 0, RiskPo.Credit.UNIFORM, false)).compute(REWARDS, 5, null, null);
    assertThat(r.paperScores()).containsExactly(S);
    assertThat(r.bundleQuantiles()[0].low()).isCloseTo(QD, within(1e-12));
    assertThat(r.bundleQuantiles()[0].high()).isCloseTo(QU, within(1e-12));
    // g(2) = 1.2 − 0.4 − 0.8 = 0; g(1) = 0.2 − 0.8 = −0.6; g(0) = −0.8; A_R = g / (0.7 + ε)
    double[] perPaper = {0, -0.6 / 0.700001, -0.6 / 0.700001, -0.8 / 0.700001, -0.6 / 0.700001};
    for (int j = 0; j < 5; j++) {
      assertThat(r.advantages()[j]).as("p0, paper %d", j).isCloseTo(perPaper[j], within(1e-12));
      assertThat(r.advantages()[5 + j]).as("p1, paper %d", j).isCloseTo(perPaper[j], within(1e-12));
    }
  }

  @Test
  void mixedVarWithStdNormalisationAndStdCredit() {
    RiskPoAdvantage.Result r = new RiskPoAdvantage(spec(1.5, 0, RiskPo.Credit.STD, true)).compute(REWARDS, 5, null, null);
    // A(S=0) = (1.5·(−0.8/0.200001) + (−0.8/0.700001)) / 2.5, then / (√0.5 + ε); σ_q = √(1.2/4) for both prompts
    double sigma = Math.sqrt(0.3) + EPS;
    double a0 = (1.5 * (-0.8 / 0.200001) + (-0.8 / 0.700001)) / 2.5 / (Math.sqrt(0.5) + EPS);
    assertThat(r.advantages()[3]).isCloseTo(a0 / sigma, within(1e-9));
    assertThat(r.advantages()[8]).isCloseTo(a0 / sigma, within(1e-9));
    double a1 = (-0.6 / 0.700001) / 2.5 / (Math.sqrt(0.5) + EPS);
    assertThat(r.advantages()[1]).isCloseTo(a1 / sigma, within(1e-9));
    assertThat(r.advantages()[0]).isZero();
    for (int j = 0; j < 5; j++) {
      assertThat(r.advantages()[j]).isCloseTo(paper(S[j], QD, QU, 1.5, 0, true) / sigma, within(1e-9));
    }
  }

  @Test
  void riskSeekingUpperTailRewardsTheBestPaper() {
    RiskPoAdvantage.Result r = new RiskPoAdvantage(spec(0, 1.5, RiskPo.Credit.UNIFORM, false)).compute(REWARDS, 5, null, null);
    // A(S=2) = (0 + 1.5·(0.4/0.100001)) / 2.5 > 0; the lower tail is not used (w = 0)
    assertThat(r.advantages()[0]).isCloseTo(1.5 * (0.4 / 0.100001) / 2.5, within(1e-9)).isPositive();
    assertThat(r.advantages()[3]).isCloseTo(-0.8 / 0.700001 / 2.5, within(1e-9));
  }

  @Test
  void sumMeanCreditSplitsByDeviationFromTheQuestionMean() {
    RiskPoAdvantage.Result r = new RiskPoAdvantage(spec(1.5, 0, RiskPo.Credit.SUM_MEAN, false)).compute(REWARDS, 5, null, null);
    double a3 = paper(0, QD, QU, 1.5, 0, false);
    // paper 3: p0 r=0 (mean 0.4: −0.4), p1 r=0 (mean 0.6: −0.6), sum −1 → 0.4·A, 0.6·A
    assertThat(r.advantages()[3]).isCloseTo(0.4 * a3, within(1e-12));
    assertThat(r.advantages()[8]).isCloseTo(0.6 * a3, within(1e-12));
    // paper 1: p0 r=0 (−0.4), p1 r=1 (+0.4): the sum is 0, so each gets A / 2
    double a1 = paper(1, QD, QU, 1.5, 0, false);
    assertThat(r.advantages()[1]).isCloseTo(a1 / 2, within(1e-12));
    assertThat(r.advantages()[6]).isCloseTo(a1 / 2, within(1e-12));
  }

  @Test
  void trackedAndMixedModesUseTheGivenQuantiles() {
    RiskPo track = spec(1.5, 0, RiskPo.Credit.UNIFORM, false).withQuantiles(RiskPo.QuantileMode.TRACK);
    RiskPoAdvantage.Quantiles tracked = new RiskPoAdvantage.Quantiles(0.5, 1.5);
    RiskPoAdvantage.Result t = new RiskPoAdvantage(track).compute(REWARDS, 5, tracked, null);
    assertThat(t.bundleQuantiles()[0]).isEqualTo(tracked);
    for (int j = 0; j < 5; j++) assertThat(t.advantages()[j]).isCloseTo(paper(S[j], 0.5, 1.5, 1.5, 0, false), within(1e-12));
    RiskPoAdvantage.Result m = new RiskPoAdvantage(track.withQuantiles(RiskPo.QuantileMode.MIX)).compute(REWARDS, 5, tracked, null);
    double qd = (0.5 + QD) / 2;
    double qu = (1.5 + QU) / 2;
    for (int j = 0; j < 5; j++) assertThat(m.advantages()[j]).isCloseTo(paper(S[j], qd, qu, 1.5, 0, false), within(1e-12));
    // before the tracker's first update, every mode falls back to the batch quantiles
    RiskPoAdvantage.Result first = new RiskPoAdvantage(track).compute(REWARDS, 5, null, null);
    assertThat(first.bundleQuantiles()[0].low()).isCloseTo(QD, within(1e-12));
  }

  @Test
  void aConstantBundleGetsNoHugeAdvantageWithTrackedQuantiles() {
    // all wrong: S = 0 for every paper, std 0 → replaced by 1 (not ε), so |A| stays of order 1/α_d
    double[] zeros = new double[10];
    RiskPo track = spec(1.5, 0, RiskPo.Credit.UNIFORM, true).withQuantiles(RiskPo.QuantileMode.TRACK);
    RiskPoAdvantage.Result r = new RiskPoAdvantage(track).compute(zeros, 5, new RiskPoAdvantage.Quantiles(0.5, 1.5), null);
    double expected = (1.5 * (-0.5 / 0.200001) + (0.5 - 1.5) / 0.700001) / 2.5 / (1 + EPS);
    assertThat(r.advantages()[0]).isCloseTo(expected, within(1e-9));
    assertThat(r.fracBundlesConstant()).isEqualTo(1.0);
    // with batch quantiles the same bundle has no signal at all
    assertThat(new RiskPoAdvantage(spec(1.5, 0, RiskPo.Credit.STD, true)).compute(zeros, 5, null, null).advantages())
        .containsOnly(0.0);
  }

  /**
   * Five prompts, G = 4: three solved by every completion, one failed by all, one half solved. Alone
   * (B = 1) only the mixed prompt has a signal: 4/5 zero. Bundled (B = 5) the papers score [4,3,4,3]:
   * q_d = 3, q_u = 4, papers 1 and 3 get A < 0, so every prompt's completions 1 and 3 carry a signal.
   */
  @Test
  void bundlingLowersTheZeroSignalFraction() {
    double[] r = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0};
    RiskPo alone = RiskPo.defaults().withQuantiles(RiskPo.QuantileMode.BATCH).withBundleSize(1);
    RiskPoAdvantage.Result one = new RiskPoAdvantage(alone).compute(r, 4, null, null);
    RiskPoAdvantage.Result five = new RiskPoAdvantage(alone.withBundleSize(5)).compute(r, 4, null, null);
    assertThat(one.fracGroupsZeroAdvantage()).isEqualTo(0.8);
    assertThat(one.fracBundlesConstant()).isEqualTo(0.8);
    assertThat(five.paperScores()).containsExactly(4, 3, 4, 3);
    assertThat(five.fracGroupsZeroAdvantage()).isEqualTo(0.0);
    assertThat(five.fracBundlesConstant()).isEqualTo(0.0);
    assertThat(five.advantages()[1]).isNegative();
    assertThat(five.advantages()[0]).isZero();
  }

  @Test
  void aShortLastBundleTakesTheRemainingPrompts() {
    double[] r = {1, 0, 0, 1, 1, 1};
    RiskPo b2 = RiskPo.defaults().withQuantiles(RiskPo.QuantileMode.BATCH).withBundleSize(2);
    RiskPoAdvantage.Result res = new RiskPoAdvantage(b2).compute(r, 2, null, null);
    assertThat(res.paperScores()).containsExactly(1, 1, 1, 1); // bundle 0: [1+0, 0+1]; bundle 1 (one prompt): [1, 1]
    assertThat(res.bundleQuantiles()).hasSize(2);
  }

  @Test
  void trackerStartsAtTheFirstBatchQuantilesThenTakesStochasticApproximationSteps() {
    RiskPoQuantileTracker t = new RiskPoQuantileTracker(0.1);
    assertThat(t.initialized()).isFalse();
    t.update(S);
    assertThat(t.initialized()).isTrue();
    assertThat(t.at(0.2)).isCloseTo(QD, within(1e-12));
    assertThat(t.at(0.9)).isCloseTo(QU, within(1e-12));
    assertThat(t.at(0.5)).isEqualTo(1.0);
    assertThat(RiskPoQuantileTracker.nearest(0.21)).isEqualTo(3);
    // next batch S' = [0, 0, 3, 3]: q_0.2 = 0.8 has 2 of 4 below → 0.8 + 0.1·(0.2 − 0.5) = 0.77
    //                              q_0.9 = 1.6 has 2 of 4 below → 1.6 + 0.1·(0.9 − 0.5) = 1.64
    t.update(new double[] {0, 0, 3, 3});
    assertThat(t.at(0.2)).isCloseTo(0.77, within(1e-12));
    assertThat(t.at(0.9)).isCloseTo(1.64, within(1e-12));
    // strict "<": a score equal to q_k does not count as below
    RiskPoQuantileTracker u = new RiskPoQuantileTracker(0.5);
    u.update(new double[] {1, 1});
    u.update(new double[] {1, 1});
    assertThat(u.at(0.5)).isCloseTo(1 + 0.5 * 0.5, within(1e-12));
  }

  @Test
  void trapezoidBaselineIntegratesOverTheGrid() {
    RiskPoQuantileTracker t = new RiskPoQuantileTracker(0.1);
    t.update(new double[] {0, 1, 2, 3, 4});
    // q(α) = 4α on the grid (linear interpolation of 0..4), so ∫_{0.05}^{0.95} 4α dα = 2(0.95² − 0.05²) = 1.8
    assertThat(t.trapezoid(x -> x)).isCloseTo(1.8, within(1e-12));
  }

  @Test
  void variantCarriesTheTrackerAcrossBatchesAndThroughCheckpoints() {
    RiskPoVariant a = new RiskPoVariant(RiskPo.defaults());
    ScoredBatch first = batch(REWARDS, 5);
    a.advantages(first, first.rewards());
    assertThat(a.tracker().initialized()).isTrue();
    ScoredBatch second = batch(new double[] {0, 0, 0, 0, 1, 1, 1, 1, 1, 0}, 5);
    Checkpoint.Builder b = Checkpoint.builder();
    a.save(b, "variant.");
    Checkpoint ck = b.build();
    List<GrpoVariant.Component> expected = a.advantages(second, second.rewards());
    RiskPoVariant restored = new RiskPoVariant(RiskPo.defaults());
    restored.restore(ck, "variant.");
    List<GrpoVariant.Component> got = restored.advantages(second, second.rewards());
    assertThat(got.get(0).advantages()).containsExactly(expected.get(0).advantages());
    assertThat(restored.tracker().quantiles()).containsExactly(a.tracker().quantiles());
    // the second batch was scored against the first batch's quantiles (q_d = 0.8, q_u = 1.6), not its own
    assertThat(a.metrics().get("variant/q_low")).isCloseTo(QD, within(1e-12));
    assertThat(a.metrics()).containsKeys("variant/frac_groups_zero_adv", "variant/frac_bundles_constant",
        "variant/tracked_q_low", "variant/tracked_q_high");
    // a fresh variant (no checkpoint) scores the second batch against its own quantiles: different numbers
    RiskPoVariant fresh = new RiskPoVariant(RiskPo.defaults());
    assertThat(fresh.advantages(second, second.rewards()).get(0).advantages()).isNotEqualTo(expected.get(0).advantages());
  }

  @Test
  void yamlSelectsTheVariantWithDefaultsAndNamesBadFields() {
    String yaml = """
        algo:
          type: grpo
          task: {type: arith, digits: [1, 3], ops: [add], answerFormat: fixed_width}
          variant: {type: riskpo, bundleSize: 1, quantiles: mix, credit: sum-mean}
        """;
    ExperimentSpec spec = ExperimentSpecs.read(yaml);
    RiskPo v = (RiskPo) ((GrpoConfig) spec.algo()).variant();
    assertThat(v).isEqualTo(RiskPo.defaults().withBundleSize(1).withQuantiles(RiskPo.QuantileMode.MIX)
        .withCredit(RiskPo.Credit.SUM_MEAN));
    assertThat(ExperimentSpecs.read(ExperimentSpecs.toJson(spec))).as("YAML -> record -> JSON -> record").isEqualTo(spec);
    assertThatThrownBy(() -> ExperimentSpecs.read(yaml.replace("bundleSize: 1", "alphaLow: 0.95")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.variant.alphaHigh");
    assertThatThrownBy(() -> ExperimentSpecs.read(yaml.replace("bundleSize: 1", "alphaLow: 0")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.variant.alphaLow");
    assertThatThrownBy(() -> ExperimentSpecs.read(yaml.replace("bundleSize: 1", "bundleSize: 0")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.variant.bundleSize");
    assertThatThrownBy(() -> ExperimentSpecs.read(yaml.replace("quantiles: mix", "quantiles: median")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.variant.quantiles");
    assertThatThrownBy(() -> ExperimentSpecs.read(yaml.replace("bundleSize: 1", "upperWeight: -1")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.variant.upperWeight");
    assertThatThrownBy(() -> ExperimentSpecs.read(yaml.replace("quantiles: mix", "quantiles: batch, meanBaseline: true")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.variant.meanBaseline");
  }

  /** A scored batch of 1-digit problems whose rewards are {@code r} (texts unused by RiskPO). */
  static ScoredBatch batch(double[] r, int g) {
    int prompts = r.length / g;
    List<Problem> problems = new ArrayList<>();
    List<Completion> completions = new ArrayList<>();
    boolean[] correct = new boolean[r.length];
    int[] lengths = new int[r.length];
    for (int p = 0; p < prompts; p++) {
      ArithProblem prob = new ArithProblem(p, 1, ArithOp.ADD, 1, AnswerFormat.FIXED_WIDTH, false);
      problems.add(prob);
      for (int j = 0; j < g; j++) {
        int b = p * g + j;
        correct[b] = r[b] > 0;
        completions.add(new Completion(prob, correct[b] ? prob.answer() : "99"));
        lengths[b] = 3;
      }
    }
    return new ScoredBatch(g, problems, completions, r, correct, lengths, 1, 1, 10);
  }
}
