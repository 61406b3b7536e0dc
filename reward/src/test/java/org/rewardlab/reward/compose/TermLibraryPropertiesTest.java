package org.rewardlab.reward.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.wrappers.RunningMeanStd;

/**
 * The defining properties of the generic composites, on random inputs: what each formula promises
 * (bounds, monotonicity, telescoping, domination), that the logged terms add up to the total, and
 * that every term is finite for finite inputs.
 */
class TermLibraryPropertiesTest {

  private static void assertAddsUpAndFinite(double[] terms, int n, double total) {
    for (int i = 0; i < n; i++) assertThat(Double.isFinite(terms[i])).as("term %d = %s", i, terms[i]).isTrue();
    assertThat(Double.isFinite(total)).isTrue();
    assertThat(Vec.sum(terms, n)).isCloseTo(total, within(1e-9 * (1 + Math.abs(total))));
  }

  @Provide
  Arbitrary<List<Double>> penaltyValues() {
    return Arbitraries.doubles().between(-0.5, 1.5).list().ofMinSize(0).ofMaxSize(5);
  }

  // ------------------------------------------------------------ product (CaRL)

  @Property(tries = 300)
  void productIsTheBaseTimesEachRemainingFactor(
      @ForAll @DoubleRange(min = -100, max = 100) double progress,
      @ForAll @DoubleRange(min = -10, max = 10) double bonus,
      @ForAll("penaltyValues") List<Double> p,
      @ForAll boolean hard,
      @ForAll @DoubleRange(min = 0, max = 5) double hint) {
    // v = [progress, bonus, p_1..p_n, hard]; the base reward has two terms, progress and bonus
    int n = p.size();
    double[] v = new double[n + 3];
    v[0] = progress;
    v[1] = bonus;
    List<RewardFn<Vec>> penalties = new ArrayList<>();
    List<String> names = new ArrayList<>();
    double factor = 1;
    for (int i = 0; i < n; i++) {
      v[i + 2] = p.get(i);
      penalties.add(Vec.leaf("p", i + 2));
      names.add("pen" + i);
      factor *= 1 - Math.min(Math.max(p.get(i), 0), 1);
    }
    v[n + 2] = hard ? 1 : 0;
    var fn = new MultiplicativePenalties<>(Vec.pair("progress", 0, "bonus", 1), penalties, names,
        List.of(Vec.leaf("collision", n + 2)), "terminal", hint);
    assertThat(fn.termNames()).hasSize(n + 3);
    double base = progress + bonus;
    double[] terms = new double[fn.termNames().size()];
    double total = fn.evaluate(new Vec(v, false), terms);
    assertThat(total).isCloseTo(base * factor - (hard ? hint : 0), within(1e-9 * (1 + Math.abs(base))));
    assertThat(fn.endsEpisode(new Vec(v, false))).isEqualTo(hard);
    assertAddsUpAndFinite(terms, terms.length, total);
    assertThat(terms[0]).isEqualTo(progress);
    assertThat(terms[n + 2]).isEqualTo(hard ? -hint : 0.0);
    // no penalty can take away more than there is, and none can add
    assertThat(Math.abs(total + (hard ? hint : 0))).isLessThanOrEqualTo(Math.abs(base) + 1e-12);
    for (int i = 0; i < n; i++) {
      assertThat(terms[2 + i] * base).as("penalty %d works against the base", i).isLessThanOrEqualTo(1e-12);
    }
  }

  @Property(tries = 200)
  void productIsMonotoneInEveryPenalty(
      @ForAll @DoubleRange(min = 0, max = 10) double progress,
      @ForAll @DoubleRange(min = 0, max = 1) double p1,
      @ForAll @DoubleRange(min = 0, max = 1) double p2,
      @ForAll @DoubleRange(min = 0, max = 1) double more) {
    var fn = new MultiplicativePenalties<>(Vec.leaf("progress", 0), List.of(Vec.leaf("a", 1), Vec.leaf("b", 2)),
        List.of("a", "b"), List.of(), "terminal", 0);
    double[] t = new double[3];
    double r = fn.evaluate(Vec.of(progress, p1, p2), t);
    double worse = fn.evaluate(Vec.of(progress, Math.min(1, p1 + more), p2), t);
    assertThat(worse).isLessThanOrEqualTo(r + 1e-12);
    assertThat(fn.evaluate(Vec.of(progress, 1, p2), t)).as("a full infraction leaves nothing").isEqualTo(0.0);
  }

