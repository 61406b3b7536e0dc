package org.rewardlab.reward.preference;

import java.util.function.ToDoubleFunction;
import org.rewardlab.core.random.RandomSource;

/**
 * A Boltzmann-rational annotator over a gold reward u, with label noise: it prefers a to b with
 *
 * <pre>
 *   P(a ≻ b) = (1 − ε) σ(β (u(a) − u(b))) + ε σ(−β (u(a) − u(b)))
 * </pre>
 *
 * i.e. a Bradley–Terry choice with rationality β, then a flip with probability ε (the mistake rate of
 * Christiano et al. 2017's synthetic labeller, and of the imitation library's
 * {@code SyntheticGatherer}). β = ∞ chooses the larger u; pairs with |u(a) − u(b)| ≤ tieThreshold
 * are labelled a tie (no preference) before any draw.
 *
 * <p>Immutable; thread-safe if u is.
 *
 * @param <T> what is compared
 */
public final class BoltzmannLabeller<T> implements PairLabeller<T> {
  private final ToDoubleFunction<T> gold;
  private final double beta;
  private final double flipRate;
  private final double tieThreshold;

  /**
   * @param gold the gold reward u
   * @param beta rationality β &gt; 0 (may be +∞)
   * @param flipRate ε in [0, 0.5]
   * @param tieThreshold gaps at or below this are ties (≥ 0; 0 labels only exact equality a tie, and
   *     -1 never gives a tie)
   */
  public BoltzmannLabeller(ToDoubleFunction<T> gold, double beta, double flipRate, double tieThreshold) {
    if (gold == null) throw new IllegalArgumentException("a Boltzmann labeller needs a gold reward");
    if (!(beta > 0)) throw new IllegalArgumentException("β must be > 0 (or +∞), got " + beta);
    if (!(flipRate >= 0 && flipRate <= 0.5)) throw new IllegalArgumentException("ε must be in [0, 0.5], got " + flipRate);
    if (Double.isNaN(tieThreshold)) throw new IllegalArgumentException("tieThreshold is NaN");
    this.gold = gold;
    this.beta = beta;
    this.flipRate = flipRate;
    this.tieThreshold = tieThreshold;
  }

  /** β-rational without noise and without ties. */
  public static <T> BoltzmannLabeller<T> of(ToDoubleFunction<T> gold, double beta) {
    return new BoltzmannLabeller<>(gold, beta, 0, -1);
  }

  /** P(a ≻ b) (before the tie rule). */
  public double probability(T a, T b) {
    double d = gold.applyAsDouble(a) - gold.applyAsDouble(b);
    double p;
    if (Double.isInfinite(beta)) {
      p = d > 0 ? 1 : d < 0 ? 0 : 0.5;
    } else {
      p = Sigmoid.of(beta * d);
    }
    return (1 - flipRate) * p + flipRate * (1 - p);
  }

  @Override
  public Label label(T a, T b, RandomSource rng) {
    double d = gold.applyAsDouble(a) - gold.applyAsDouble(b);
    if (Math.abs(d) <= tieThreshold) return new Label(Label.Outcome.TIE, 0.5);
    double p = probability(a, b);
    boolean first = rng.nextDouble() < p;
    return new Label(first ? Label.Outcome.FIRST : Label.Outcome.SECOND, p);
  }

  public double beta() {
    return beta;
  }

  public double flipRate() {
    return flipRate;
  }
}
