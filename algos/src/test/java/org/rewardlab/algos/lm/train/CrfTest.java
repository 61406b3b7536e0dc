package org.rewardlab.algos.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.rewardlab.algos.lm.train.GrpoLambdaTest.slice;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.core.UserInputException;
import org.rewardlab.envs.text.AnswerFormat;
import org.rewardlab.envs.text.ArithOp;
import org.rewardlab.envs.text.ArithProblem;

/** CRF's R̂ = R^o·[1 + α·c·(s + d_q)] and its advantages against numbers computed by hand. */
class CrfTest {
  static final double TOL = 1e-12;

  static ArithProblem pad(long a, long b) {
    return new ArithProblem(a, b, ArithOp.ADD, 2, AnswerFormat.FIXED_WIDTH, true);
  }

  @Test
  void toyCrmRewardsOnlyCorrectAnswersByTheirRedundancy() {
    assertThat(pad(12, 34).answer()).isEqualTo("2+4+10+30=6+40=046");
    assertThat(pad(10, 20).answer()).isEqualTo("0+0+10+20=0+30=030");
    ScoredBatch batch = LengthVariantBatches.scratchpad(new ArithProblem[] {pad(12, 34), pad(55, 66), pad(10, 20)},
        new String[][] {
            // c = 1, 1 - 1/3, 1 - 2/4; a wrong answer
            {"2+4+10+30=6+40=046", "2+4+10+30=6+40=6+40=046", "2+4+10+30=6+40=6+40=6+40=046", "047"},
            {"120", "120", "5+6+50+60=11+110=120", "120"},
            // c = 1; no steps: 1; twelve equal steps: 1 - 11/12 clipped to 0.1; 1
            {"0+0+10+20=0+30=030", "030", "0+30=".repeat(12) + "030", "0+0+10+20=0+30=030"}},
        16);
    // iteration 16 of 11..21: p = 0.5, cosine s = 0.5. Group 0: acc 3/4, d = 1/4, alpha 0.5: 1 + 0.375 c
    GrpoVariant v = Crf.defaults().create(GrpoConfig.defaults());
    double[] r = v.shape(batch);
    assertThat(slice(r, 0)).containsExactly(new double[] {1.375, 1.25, 1.1875, 0}, within(TOL));
    assertThat(slice(r, 1)).as("all wrong").containsExactly(0, 0, 0, 0);
    // group 2: all correct, d = 0: 1 + 0.25 c
    assertThat(slice(r, 2)).containsExactly(new double[] {1.25, 1.25, 1.025, 1.25}, within(TOL));
    double[] a = v.advantages(batch, r).get(0).advantages();
    assertThat(slice(a, 0)).containsExactly(
        new double[] {0.6588911839816105, 0.4636641665055778, 0.3660506577675614, -1.4886060082547496}, within(1e-9));
    assertThat(slice(a, 1)).containsExactly(0, 0, 0, 0);
    assertThat(slice(a, 2)).as("all correct: only the redundant one is pushed down").containsExactly(
        new double[] {0.49955595026642885, 0.49955595026642885, -1.4986678507992905, 0.49955595026642885}, within(1e-9));
    assertThat(v.metrics().get("variant/s")).isCloseTo(0.5, within(TOL));
    assertThat(v.metrics().get("variant/redundant_frac")).isEqualTo(3.0 / 12);
    assertThat(v.metrics().get("variant/conciseness_correct"))
        .isCloseTo((1 + 2.0 / 3 + 0.5 + 1 + 1 + 0.1 + 1) / 7, within(TOL));
  }