  // ------------------------------------------------------------ gated accumulation (G-RA)

  @Provide
  Arbitrary<double[][]> episodes() {
    // T steps × 3 levels; values around the thresholds
    return Arbitraries.integers().between(1, 12).flatMap(t ->
        Arbitraries.doubles().between(-1, 1).ofScale(2).array(double[].class).ofSize(3)
            .array(double[][].class).ofSize(t));
  }

  @Property(tries = 300)
  void episodeGatesPayTheLowerLevelsOnlyWhenTheHigherSumsClear(
      @ForAll("episodes") double[][] steps,
      @ForAll @DoubleRange(min = -0.5, max = 0.5) double d1,
      @ForAll @DoubleRange(min = -0.5, max = 0.5) double d2) {
    var fn = new GatedAccumulation<>(List.of(Vec.leaf("outcome", 0), Vec.pair("format", 1, "tool", 1), Vec.leaf("critic", 2)),
        new double[] {d1, d2, 0}, true, Vec::last);
    double[] sums = new double[3];
    double ret = 0;
    double[] termSums = new double[4];
    double[] terms = new double[4];
    for (int t = 0; t < steps.length; t++) {
      boolean last = t == steps.length - 1;
      double r = fn.evaluate(new Vec(steps[t], last), terms);
      assertAddsUpAndFinite(terms, 4, r);
      if (!last) assertThat(terms[1] + terms[2] + terms[3]).as("deferred until the end").isZero();
      ret += r;
      for (int i = 0; i < 4; i++) termSums[i] += terms[i];
      for (int i = 0; i < 3; i++) sums[i] += steps[t][i];
    }
    boolean gate1 = sums[0] > d1;
    boolean gate2 = gate1 && sums[1] * 2 > d2; // level 2 is format + tool = 2·v[1]
    double expected = sums[0] + (gate1 ? 2 * sums[1] : 0) + (gate2 ? sums[2] : 0);
    assertThat(ret).isCloseTo(expected, within(1e-9));
    assertThat(termSums[0]).isCloseTo(sums[0], within(1e-9));
    // a fresh episode starts from nothing
    double r = fn.evaluate(Vec.last(0, 5, 5), terms);
    assertThat(r).isEqualTo(0.0 > d1 ? 10.0 + (10.0 > d2 ? 5.0 : 0) : 0.0);
  }

  @Property(tries = 300)
  void stepGatesFollowEachStepsValues(@ForAll @Size(3) List<@DoubleRange(min = -1, max = 1) Double> v) {
    var fn = new GatedAccumulation<>(List.of(Vec.leaf("format", 0), Vec.leaf("type", 1), Vec.leaf("detail", 2)),
        new double[] {0, 0.25, 0}, false, Vec::last);
    double[] terms = new double[3];
    double r = fn.evaluate(Vec.of(v.get(0), v.get(1), v.get(2)), terms);
    boolean g1 = v.get(0) > 0;
    boolean g2 = g1 && v.get(1) > 0.25;
    assertThat(r).isCloseTo(v.get(0) + (g1 ? v.get(1) : 0) + (g2 ? v.get(2) : 0), within(1e-12));
    assertAddsUpAndFinite(terms, 3, r);
  }

  // ------------------------------------------------------------ lexicographic priority

  @Provide
  Arbitrary<double[]> lexOutcomes() {
    // goal in [0, 2] (resolution 1), lava in [-5, 0] (resolution 1), time in [-50, 0]; off-range values get clipped
    return Arbitraries.doubles().between(-1, 3).ofScale(1).flatMap(g ->
        Arbitraries.doubles().between(-7, 1).ofScale(1).flatMap(l ->
            Arbitraries.doubles().between(-60, 5).ofScale(3).map(t -> new double[] {g, l, t})));
  }

