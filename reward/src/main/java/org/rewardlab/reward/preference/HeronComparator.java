package org.rewardlab.reward.preference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.rewardlab.core.random.RandomSource;

/**
 * HERON's hierarchical comparator (Bukharin et al. 2023; RM §2, code {@code abukharin3/HERON}
 * {@code heron.py}): the designer ranks reward factors f_1..f_k by importance instead of weighting
 * them. Two items are compared on the most important factor; if the signed difference exceeds that
 * level's margin δ_l the factor decides, otherwise the next factor is tried:
 *
 * <pre>
 *   for l = 1..k:  if g_l f_l(a) > g_l f_l(b) + δ_l → a ≻ b;  elif g_l f_l(b) > g_l f_l(a) + δ_l → b ≻ a
 *   no level decides → tie (HERON drops the pair)
 * </pre>
 *
 * with g_l = ±1 (larger is better or smaller is better). HERON sets δ_l = σ_l · std of factor l over
 * the current buffer ({@link #withStdMargins}). Deterministic: the stream is not used.
 *
 * <p>Immutable; thread-safe if the factors are.
 *
 * @param <T> what is compared
 */
public final class HeronComparator<T> implements PairLabeller<T> {
  /**
   * One level of the hierarchy.
   *
   * @param name the factor's name (for reports)
   * @param value f_l
   * @param largerIsBetter g_l = +1 when true, −1 otherwise
   * @param margin δ_l ≥ 0
   */
  public record Factor<T>(String name, ToDoubleFunction<T> value, boolean largerIsBetter, double margin) {
    public Factor {
      if (value == null) throw new IllegalArgumentException("a HERON factor needs a value function");
      if (!(margin >= 0) || Double.isInfinite(margin)) {
        throw new IllegalArgumentException("a HERON margin must be finite and >= 0, got " + margin);
      }
    }

    Factor<T> withMargin(double m) {
      return new Factor<>(name, value, largerIsBetter, m);
    }
  }

  private final List<Factor<T>> levels;

  /** @param levels the factors, most important first */
  public HeronComparator(List<Factor<T>> levels) {
    if (levels.isEmpty()) throw new IllegalArgumentException("HERON needs at least one factor");
    this.levels = List.copyOf(levels);
  }

  /**
   * HERON's margins: δ_l = multipliers[l] · std of factor l over {@code buffer} (population std), the
   * factors' own margins ignored.
   */
  public static <T> HeronComparator<T> withStdMargins(List<Factor<T>> levels, double[] multipliers, List<T> buffer) {
    if (multipliers.length != levels.size()) {
      throw new IllegalArgumentException("need one margin multiplier per factor (" + levels.size() + "), got "
          + multipliers.length);
    }
    List<Factor<T>> out = new ArrayList<>();
    for (int l = 0; l < levels.size(); l++) {
      double mean = 0;
      for (T x : buffer) mean += levels.get(l).value().applyAsDouble(x);
      mean /= Math.max(1, buffer.size());
      double var = 0;
      for (T x : buffer) {
        double d = levels.get(l).value().applyAsDouble(x) - mean;
        var += d * d;
      }
      double std = Math.sqrt(var / Math.max(1, buffer.size()));
      out.add(levels.get(l).withMargin(multipliers[l] * std));
    }
    return new HeronComparator<>(out);
  }

  /** The factors, most important first. */
  public List<Factor<T>> levels() {
    return levels;
  }

  /** The 0-based level that decides (a, b), or −1 when none does. */
  public int decidingLevel(T a, T b) {
    for (int l = 0; l < levels.size(); l++) {
      if (compareAt(l, a, b) != 0) return l;
    }
    return -1;
  }

  private int compareAt(int l, T a, T b) {
    Factor<T> f = levels.get(l);
    double g = f.largerIsBetter() ? 1 : -1;
    double fa = g * f.value().applyAsDouble(a);
    double fb = g * f.value().applyAsDouble(b);
    if (fa > fb + f.margin()) return 1;
    if (fb > fa + f.margin()) return -1;
    return 0;
  }

  @Override
  public Label label(T a, T b, RandomSource rng) {
    for (int l = 0; l < levels.size(); l++) {
      int c = compareAt(l, a, b);
      if (c > 0) return new Label(Label.Outcome.FIRST, 1);
      if (c < 0) return new Label(Label.Outcome.SECOND, 0);
    }
    return new Label(Label.Outcome.TIE, 0.5);
  }
}
