package org.rewardlab.envs.text;

import org.rewardlab.core.random.RandomSource;

/**
 * A Bradley–Terry labeller over a task's gold scores: it prefers response a to b with probability
 *
 * <pre>
 *   P(a ≻ b) = σ(s · (u(a) − u(b)))
 * </pre>
 *
 * where u is the verdict's score ({@link Verdict#score()}: the gold utility for T-PREF, the table
 * reward for T-BANDIT) and s the scale. Labels are random and drawn from the caller's stream only.
 *
 * <p>Immutable and thread-safe.
 */
public final class BradleyTerryOracle {
  private final double scale;

  /** @param scale s &gt; 0; s → ∞ labels by the larger utility, s → 0 by a coin */
  public BradleyTerryOracle(double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("the Bradley–Terry scale must be positive and finite, got " + scale);
    }
    this.scale = scale;
  }

  /** The scale s. */
  public double scale() {
    return scale;
  }

  /** P(a ≻ b) = σ(s · (u(a) − u(b))) for responses {@code a}, {@code b} to {@code problem}. */
  public double probability(Problem problem, String a, String b) {
    return sigmoid(scale * (problem.verify(a).score() - problem.verify(b).score()));
  }

  /** Labels the pair: {@code a} is chosen with probability {@link #probability}(a, b), else {@code b}. */
  public LabeledPair label(Problem problem, String a, String b, RandomSource rng) {
    double p = probability(problem, a, b);
    return rng.nextDouble() < p ? new LabeledPair(problem, a, b, p) : new LabeledPair(problem, b, a, 1 - p);
  }

  /** σ(x) = 1 / (1 + e^−x), computed without overflow. */
  public static double sigmoid(double x) {
    if (x >= 0) return 1 / (1 + Math.exp(-x));
    double e = Math.exp(x);
    return e / (1 + e);
  }

  @Override
  public String toString() {
    return "BradleyTerryOracle(scale " + scale + ")";
  }
}