  @Test
  void lengthScoreAnnealingAndDifficultySwitches() {
    ScoredBatch batch = GrpoLambdaTest.sixGroups(); // no scratchpad: c = 1 - L/L_max
    // constant s = 1, g0 acc 0.5 -> d = 0.5, alpha 0.5: 1 + 0.75 c, c = 1 - 10/40, 1 - 14/40
    double[] r = new Crf(0.5, Crf.Conciseness.STEPS, Crf.Annealing.CONSTANT, true, 40).create(GrpoConfig.defaults()).shape(batch);
    assertThat(slice(r, 0)).containsExactly(new double[] {1.5625, 1.4875, 0, 0}, within(TOL));
    // g1 all correct (d = 0), s = 1: 1 + 0.5 (1 - L/40), L = 10..16
    assertThat(slice(r, 1)).containsExactly(new double[] {1.375, 1.35, 1.325, 1.3}, within(TOL));
    // s = 0 and no d_q: plain 0/1
    double[] plain = new Crf(0.5, Crf.Conciseness.LENGTH, Crf.Annealing.NONE, false, 40).create(GrpoConfig.defaults()).shape(batch);
    assertThat(plain).containsExactly(batch.rewards(), within(0.0));
    // a length past L_max scores the floor 0.1
    assertThat(Crf.score(null, 50, 40)).isEqualTo(0.1);
    assertThat(Crf.Annealing.COSINE.at(0)).isEqualTo(1.0);
    assertThat(Crf.Annealing.COSINE.at(1)).isCloseTo(0.0, within(1e-15));
    assertThat(Crf.Annealing.LINEAR.at(0.25)).isEqualTo(0.75);
    // start and end of the RL phase
    assertThat(LengthVariantBatches.of(new Integer[][] {{1, 2}}, 11).rlProgress()).isEqualTo(0.0);
    assertThat(LengthVariantBatches.of(new Integer[][] {{1, 2}}, 21).rlProgress()).isEqualTo(1.0);
  }

  @Test
  void lengthFallbackUsesTheRunsCompletionLimit() {
    // no maxLength: algo.maxNewTokens (here 20), c = 1 - 10/20, 1 - 14/20; constant s, d = 0.5 -> 1 + 0.75 c
    GrpoConfig cfg = GrpoConfig.defaults();
    cfg = new GrpoConfig(cfg.task(), cfg.model(), cfg.warmStart(), cfg.steps(), cfg.promptsPerStep(), cfg.groupSize(), 20,
        cfg.temperature(), cfg.learningRate(), cfg.maxGradNorm(), cfg.updatesPerBatch(), cfg.formatWeight(),
        cfg.maskTruncatedCompletions(), cfg.advantage(), cfg.loss(), cfg.eval(), cfg.variant(), cfg.initFrom());
    double[] r = new Crf(0.5, Crf.Conciseness.LENGTH, Crf.Annealing.CONSTANT, true, 0).create(cfg)
        .shape(GrpoLambdaTest.sixGroups());
    assertThat(slice(r, 0)).containsExactly(new double[] {1.375, 1.225, 0, 0}, within(TOL));
  }

  @Test
  void yamlBindsWithDefaultsAndBadValuesNameTheirPlace() {
    ExperimentSpec spec = ExperimentSpecs.read(LmVariantRunsTest.TINY.replace("variant: {type: grpo}",
        "variant: {type: crf, annealing: linear}"));
    assertThat(((GrpoConfig) spec.algo()).variant()).isEqualTo(new Crf(0.5, Crf.Conciseness.STEPS, Crf.Annealing.LINEAR, true, 0));
    assertThat(ExperimentSpecs.fromTree(ExperimentSpecs.toJsonTree(spec), "round trip")).isEqualTo(spec);
    for (String[] bad : List.of(
        new String[] {"{type: crf, alpha: -1}", "algo.variant.alpha"},
        new String[] {"{type: crf, maxLength: -3}", "algo.variant.maxLength"},
        new String[] {"{type: crf, annealing: exponential}", "algo.variant.annealing"},
        new String[] {"{type: crf, conciseness: crm}", "algo.variant.conciseness"})) {
      assertThatThrownBy(() -> ExperimentSpecs.read(LmVariantRunsTest.TINY.replace("variant: {type: grpo}", "variant: " + bad[0])))
          .as(bad[0]).isInstanceOf(UserInputException.class).hasMessageContaining(bad[1]);
    }
  }
}