  @Property(tries = 500)
  void theFirstDifferingLevelDecides(@ForAll("lexOutcomes") double[] x, @ForAll("lexOutcomes") double[] y) {
    double[] lo = {Double.NaN, -5, -50};
    double[] hi = {Double.NaN, 0, 0};
    double[] res = {1, 1, Double.NaN};
    var fn = new LexicographicPriority<>(List.of(Vec.leaf("goal", 0), Vec.leaf("lava", 1), Vec.leaf("time", 2)),
        List.of("goal", "lava", "time"), lo, hi, res);
    double[] terms = new double[3];
    double rx = fn.evaluate(new Vec(x, false), terms);
    assertAddsUpAndFinite(terms, 3, rx);
    double ry = fn.evaluate(new Vec(y, false), terms);
    int lex = 0;
    for (int i = 0; i < 3 && lex == 0; i++) lex = Double.compare(fn.level(i, x[i]), fn.level(i, y[i]));
    assertThat(Integer.signum(Double.compare(rx, ry))).as("r(x)=%s r(y)=%s", rx, ry).isEqualTo(lex);
  }

  @Property(tries = 100)
  void aStepOfOneResolutionOutweighsEverythingBelow(
      @ForAll @DoubleRange(min = 0.01, max = 10) double res1,
      @ForAll @DoubleRange(min = 0.01, max = 100) double range2,
      @ForAll @DoubleRange(min = 0.01, max = 100) double range3) {
    double[] c = LexicographicPriority.scales(new double[] {0, 0, 0}, new double[] {1, range2, range3}, new double[] {res1, 1, 1});
    assertThat(c[2]).isEqualTo(1.0);
    assertThat(c[1] * 1).isGreaterThan(c[2] * range3);
    assertThat(c[0] * res1).isGreaterThan(c[1] * range2 + c[2] * range3);
  }

  // ------------------------------------------------------------ PAR

  @Property(tries = 300)
  void parIsABoundedIncreasingFunctionOfTheCentredReward(
      @ForAll @DoubleRange(min = -1e3, max = 1e3) double r,
      @ForAll @DoubleRange(min = 0, max = 50) double dr,
      @ForAll @Size(min = 1, max = 10) List<@DoubleRange(min = -50, max = 50) Double> refs,
      @ForAll @DoubleRange(min = 0.01, max = 10) double k,
      @ForAll @DoubleRange(min = -100, max = 100) double shift) {
    double[] m = refs.stream().mapToDouble(Double::doubleValue).toArray();
    var fn = new PreferenceAsReward<>("par", Vec.pair("rm", 0, "len", 1), PreferenceAsReward.constant(m), k);
    double[] terms = new double[3];
    double a = fn.evaluate(Vec.of(r / 2, r / 2), terms);
    assertAddsUpAndFinite(terms, 3, a);
    assertThat(a).isBetween(0.0, 1.0);
    double b = fn.evaluate(Vec.of((r + dr) / 2, (r + dr) / 2), terms);
    assertThat(b).isGreaterThanOrEqualTo(a);
    double mean = 0;
    for (double ref : m) mean += 1 / (1 + Math.exp(-k * (r - ref)));
    assertThat(a).isCloseTo(mean / m.length, within(1e-12));
    double[] shifted = m.clone();
    for (int i = 0; i < shifted.length; i++) shifted[i] += shift;
    assertThat(PreferenceAsReward.par(r + shift, shifted, k)).as("centred: only r − r_ref matters").isCloseTo(a, within(1e-9));
  }

  // ------------------------------------------------------------ Clip and Delta

  @Provide
  Arbitrary<double[]> stepScores() {
    return Arbitraries.doubles().between(-1, 1).array(double[].class).ofMinSize(1).ofMaxSize(20);
  }

  /** Streams {@code steps} through a StepRefinement as one episode; returns the refined rewards. */
  private static double[] stream(boolean clip, boolean delta, double eta, double[] steps) {
    var fn = new StepRefinement<>("refine", Vec.leaf("prm", 0), clip, delta, eta, Vec::last);
    double[] out = new double[steps.length];
    double[] terms = new double[2];
    for (int t = 0; t < steps.length; t++) {
      out[t] = fn.evaluate(new Vec(new double[] {steps[t]}, t == steps.length - 1), terms);
      assertAddsUpAndFinite(terms, 2, out[t]);
    }
    return out;
  }

