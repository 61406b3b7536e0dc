package org.rewardlab.reward.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.rewardlab.core.reward.ScoredCompletion;

/** The per-completion terms on random lengths, group statistics and reward-model scores. */
class CompletionTermsPropertiesTest {

  @Property(tries = 500)
  void overlongIsAContinuousRampFromZeroToMinusTheFactor(
      @ForAll @IntRange(min = 0, max = 3000) int length,
      @ForAll @IntRange(min = 0, max = 100) int more,
      @ForAll @IntRange(min = 1, max = 2048) int maxLength,
      @ForAll @IntRange(min = 1, max = 2048) int cache,
      @ForAll @DoubleRange(min = 0, max = 3) double factor) {
    Assume.that(cache <= maxLength);
    var fn = new OverlongPenalty("overlong", maxLength, cache, factor);
    double r = fn.evaluate(SimpleCompletion.of(length, true, true, 0), new double[1]);
    assertThat(r).isBetween(-factor, 0.0);
    assertThat(fn.evaluate(SimpleCompletion.of(length + more, true, true, 0), new double[1])).as("non-increasing in L").isLessThanOrEqualTo(r);
    // DAPO eq. 13
    double expected = length <= maxLength - cache ? 0 : length <= maxLength ? ((maxLength - cache) - length) / (double) cache : -1;
    assertThat(r).isCloseTo(factor * expected, within(1e-12));
    // continuous: one token changes it by at most factor/cache, except beyond the limit where it stays -factor
    double next = fn.evaluate(SimpleCompletion.of(length + 1, true, true, 0), new double[1]);
    assertThat(r - next).isLessThanOrEqualTo(factor / cache + 1e-12);
  }

  private static ScoredCompletion grouped(int length, boolean correct, double mean, double std, double top) {
    return SimpleCompletion.of(length, correct, true, correct ? 1 : 0)
        .with("group.correct_length_mean", mean).with("group.correct_length_std", std).with("group.efficiency_first", top);
  }

  @Property(tries = 500)
  void lengthSwitchPenalizesOnlyCorrectAnswersOfEfficiencyFirstGroups(
      @ForAll @IntRange(min = 0, max = 2000) int length,
      @ForAll @IntRange(min = 1, max = 200) int more,
      @ForAll boolean correct,
      @ForAll boolean top,
      @ForAll @DoubleRange(min = 0, max = 2000) double mean,
      @ForAll @DoubleRange(min = 0, max = 500) double std,
      @ForAll @DoubleRange(min = 0, max = 1) double alpha) {
    var fn = new CorrectnessSwitchedLengthPenalty("length_switch", alpha, 1e-4, "group.correct_length_mean",
        "group.correct_length_std", "group.efficiency_first");
    double r = fn.evaluate(grouped(length, correct, mean, std, top ? 1 : 0), new double[1]);
    assertThat(Double.isFinite(r)).isTrue();
    if (!correct || !top) {
      assertThat(r).isZero();
      return;
    }
    assertThat(r).isBetween(-alpha, 0.0);
    double longer = fn.evaluate(grouped(length + more, true, mean, std, 1), new double[1]);
    assertThat(longer).as("longer correct answers are penalized more").isLessThanOrEqualTo(r);
    assertThat(r).isCloseTo(-alpha / (1 + Math.exp(-(length - mean) / Math.max(std, 1e-4))), within(1e-12));
  }

  @Property(tries = 500)
  void concisenessIsPaidOnlyOnCorrectAnswersAndGrowsWithConciseness(
      @ForAll boolean correct,
      @ForAll @DoubleRange(min = -1, max = 2) double c,
      @ForAll @DoubleRange(min = 0, max = 0.5) double dc,
      @ForAll @DoubleRange(min = 0, max = 1) double progress,
      @ForAll @DoubleRange(min = 0, max = 1) double accuracy,
      @ForAll @DoubleRange(min = 0, max = 2) double alpha) {
    var fn = new ConcisenessBonus("conciseness", alpha, "conciseness", "train.progress", ConcisenessBonus.Schedule.COSINE, "group.accuracy");
    ScoredCompletion x = SimpleCompletion.of(10, correct, true, 0).with("conciseness", c)
        .with("train.progress", progress).with("group.accuracy", accuracy);
    double r = fn.evaluate(x, new double[1]);
    if (!correct) {
      assertThat(r).isZero();
      return;
    }
    assertThat(r).isBetween(0.0, 2 * alpha);
    ScoredCompletion more = SimpleCompletion.of(10, true, true, 0).with("conciseness", c + dc)
        .with("train.progress", progress).with("group.accuracy", accuracy);
    assertThat(fn.evaluate(more, new double[1])).isGreaterThanOrEqualTo(r);
    double s = ConcisenessBonus.anneal(ConcisenessBonus.Schedule.COSINE, progress);
    assertThat(s).isBetween(0.0, 1.0);
    assertThat(r).isCloseTo(alpha * Math.min(Math.max(c, 0.1), 1) * (s + 1 - accuracy), within(1e-12));
  }

  @Property(tries = 200)
  void annealingFallsFromOneToZero(@ForAll @DoubleRange(min = 0, max = 1) double p, @ForAll @DoubleRange(min = 0, max = 1) double dp) {
    for (var schedule : new ConcisenessBonus.Schedule[] {ConcisenessBonus.Schedule.COSINE, ConcisenessBonus.Schedule.LINEAR}) {
      assertThat(ConcisenessBonus.anneal(schedule, 0)).isEqualTo(1.0);
      assertThat(ConcisenessBonus.anneal(schedule, 1)).isCloseTo(0.0, within(1e-15));
      assertThat(ConcisenessBonus.anneal(schedule, Math.min(1, p + dp))).isLessThanOrEqualTo(ConcisenessBonus.anneal(schedule, p));
    }
  }

  @Property(tries = 300)
  void linearLengthPenaltyIsZeroWithinTheBudget(
      @ForAll @IntRange(min = 0, max = 1000) int length, @ForAll @IntRange(min = 0, max = 500) int free,
      @ForAll @DoubleRange(min = 0, max = 1) double coef) {
    double r = new LinearLengthPenalty("len", coef, free).evaluate(SimpleCompletion.of(length, true, true, 0), new double[1]);
    assertThat(r).isCloseTo(length <= free ? 0 : -coef * (length - free), within(1e-12));
  }

  @Property(tries = 300)
  void pageItemIsThePagePlusLambdaTimesTheItems(
      @ForAll @DoubleRange(min = -5, max = 5) double page,
      @ForAll java.util.List<@DoubleRange(min = -2, max = 2) Double> items,
      @ForAll @DoubleRange(min = 0, max = 3) double lambda) {
    double[] v = items.stream().mapToDouble(Double::doubleValue).toArray();
    var fn = new PageItemReward("page_item", "page", "items", lambda);
    double[] terms = new double[2];
    double r = fn.evaluate(SimpleCompletion.of(10, true, true, 0).with("page", page).withSequence("items", v), terms);
    double sum = 0;
    for (double x : v) sum += x;
    assertThat(terms[0]).isEqualTo(page);
    assertThat(terms[1]).isCloseTo(lambda * sum, within(1e-12));
    assertThat(r).isEqualTo(terms[0] + terms[1]);
    assertThat(Double.isFinite(r)).isTrue();
  }
}
