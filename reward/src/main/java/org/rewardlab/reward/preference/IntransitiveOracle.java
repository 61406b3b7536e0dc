package org.rewardlab.reward.preference;

import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import org.rewardlab.core.random.RandomSource;

/**
 * An annotator whose preferences need not be transitive (the setting of DNO, PO §14): items fall into
 * K ≥ 3 classes arranged in a cycle (class k beats class k+1 mod K, as rock beats scissors), on top of a
 * gold reward u:
 *
 * <pre>
 *   P(a ≻ b) = σ(β (u(a) − u(b)) + κ C(k(a), k(b))),  C(i, j) = +1 if j ≡ i+1, −1 if i ≡ j+1 (mod K), else 0
 * </pre>
 *
 * With κ = 0 it is a Bradley–Terry labeller; once κ outweighs the reward gaps, P(A ≻ B), P(B ≻ C) and
 * P(C ≻ A) all exceed ½ for items of three consecutive classes and no reward function explains the
 * labels. P(a ≻ b) + P(b ≻ a) = 1 always.
 *
 * <p>Immutable; thread-safe if u and k are.
 *
 * @param <T> what is compared
 */
public final class IntransitiveOracle<T> implements PairLabeller<T> {
  private final ToDoubleFunction<T> gold;
  private final ToIntFunction<T> cls;
  private final int classes;
  private final double beta;
  private final double kappa;

  /**
   * @param gold the gold reward u
   * @param cls the class k(·) of an item, in 0..classes−1
   * @param classes K ≥ 3
   * @param beta β ≥ 0, finite
   * @param kappa κ ≥ 0, finite: the strength of the cycle
   */
  public IntransitiveOracle(ToDoubleFunction<T> gold, ToIntFunction<T> cls, int classes, double beta, double kappa) {
    if (classes < 3) throw new IllegalArgumentException("a preference cycle needs at least 3 classes, got " + classes);
    if (!(beta >= 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("β must be finite and >= 0");
    if (!(kappa >= 0) || Double.isInfinite(kappa)) throw new IllegalArgumentException("κ must be finite and >= 0");
    this.gold = gold;
    this.cls = cls;
    this.classes = classes;
    this.beta = beta;
    this.kappa = kappa;
  }

  /** C(i, j): +1 when class i beats class j in the cycle, −1 when j beats i, else 0. */
  public int cycle(int i, int j) {
    if (Math.floorMod(i + 1, classes) == j) return 1;
    if (Math.floorMod(j + 1, classes) == i) return -1;
    return 0;
  }

  /** P(a ≻ b). */
  public double probability(T a, T b) {
    int ka = classOf(a);
    int kb = classOf(b);
    return Sigmoid.of(beta * (gold.applyAsDouble(a) - gold.applyAsDouble(b)) + kappa * cycle(ka, kb));
  }

  private int classOf(T x) {
    int k = cls.applyAsInt(x);
    if (k < 0 || k >= classes) throw new IllegalArgumentException("class " + k + " is outside 0.." + (classes - 1));
    return k;
  }

  @Override
  public Label label(T a, T b, RandomSource rng) {
    double p = probability(a, b);
    return new Label(rng.nextDouble() < p ? Label.Outcome.FIRST : Label.Outcome.SECOND, p);
  }
}
