package org.rewardlab.reward.compose;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.reward.RewardFn;

/**
 * Preference As Reward (PAR; Fu et al. 2025, code {@code PorUna-byte/PAR},
 * {@code calculate_relative_sigmoid}): r' = (1/M)·Σ_m σ(k·(r − r_ref,m)), the mean sigmoid win
 * probability of the scored response against M reference responses of the same prompt under the
 * reward model's own Bradley–Terry preference. Bounded in [0, 1], steep near the references and flat
 * far above them, so an exploitable reward model stops paying for ever larger scores.
 *
 * <p>Terms: the inner reward's terms and a correction term, r' − r, last, so they add up to r'. Use
 * one instance per thread.
 *
 * @param <X> what is scored
 */
public final class PreferenceAsReward<X> implements CompositeReward<X> {
  /** Where the reference rewards of an input come from. */
  @FunctionalInterface
  public interface References<X> {
    /**
     * The reference rewards r_ref,m for {@code x}, at least one (a live array, read only).
     *
     * @throws IllegalStateException naming what is missing when {@code x} has none
     */
    double[] of(X x);
  }

  private final RewardFn<X> inner;
  private final References<X> references;
  private final double k;
  private final List<String> names;
  private final int n;

  /**
   * @param correctionName the correction term's name
   * @param inner the reward r
   * @param references the reference rewards per input
   * @param k the sigmoid's slope, &gt; 0
   */
  public PreferenceAsReward(String correctionName, RewardFn<X> inner, References<X> references, double k) {
    if (!(k > 0) || Double.isInfinite(k)) throw new IllegalArgumentException("PAR needs a finite k > 0, got " + k);
    this.inner = inner;
    this.references = references;
    this.k = k;
    List<String> all = new ArrayList<>(inner.termNames());
    this.n = all.size();
    all.add(correctionName);
    this.names = List.copyOf(WeightedSum.uniqueNames(all));
  }

  /** Constant references, the same for every input. */
  public static <X> References<X> constant(double[] refs) {
    if (refs.length == 0) throw new IllegalArgumentException("PAR needs at least one reference reward");
    double[] copy = refs.clone();
    return x -> copy;
  }

  /** σ(z) = 1/(1 + e^−z), computed without overflow. */
  public static double sigmoid(double z) {
    if (z >= 0) return 1.0 / (1.0 + Math.exp(-z));
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  /** PAR of a reward r against references: (1/M)·Σ_m σ(k·(r − refs[m])). */
  public static double par(double r, double[] refs, double k) {
    double s = 0;
    for (double ref : refs) s += sigmoid(k * (r - ref));
    return s / refs.length;
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public List<RewardFn<X>> children() {
    return List.of(inner);
  }

  @Override
  public double evaluate(X x, double[] termsOut) {
    double r = inner.evaluate(x, termsOut);
    double[] refs = references.of(x);
    if (refs == null || refs.length == 0) {
      throw new IllegalStateException("PAR needs at least one reference reward for " + x);
    }
    double shaped = par(r, refs, k);
    termsOut[n] = shaped - r;
    return shaped;
  }

  @Override
  public void reset() {
    inner.reset();
  }
}
