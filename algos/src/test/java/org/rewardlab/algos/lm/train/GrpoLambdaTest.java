package org.rewardlab.algos.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.core.UserInputException;

/**
 * GRPO-λ's rewards and advantages against numbers computed by hand (μ, population σ of the correct
 * lengths, σ(z), then TRL's group z-score with the unbiased std and ε = 1e-4).
 */
class GrpoLambdaTest {
  static final double TOL = 1e-12;

  /**
   * Six groups of four (null = incorrect): g0 acc 0.5 (lengths 10, 14), g1 all correct (10..16), g2 all
   * wrong, g3 acc 0.5 (20, 30: ties g0), g4 all correct with equal lengths, g5 one correct.
   */
  static ScoredBatch sixGroups() {
    return LengthVariantBatches.of(new Integer[][] {
        {10, 14, null, null},
        {10, 12, 14, 16},
        {null, null, null, null},
        {20, null, 30, null},
        {12, 12, 12, 12},
        {null, 18, null, null}}, 16);
  }

  @Test
  void topHalfGetsTheLengthRewardTiesGoToTheEarlierGroup() {
    ScoredBatch batch = sixGroups();
    GrpoVariant v = new GrpoLambda(0.5, 0.6, 1e-4).create(GrpoConfig.defaults());
    double[] r = v.shape(batch);
    // top ceil(0.5 * 6) = 3 by accuracy: g1 (1.0), g4 (1.0), then g0 and g3 tie at 0.5 -> g0 (earlier)
    // g0: mu 12, sigma 2, z = -1, +1: 1 - 0.6 * sigmoid(-1), 1 - 0.6 * sigmoid(1); incorrect 0
    assertThat(slice(r, 0)).containsExactly(new double[] {0.8386351471780029, 0.561364852821997, 0, 0}, within(TOL));
    // g1: mu 13, sigma sqrt(5)
    assertThat(slice(r, 1)).containsExactly(
        new double[] {0.8756557832128768, 0.7659859224654029, 0.6340140775345973, 0.5243442167871231}, within(TOL));
    assertThat(slice(r, 2)).containsExactly(0, 0, 0, 0);
    // g3 lost the tie: accuracy-first, 1[correct]
    assertThat(slice(r, 3)).containsExactly(1, 0, 1, 0);
    // g4: equal lengths, sigma floored, z = 0: 1 - 0.6 / 2 each
    assertThat(slice(r, 4)).containsExactly(new double[] {0.7, 0.7, 0.7, 0.7}, within(TOL));
    assertThat(slice(r, 5)).containsExactly(0, 1, 0, 0);

    double[] a = v.advantages(batch, r).get(0).advantages();
    assertThat(slice(a, 0)).containsExactly(
        new double[] {1.16397664243386, 0.5034917220693748, -0.8337341822516174, -0.8337341822516174}, within(1e-9));
    assertThat(slice(a, 1)).containsExactly(
        new double[] {1.1457695327557527, 0.4304137226157638, -0.4304137226157638, -1.145769532755754}, within(1e-9));
    assertThat(slice(a, 2)).containsExactly(0, 0, 0, 0);
    assertThat(slice(a, 3)).containsExactly(
        new double[] {0.8658754297607016, -0.8658754297607016, 0.8658754297607016, -0.8658754297607016}, within(1e-9));
    assertThat(slice(a, 4)).as("all correct, equal lengths: no signal").containsExactly(0, 0, 0, 0);
    assertThat(v.metrics()).containsEntry("variant/penalized_groups", 0.5).containsEntry("variant/top_min_accuracy", 0.5);
    assertThat(v.metrics().get("variant/frac_groups_zero_std")).isEqualTo(2.0 / 6);
  }

  @Test
  void ceilingOfLambdaTimesKIsExactAndTiesAtTheTopKeepBatchOrder() {
    // 0.6 * 5 = 3.0000000000000004 in floating point: still 3 groups
    assertThat(GrpoLambda.topGroups(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, 0.6))
        .containsExactly(false, false, true, true, true);
    // all tied: the first ceil(0.2 * 6) = 2 groups in batch order
    assertThat(GrpoLambda.topGroups(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, 0.2))
        .containsExactly(true, true, false, false, false, false);
    // a tiny lambda still selects one group
    assertThat(GrpoLambda.topGroups(new double[] {0.0, 0.25, 0.25}, 1e-6)).containsExactly(false, true, false);
    // g1 and g4 tie at 1.0 with one slot: g1
    boolean[] top = GrpoLambda.topGroups(GrpoLambda.accuracies(sixGroups()), 1.0 / 6);
    assertThat(top).containsExactly(false, true, false, false, false, false);
  }

