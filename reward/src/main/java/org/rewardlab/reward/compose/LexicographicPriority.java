package org.rewardlab.reward.compose;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.reward.RewardFn;

/**
 * Lexicographic priority as one scalar: the first level dominates the second, which dominates the
 * third, and so on; lower levels only break ties. Level i's operand x_i is clipped to [lo_i, hi_i]
 * (when given) and quantized to steps of its resolution ε_i (when given),
 * q_i = o_i + ⌊(x_i − o_i)/ε_i⌋·ε_i with o_i = lo_i (or 0 without a range), and
 *
 * <pre>
 *   r = Σ_i c_i·q_i,   c_m = 1,   c_i = 1 + S_i/ε_i,   S_i = Σ_{j&gt;i} c_j·(hi_j − lo_j).
 * </pre>
 *
 * A difference of one resolution in level i gives c_i·ε_i = ε_i + S_i, more than the largest
 * possible change of all the levels below (S_i). So comparing two outcomes by r compares them level
 * by level: the first level whose quantized values differ decides (HERON's hierarchy of reward
 * factors, reward-models §2; a safety level that must never trade against speed).
 *
 * <p>Terms: one per level, c_i·q_i, named by the caller; the operands' own terms are not logged.
 * Stateless apart from its operands; use one instance per thread.
 *
 * @param <X> what is scored
 */
public final class LexicographicPriority<X> implements CompositeReward<X> {
  private final List<Operand<X>> levels;
  private final List<RewardFn<X>> children;
  private final double[] lo;
  private final double[] hi;
  private final double[] resolution;
  private final double[] scale;
  private final List<String> names;

  /**
   * @param levels the operands, highest priority first
   * @param names their term names
   * @param lo lowest values (NaN: none; needed for every level but the first)
   * @param hi highest values (NaN: none; needed for every level but the first)
   * @param resolution quantization steps ε_i &gt; 0 (NaN: none; needed for every level but the last)
   */
  public LexicographicPriority(List<? extends RewardFn<X>> levels, List<String> names, double[] lo, double[] hi,
      double[] resolution) {
    int m = levels.size();
    if (m == 0 || names.size() != m || lo.length != m || hi.length != m || resolution.length != m) {
      throw new IllegalArgumentException("LexicographicPriority needs a name, lo, hi and resolution per level, at least one level");
    }
    for (int i = 0; i < m; i++) {
      if (i > 0 && !(lo[i] < hi[i])) {
        throw new IllegalArgumentException("level " + i + " needs lo < hi, got " + lo[i] + ", " + hi[i]);
      }
      if (i < m - 1 && !(resolution[i] > 0)) {
        throw new IllegalArgumentException("level " + i + " needs a resolution > 0, got " + resolution[i]);
      }
    }
    this.levels = levels.stream().map(l -> new Operand<X>(l)).toList();
    this.children = List.copyOf(levels);
    this.lo = lo.clone();
    this.hi = hi.clone();
    this.resolution = resolution.clone();
    this.scale = scales(lo, hi, resolution);
    this.names = List.copyOf(WeightedSum.uniqueNames(new ArrayList<>(names)));
  }

  /** The level weights c_i for these ranges and resolutions (c_m = 1, c_i = 1 + S_i/ε_i). */
  public static double[] scales(double[] lo, double[] hi, double[] resolution) {
    int m = lo.length;
    double[] c = new double[m];
    c[m - 1] = 1.0;
    double below = 0;
    for (int i = m - 2; i >= 0; i--) {
      below += c[i + 1] * (hi[i + 1] - lo[i + 1]);
      c[i] = 1.0 + below / resolution[i];
    }
    return c;
  }

  /** The level weights c_i (a copy). */
  public double[] scales() {
    return scale.clone();
  }

  /** Level i's value x after clipping and quantization, q_i. */
  public double level(int i, double x) {
    double v = x;
    boolean ranged = !Double.isNaN(lo[i]);
    if (ranged) v = Math.min(Math.max(v, lo[i]), hi[i]);
    if (!Double.isNaN(resolution[i])) {
      double origin = ranged ? lo[i] : 0.0;
      v = origin + Math.floor((v - origin) / resolution[i]) * resolution[i];
    }
    return v;
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public List<RewardFn<X>> children() {
    return children;
  }

  @Override
  public double evaluate(X x, double[] termsOut) {
    double total = 0;
    for (int i = 0; i < scale.length; i++) {
      double t = scale[i] * level(i, levels.get(i).value(x));
      termsOut[i] = t;
      total += t;
    }
    return total;
  }

  @Override
  public void reset() {
    for (RewardFn<X> c : children) c.reset();
  }
}
