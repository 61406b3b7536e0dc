package org.rewardlab.reward.compose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.reward.RewardFn;

/**
 * Gated reward accumulation (G-RA, arXiv 2508.10548): levels R^(1) (highest priority, the task's
 * outcome) … R^(m) (step-level rewards such as format or tool-use bonuses) with thresholds δ_i; level
 * i counts only while every higher level j clears its threshold, R^(j) &gt; δ_j.
 *
 * <ul>
 *   <li><b>Episode gates</b> (G-RA): the gates are decided on the episode's sums. R^(1) is paid as it
 *       comes; the lower levels' rewards accumulate and are paid at the episode's last step if the
 *       gate is open, so the return is R^(1) + Σ_{i&gt;1} gate_i·Σ_t R^(i)_t, gate_i =
 *       Π_{j&lt;i} [Σ_t R^(j)_t &gt; δ_j]. An agent that never reaches the outcome (never submits)
 *       collects none of the step rewards.
 *   <li><b>Step gates</b>: each step's values decide, gate_i(t) = Π_{j&lt;i} [R^(j)_t &gt; δ_j] (a
 *       hierarchy of checks: no valid format, no content reward — Shop-R1).
 * </ul>
 *
 * Terms: every level's terms, as paid (0 while deferred or gated off), so they add up to the total.
 * Episode gates keep the episode's sums and deferred terms, which are checkpointed
 * ({@link Checkpointable}); {@link #reset()} drops them. Use one instance per thread.
 *
 * @param <X> what is scored
 */
public final class GatedAccumulation<X> implements CompositeReward<X>, Checkpointable {
  private final List<RewardFn<X>> levels;
  private final double[] thresholds;
  private final boolean episodeGates;
  private final Predicate<X> episodeEnd;
  private final List<String> names;
  private final int[] offsets;
  private final double[][] scratch;
  // episode gates: per level the episode's sum of totals, and the deferred terms and total
  private final double[] sums;
  private final double[][] deferred;
  private final double[] deferredTotal;

  /**
   * @param levels the levels, highest priority first
   * @param thresholds δ_i, aligned with {@code levels}
   * @param episodeGates true for G-RA's episode gates, false for step gates
   * @param episodeEnd whether an input is the last of its episode (episode gates pay out there)
   */
  public GatedAccumulation(List<? extends RewardFn<X>> levels, double[] thresholds, boolean episodeGates,
      Predicate<X> episodeEnd) {
    if (levels.isEmpty() || levels.size() != thresholds.length) {
      throw new IllegalArgumentException("GatedAccumulation needs one threshold per level, at least one level; got "
          + levels.size() + " levels and " + thresholds.length + " thresholds");
    }
    this.levels = List.copyOf(levels);
    this.thresholds = thresholds.clone();
    this.episodeGates = episodeGates;
    this.episodeEnd = episodeEnd;
    int m = levels.size();
    this.offsets = new int[m];
    this.scratch = new double[m][];
    this.deferred = new double[m][];
    List<String> all = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      offsets[i] = all.size();
      List<String> n = levels.get(i).termNames();
      scratch[i] = new double[n.size()];
      deferred[i] = new double[n.size()];
      all.addAll(n);
    }
    this.names = List.copyOf(WeightedSum.uniqueNames(all));
    this.sums = new double[m];
    this.deferredTotal = new double[m];
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public List<RewardFn<X>> children() {
    return levels;
  }

  @Override
  public double evaluate(X x, double[] termsOut) {
    return episodeGates ? evaluateEpisode(x, termsOut) : evaluateStep(x, termsOut);
  }

  private double evaluateStep(X x, double[] termsOut) {
    double total = 0;
    boolean open = true;
    for (int i = 0; i < scratch.length; i++) {
      double[] s = scratch[i];
      double r = levels.get(i).evaluate(x, s);
      for (int j = 0; j < s.length; j++) termsOut[offsets[i] + j] = open ? s[j] : 0.0;
      if (open) total += r;
      open &= r > thresholds[i];
    }
    return total;
  }

  private double evaluateEpisode(X x, double[] termsOut) {
    double total = 0;
    for (int i = 0; i < scratch.length; i++) {
      double[] s = scratch[i];
      double r = levels.get(i).evaluate(x, s);
      sums[i] += r;
      if (i == 0) {
        System.arraycopy(s, 0, termsOut, offsets[0], s.length);
        total += r;
      } else {
        for (int j = 0; j < s.length; j++) {
          deferred[i][j] += s[j];
          termsOut[offsets[i] + j] = 0.0;
        }
        deferredTotal[i] += r;
      }
    }
    if (episodeEnd.test(x)) {
      boolean open = sums[0] > thresholds[0];
      for (int i = 1; i < scratch.length; i++) {
        if (open) {
          System.arraycopy(deferred[i], 0, termsOut, offsets[i], deferred[i].length);
          total += deferredTotal[i];
        }
        open &= sums[i] > thresholds[i];
      }
      clearEpisode();
    }
    return total;
  }

  private void clearEpisode() {
    Arrays.fill(sums, 0.0);
    Arrays.fill(deferredTotal, 0.0);
    for (double[] d : deferred) Arrays.fill(d, 0.0);
  }

  @Override
  public void reset() {
    clearEpisode();
    for (RewardFn<X> l : levels) l.reset();
  }

  @Override
  public void saveState(StateBuffer out) {
    out.putDoubles(sums);
    out.putDoubles(deferredTotal);
    for (double[] d : deferred) out.putDoubles(d);
  }

  @Override
  public void loadState(StateBuffer in) {
    copy(in.getDoubles(), sums);
    copy(in.getDoubles(), deferredTotal);
    for (double[] d : deferred) copy(in.getDoubles(), d);
  }

  static void copy(double[] src, double[] dst) {
    if (src.length != dst.length) {
      throw new IllegalStateException("saved reward state does not fit this reward: " + src.length + " values for " + dst.length);
    }
    System.arraycopy(src, 0, dst, 0, dst.length);
  }
}