  @Test
  void lambdaOneIsTheAlwaysOnPenaltySingleCorrectAndAllWrongGroups() {
    ScoredBatch batch = sixGroups();
    double[] lam = new GrpoLambda(1.0, 0.6, 1e-4).create(GrpoConfig.defaults()).shape(batch);
    GrpoVariant on = LengthPenalty.groupSigmoid(0.6).create(GrpoConfig.defaults());
    double[] always = on.shape(batch);
    assertThat(always).containsExactly(lam, within(0.0));
    // g3 is now penalized too: mu 25, sigma 5, z = -1, +1
    assertThat(slice(always, 3)).containsExactly(new double[] {0.8386351471780029, 0, 0.561364852821997, 0}, within(TOL));
    // a single correct completion: sigma floored, z = 0 -> 0.7; all wrong -> zeros
    assertThat(slice(always, 5)).containsExactly(new double[] {0, 0.7, 0, 0}, within(TOL));
    assertThat(slice(always, 2)).containsExactly(0, 0, 0, 0);
    double[] a = on.advantages(batch, always).get(0).advantages();
    assertThat(slice(a, 5)).containsExactly(
        new double[] {-0.4998571836618109, 1.4995715509854326, -0.4998571836618109, -0.4998571836618109}, within(1e-9));
    assertThat(on.metrics()).containsEntry("variant/penalized_groups", 1.0);
  }

  @Test
  void additiveFormSubtractsLambdaPerTokenFromEveryCompletion() {
    ScoredBatch batch = sixGroups();
    double[] r = LengthPenalty.additive(0.01).create(GrpoConfig.defaults()).shape(batch);
    assertThat(slice(r, 0)).containsExactly(new double[] {0.9, 0.86, -0.07, -0.07}, within(TOL));
    assertThat(slice(r, 2)).containsExactly(new double[] {-0.07, -0.07, -0.07, -0.07}, within(TOL));
    assertThat(slice(r, 4)).containsExactly(new double[] {0.88, 0.88, 0.88, 0.88}, within(TOL));
    assertThat(batch.rewards()[0]).as("the batch's rewards are not modified").isEqualTo(1.0);
  }

  @Test
  void yamlBindsWithDefaultsAndBadValuesNameTheirPlace() {
    String yaml = LmVariantRunsTest.TINY.replace("variant: {type: grpo}", "variant: {type: grpo-lambda, lambda: 0.25}");
    ExperimentSpec spec = ExperimentSpecs.read(yaml);
    assertThat(((GrpoConfig) spec.algo()).variant()).isEqualTo(new GrpoLambda(0.25, 0.6, 1e-4));
    assertThat(ExperimentSpecs.fromTree(ExperimentSpecs.toJsonTree(spec), "round trip")).isEqualTo(spec);
    for (String[] bad : List.of(
        new String[] {"{type: grpo-lambda, lambda: 0}", "algo.variant.lambda"},
        new String[] {"{type: grpo-lambda, lambda: 1.5}", "algo.variant.lambda"},
        new String[] {"{type: grpo-lambda, alpha: -1}", "algo.variant.alpha"},
        new String[] {"{type: grpo-lambda, stdFloor: 0}", "algo.variant.stdFloor"},
        new String[] {"{type: length-penalty, form: linear}", "algo.variant.form"},
        new String[] {"{type: length-penalty, alpha: -0.1}", "algo.variant.alpha"},
        new String[] {"{type: grpo-lambda, lamda: 0.2}", "algo.variant.lamda"})) {
      assertThatThrownBy(() -> ExperimentSpecs.read(LmVariantRunsTest.TINY.replace("variant: {type: grpo}", "variant: " + bad[0])))
          .as(bad[0]).isInstanceOf(UserInputException.class).hasMessageContaining(bad[1]);
    }
  }

  static double[] slice(double[] rows, int group) {
    double[] out = new double[4];
    System.arraycopy(rows, group * 4, out, 0, 4);
    return out;
  }
}
