package org.rewardlab.reward.compare;

import java.util.Arrays;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * EPIC's Pearson distance (Gleave et al., ICLR 2021, Def. 4.4; evaluating-rewards
 * {@code tabular.pearson_distance}): D = sqrt((1 − ρ)/2), ρ the Pearson correlation of the canonical
 * rewards C(R1), C(R2) over a coverage distribution D of transitions (s, a, s'). Computed as
 * ½‖ẑ1 − ẑ2‖₂ with ẑ = √D·(C − E_D C)/σ_D(C), the centred, unit-variance canonical reward, which
 * equals sqrt((1 − ρ_D)/2); a canonical reward with (relatively) zero variance embeds as 0, so the
 * distance stays defined (½ to any non-constant reward, 0 between two such). Range [0, 1]. With
 * {@link EpicCanonicalization} this is EPIC, with {@link DardCanonicalization} DARD.
 *
 * <p>{@code coverage} null means uniform over all (s, a, s') (EPIC's tabular default, and the numbers
 * this class always gave); a given D — e.g. {@link Coverage#transitions} D_S(s)·D_A(a)·τ(s'|s,a), or
 * one read from a file — weights the mean, the variances and the covariance. Immutable and thread-safe.
 *
 * @param canonicalization the canonical shaping removed before correlating
 * @param coverage D, flat {@code [s][a][s']}, ≥ 0, summing to 1; or {@code null} for uniform
 */
public record PearsonDistance(Canonicalization canonicalization, double[] coverage) implements RewardMetric {
  public PearsonDistance {
    if (canonicalization == null) {
      throw new IllegalArgumentException("a Pearson distance needs a canonicalization, e.g. EpicCanonicalization.INSTANCE");
    }
    if (coverage != null) {
      coverage = coverage.clone();
      double sum = 0;
      for (double d : coverage) {
        if (!(d >= 0) || Double.isInfinite(d)) {
          throw new IllegalArgumentException("coverage entries must be finite and >= 0, got " + d);
        }
        sum += d;
      }
      if (Math.abs(sum - 1) > Coverage.SUM_TOLERANCE) {
        throw new IllegalArgumentException("coverage sums to " + sum + "; normalise it to sum to 1");
      }
    }
  }

  /** Uniform coverage over all (s, a, s'). */
  public PearsonDistance(Canonicalization canonicalization) {
    this(canonicalization, null);
  }

  /** EPIC: EPIC canonicalisation (uniform D_S, D_A) + Pearson distance under uniform coverage. */
  public static PearsonDistance epic() {
    return new PearsonDistance(EpicCanonicalization.INSTANCE);
  }

  /** DARD: DARD canonicalisation + Pearson distance under uniform coverage. */
  public static PearsonDistance dard() {
    return new PearsonDistance(DardCanonicalization.INSTANCE);
  }

  @Override
  public double[] coverage() {
    return coverage == null ? null : coverage.clone();
  }

  @Override
  public String name() {
    return canonicalization.name();
  }

  @Override
  public double[] embed(TabularMdp mdp, TabularReward reward) {
    double[] c = canonicalization.canonicalize(mdp, reward).values();
    if (coverage == null) {
      return embedUniform(c, reward);
    }
    if (coverage.length != c.length) {
      throw new IllegalArgumentException("coverage has " + coverage.length + " entries for a reward of " + c.length);
    }
    double mean = 0;
    for (int i = 0; i < c.length; i++) {
      mean += coverage[i] * c[i];
    }
    double ss = 0;
    double rr = 0;
    double[] r = reward.values();
    for (int i = 0; i < c.length; i++) {
      c[i] -= mean;
      ss += coverage[i] * c[i] * c[i];
      rr += coverage[i] * r[i] * r[i];
    }
    double sd = Math.sqrt(ss);
    if (!(sd > RewardDistance.ZERO_RELATIVE * Math.sqrt(rr))) {
      return new double[c.length];
    }
    for (int i = 0; i < c.length; i++) {
      c[i] *= Math.sqrt(coverage[i]) / sd;
    }
    return c;
  }

  private static double[] embedUniform(double[] c, TabularReward reward) {
    double mean = 0;
    for (double v : c) {
      mean += v;
    }
    mean /= c.length;
    double ss = 0;
    for (int i = 0; i < c.length; i++) {
      c[i] -= mean;
      ss += c[i] * c[i];
    }
    double norm = Math.sqrt(ss);
    double reference = Norm.L2.of(reward.values());
    if (!(norm > RewardDistance.ZERO_RELATIVE * reference)) {
      return new double[c.length];
    }
    for (int i = 0; i < c.length; i++) {
      c[i] /= norm;
    }
    return c;
  }

  @Override
  public double between(double[] x, double[] y) {
    return 0.5 * Norm.L2.distance(x, y);
  }

  /** sqrt((1 − ρ)/2) for two equally long samples, straight from the correlation (for checks). */
  public static double fromCorrelation(double[] x, double[] y) {
    return Math.sqrt(Math.max(0, (1 - Correlation.pearson(x, y)) / 2));
  }

  /** sqrt((1 − ρ_D)/2) with ρ_D the correlation under weights {@code d} summing to 1 (for checks). */
  public static double fromCorrelation(double[] x, double[] y, double[] d) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += d[i] * x[i];
      my += d[i] * y[i];
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += d[i] * (x[i] - mx) * (y[i] - my);
      sxx += d[i] * (x[i] - mx) * (x[i] - mx);
      syy += d[i] * (y[i] - my) * (y[i] - my);
    }
    return Math.sqrt(Math.max(0, (1 - sxy / Math.sqrt(sxx * syy)) / 2));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PearsonDistance p && canonicalization.equals(p.canonicalization)
        && Arrays.equals(coverage, p.coverage);
  }

  @Override
  public int hashCode() {
    return 31 * canonicalization.hashCode() + Arrays.hashCode(coverage);
  }

  @Override
  public String toString() {
    return "PearsonDistance[" + canonicalization.name() + (coverage == null ? ", uniform]" : ", weighted]");
  }
}
