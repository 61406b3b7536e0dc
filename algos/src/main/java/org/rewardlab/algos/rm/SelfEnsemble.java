package org.rewardlab.algos.rm;

import java.util.List;
import org.rewardlab.core.random.RandomSource;

/**
 * EditScore's self-ensemble of a generative judge (RM §16 (b), {@code editscore/__init__.py}): each pass of the
 * judge gives semantic-consistency scores (prompt following, consistency) and perceptual-quality scores on
 * [0, range]; a pass's overall score is O = sqrt(SC · PQ) with SC = min of its SC scores and PQ = min of its PQ
 * scores, mapped to [0, 10] by / (range / 10); an unparseable score (NaN) falls back to range / 2. K passes (seeds
 * seed + i) are reduced by {@link Reduction#AVERAGE_LAST} (mean of the passes' O) or {@link Reduction#AVERAGE_FIRST}
 * (sqrt(mean SC · mean PQ)). Static helpers only.
 */
public final class SelfEnsemble {
  private SelfEnsemble() {}

  /** How K passes are combined. */
  public enum Reduction { AVERAGE_LAST, AVERAGE_FIRST }

  /**
   * One pass of the judge: raw scores on [0, range], NaN where the answer could not be parsed.
   *
   * @param sc the semantic-consistency scores (non-empty)
   * @param pq the perceptual-quality scores (non-empty)
   */
  public record Pass(double[] sc, double[] pq) {
    public Pass {
      if (sc == null || sc.length == 0 || pq == null || pq.length == 0) {
        throw new IllegalArgumentException("a pass needs at least one SC and one PQ score");
      }
      sc = sc.clone();
      pq = pq.clone();
    }
  }

  /** {SC, PQ} of a pass on [0, 10]. */
  public static double[] parts(Pass p, double range) {
    if (!(range > 0)) throw new IllegalArgumentException("range must be > 0, got " + range);
    return new double[] {min(p.sc(), range) / (range / 10), min(p.pq(), range) / (range / 10)};
  }

  /** A pass's overall score O = sqrt(SC · PQ) on [0, 10]. */
  public static double overall(Pass p, double range) {
    double[] s = parts(p, range);
    return Math.sqrt(s[0] * s[1]);
  }

  /** The self-ensemble score of {@code passes} (K ≥ 1). */
  public static double reduce(List<Pass> passes, double range, Reduction r) {
    if (passes.isEmpty()) throw new IllegalArgumentException("need at least one pass");
    if (r == Reduction.AVERAGE_LAST) {
      double s = 0;
      for (Pass p : passes) s += overall(p, range);
      return s / passes.size();
    }
    double sc = 0;
    double pq = 0;
    for (Pass p : passes) {
      double[] s = parts(p, range);
      sc += s[0] / passes.size();
      pq += s[1] / passes.size();
    }
    return Math.sqrt(sc * pq);
  }

  private static double min(double[] x, double range) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : x) m = Math.min(m, Double.isNaN(v) ? range / 2 : Math.max(0, Math.min(range, v)));
    return m;
  }

  /**
   * A synthetic noisy judge (RM §16 (e)): each score is the true value (on [0, 10]) scaled to [0, range], plus
   * N(0, sigma²), rounded and clipped to 0..range; unparseable (NaN) with probability {@code pUnparseable}.
   */
  public record NoisyJudge(double range, double sigma, double pUnparseable) {
    public NoisyJudge {
      if (!(range > 0) || !(sigma >= 0) || !(pUnparseable >= 0 && pUnparseable <= 1)) {
        throw new IllegalArgumentException("noisy judge out of range: range " + range + ", sigma " + sigma
            + ", pUnparseable " + pUnparseable);
      }
    }

    /** One pass on true SC scores {@code sc} and PQ scores {@code pq}, both on [0, 10]. */
    public Pass judge(double[] sc, double[] pq, RandomSource rng) {
      return new Pass(noisy(sc, rng), noisy(pq, rng));
    }

    private double[] noisy(double[] t, RandomSource rng) {
      double[] out = new double[t.length];
      for (int i = 0; i < t.length; i++) {
        double v = Math.rint(t[i] * range / 10 + sigma * rng.nextGaussian());
        out[i] = rng.nextDouble() < pUnparseable ? Double.NaN : Math.max(0, Math.min(range, v));
      }
      return out;
    }
  }
}