  @Property(tries = 300)
  void deltaTelescopesToTheFirstStepAndClipNeverPays(
      @ForAll("stepScores") double[] steps, @ForAll @DoubleRange(min = -1, max = 1) double eta) {
    double[] refined = new double[steps.length];
    assertThat(StepRefinement.refine(false, true, eta, steps, refined)).isCloseTo(steps[0], within(1e-9));
    assertThat(StepRefinement.refine(true, true, eta, steps, refined)).isCloseTo(Math.min(steps[0] - eta, 0), within(1e-9));
    StepRefinement.refine(true, false, eta, steps, refined);
    for (double v : refined) assertThat(v).isLessThanOrEqualTo(0.0);
    for (boolean clip : new boolean[] {false, true}) {
      for (boolean delta : new boolean[] {false, true}) {
        if (!clip && !delta) continue;
        double[] paper = new double[steps.length];
        double sum = StepRefinement.refine(clip, delta, eta, steps, paper);
        assertThat(StepRefinement.refinedSum(clip, delta, eta, steps)).isCloseTo(sum, within(1e-9));
        double[] streamed = stream(clip, delta, eta, steps);
        assertThat(Vec.sum(streamed, streamed.length)).as("streaming keeps the return").isCloseTo(sum, within(1e-9));
        if (delta) {
          // the streamed reward is the paper's, one step late (and r̃_K at the last step)
          for (int t = 1; t < steps.length - 1; t++) assertThat(streamed[t]).isCloseTo(paper[t - 1], within(1e-12));
        } else {
          assertThat(streamed).containsExactly(paper, within(1e-12));
        }
      }
    }
  }

  @Property(tries = 200)
  void repeatingStepsCannotRaiseTheRefinedReturn(
      @ForAll("stepScores") double[] steps, @ForAll @IntRange(min = 1, max = 10) int repeats,
      @ForAll @DoubleRange(min = -1, max = 1) double eta) {
    double[] longer = new double[steps.length + repeats];
    System.arraycopy(steps, 0, longer, 0, steps.length);
    for (int i = steps.length; i < longer.length; i++) longer[i] = steps[steps.length - 1]; // farm the last step
    assertThat(StepRefinement.refinedSum(true, false, eta, longer)).isLessThanOrEqualTo(StepRefinement.refinedSum(true, false, eta, steps) + 1e-12);
    assertThat(StepRefinement.refinedSum(false, true, eta, longer)).isCloseTo(StepRefinement.refinedSum(false, true, eta, steps), within(1e-9));
    // while the raw process reward grows with every repeated positive step
    double raw = 0;
    for (double v : longer) raw += v;
    double rawShort = 0;
    for (double v : steps) rawShort += v;
    assertThat(raw - rawShort).isCloseTo(repeats * steps[steps.length - 1], within(1e-9));
  }

  // ------------------------------------------------------------ KRC and shapes

