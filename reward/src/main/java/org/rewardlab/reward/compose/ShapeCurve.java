package org.rewardlab.reward.compose;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.rewardlab.core.reward.RewardFn;

/**
 * A parameterizable curve f(x) of an operand's total x, as one term (Lucy-SKG's reward shapes,
 * arXiv 2305.15801; Shop-R1's thresholded similarity). The curves are the static factories below.
 * One term; the operand's own terms are not logged. Use one instance per thread.
 *
 * @param <X> what is scored
 */
public final class ShapeCurve<X> implements CompositeReward<X> {
  private final Operand<X> operand;
  private final DoubleUnaryOperator curve;
  private final List<String> names;

  /**
   * @param name the term name
   * @param operand the shaped value x
   * @param curve f
   */
  public ShapeCurve(String name, RewardFn<X> operand, DoubleUnaryOperator curve) {
    this.operand = new Operand<>(operand);
    this.curve = curve;
    this.names = List.of(name);
  }

  /**
   * Lucy-SKG's parameterized distance reward (eq. 3): (exp(−0.5·d/(c·w_dis)))^{1/w_den} with
   * d = max(x, 0), computed as exp(−0.5·d/(c·w_dis·w_den)). In (0, 1], 1 at d = 0; the dispersion
   * w_dis widens the curve, a density w_den &lt; 1 sharpens it and &gt; 1 flattens it.
   *
   * @param scale c, the distance normalizer, &gt; 0
   * @param dispersion w_dis &gt; 0
   * @param density w_den &gt; 0
   */
  public static DoubleUnaryOperator distance(double scale, double dispersion, double density) {
    positive(scale, "scale");
    positive(dispersion, "dispersion");
    positive(density, "density");
    double rate = 0.5 / (scale * dispersion * density);
    return x -> Math.exp(-rate * Math.max(x, 0.0));
  }

  /** sqrt(max(x, 0)/scale) (Lucy-SKG's boost utility, scale 100). */
  public static DoubleUnaryOperator sqrt(double scale) {
    positive(scale, "scale");
    return x -> Math.sqrt(Math.max(x, 0.0) / scale);
  }

  /** x/scale. */
  public static DoubleUnaryOperator linear(double scale) {
    positive(scale, "scale");
    return x -> x / scale;
  }

  /** x when x ≥ at, else 0 (Shop-R1 counts a ROUGE-L similarity only from 0.75). */
  public static DoubleUnaryOperator threshold(double at) {
    if (!Double.isFinite(at)) throw new IllegalArgumentException("threshold needs a finite at, got " + at);
    return x -> x >= at || Double.isNaN(x) ? x : 0.0;
  }

  private static void positive(double v, String what) {
    if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(what + " must be finite and > 0, got " + v);
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public List<RewardFn<X>> children() {
    return List.of(operand.fn);
  }

  @Override
  public double evaluate(X x, double[] termsOut) {
    double r = curve.applyAsDouble(operand.value(x));
    termsOut[0] = r;
    return r;
  }

  @Override
  public void reset() {
    operand.fn.reset();
  }
}