  @Provide
  Arbitrary<double[]> krcTerms() {
    return Arbitraries.doubles().between(-2, 2).array(double[].class).ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 300)
  void krcIsASignedGeometricMean(@ForAll("krcTerms") double[] r, @ForAll @DoubleRange(min = 0.01, max = 100) double c) {
    double k = KinestheticCombination.combine(r);
    assertThat(Double.isFinite(k)).isTrue();
    boolean anyZero = false;
    boolean allPositive = true;
    double minAbs = Double.POSITIVE_INFINITY;
    double maxAbs = 0;
    for (double v : r) {
      anyZero |= v == 0;
      allPositive &= v > 0;
      minAbs = Math.min(minAbs, Math.abs(v));
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    if (anyZero) {
      assertThat(k).isZero();
      return;
    }
    assertThat(k > 0).isEqualTo(allPositive);
    assertThat(Math.abs(k)).isBetween(minAbs * (1 - 1e-12), maxAbs * (1 + 1e-12));
    double[] scaled = r.clone();
    for (int i = 0; i < scaled.length; i++) scaled[i] *= c;
    assertThat(KinestheticCombination.combine(scaled)).as("homogeneous of degree 1").isCloseTo(c * k, within(1e-9 * c * Math.abs(k) + 1e-300));
    double[] reversed = new double[r.length];
    for (int i = 0; i < r.length; i++) reversed[i] = r[r.length - 1 - i];
    assertThat(KinestheticCombination.combine(reversed)).isCloseTo(k, within(1e-12 * Math.abs(k)));
    double p = 1;
    for (double v : r) p *= Math.abs(v);
    assertThat(Math.abs(k)).isCloseTo(Math.pow(p, 1.0 / r.length), within(1e-9 * Math.abs(k)));
  }

  @Property(tries = 300)
  void distanceShapeIsLucySkgsCurve(
      @ForAll @DoubleRange(min = 0, max = 5000) double d,
      @ForAll @DoubleRange(min = 0, max = 1000) double dd,
      @ForAll @DoubleRange(min = 1, max = 5000) double scale,
      @ForAll @DoubleRange(min = 0.1, max = 5) double dispersion,
      @ForAll @DoubleRange(min = 0.1, max = 5) double density) {
    var f = ShapeCurve.distance(scale, dispersion, density);
    double v = f.applyAsDouble(d);
    assertThat(v).isCloseTo(Math.pow(Math.exp(-0.5 * d / (scale * dispersion)), 1 / density), within(1e-12));
    assertThat(v).isBetween(0.0, 1.0);
    assertThat(f.applyAsDouble(d + dd)).as("decreasing in distance").isLessThanOrEqualTo(v);
    assertThat(ShapeCurve.distance(scale, dispersion * 1.5, density).applyAsDouble(d)).as("dispersion widens").isGreaterThanOrEqualTo(v);
    assertThat(ShapeCurve.distance(scale, dispersion, density * 1.5).applyAsDouble(d)).as("density > 1 flattens").isGreaterThanOrEqualTo(v);
    assertThat(f.applyAsDouble(0)).isEqualTo(1.0);
  }

  @Property(tries = 200)
  void thresholdAndSqrtShapes(@ForAll @DoubleRange(min = -2, max = 2) double x, @ForAll @DoubleRange(min = -1, max = 1) double at) {
    double t = ShapeCurve.threshold(at).applyAsDouble(x);
    assertThat(t).isEqualTo(x >= at ? x : 0.0);
    double s = ShapeCurve.sqrt(100).applyAsDouble(x * 100);
    assertThat(s).isEqualTo(x > 0 ? Math.sqrt(x) : 0.0);
  }

  // ------------------------------------------------------------ difficulty scaling

  @Property(tries = 200)
  void difficultyScalesByTheFactorOnHardSamplesOnly(
      @ForAll @DoubleRange(min = -10, max = 10) double r,
      @ForAll @DoubleRange(min = -0.5, max = 1.5) double d,
      @ForAll @DoubleRange(min = 0, max = 2000) double factor) {
    var fn = new DifficultyScaled<>(Vec.pair("a", 0, "b", 0), Vec.leaf("difficulty", 1), factor);
    double[] terms = new double[2];
    double total = fn.evaluate(Vec.of(r, d), terms);
    double dc = Math.min(Math.max(d, 0), 1);
    assertThat(total).isCloseTo(2 * r * (1 + (factor - 1) * dc), within(1e-9 * (1 + Math.abs(total))));
    assertAddsUpAndFinite(terms, 2, total);
    if (d <= 0) assertThat(total).isEqualTo(2 * r);
  }

  // ------------------------------------------------------------ running normalization

  @Property(tries = 100)
  void normalizationFollowsGymnasiumsRunningMeanStdAndResumesExactly(
      @ForAll @Size(min = 2, max = 60) List<@DoubleRange(min = -100, max = 100) Double> rewards,
      @ForAll @IntRange(min = 0, max = 59) int cut,
      @ForAll boolean center) {
    Assume.that(cut < rewards.size());
    var fn = new RunningNormalized<>("normalize", Vec.leaf("r", 0), center, 1e-8, Double.NaN);
    RunningMeanStd ref = new RunningMeanStd(1);
    double[] terms = new double[2];
    double[] out = new double[rewards.size()];
    StateBuffer saved = null;
    for (int i = 0; i < rewards.size(); i++) {
      if (i == cut) {
        saved = new StateBuffer();
        fn.saveState(saved);
      }
      double r = rewards.get(i);
      out[i] = fn.evaluate(Vec.of(r), terms);
      assertAddsUpAndFinite(terms, 2, out[i]);
      ref.update(r);
      double expected = (center ? r - ref.mean(0) : r) / Math.sqrt(ref.var(0) + 1e-8);
      assertThat(out[i]).isEqualTo(expected);
    }
    var resumed = new RunningNormalized<>("normalize", Vec.leaf("r", 0), center, 1e-8, Double.NaN);
    resumed.loadState(StateBuffer.of(saved.toArray()));
    for (int i = cut; i < rewards.size(); i++) {
      assertThat(resumed.evaluate(Vec.of(rewards.get(i)), terms)).as("bit for bit after a resume").isEqualTo(out[i]);
    }
  }
}
