package org.rewardlab.reward.compose;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.wrappers.RunningMeanStd;

/**
 * Running normalization of a reward: r' = (r − μ)/sqrt(σ² + ε), or r/sqrt(σ² + ε) without centring,
 * optionally clipped to [−c, c]. μ and σ² are the running mean and population variance of r over
 * every evaluation so far, updated with r before it is normalized, with Gymnasium's
 * {@link RunningMeanStd} (mean 0, variance 1, count 1e-4 at the start). A baseline of PAR's
 * experiments; a way to put terms of very different scales on one footing.
 *
 * <p>The statistics persist across episodes ({@link #reset()} keeps them) and are checkpointed
 * ({@link Checkpointable}). Each reward-wrapped env of a vector env keeps its own statistics. A
 * non-finite r is passed on (for the wrapper to report) without entering the statistics.
 *
 * <p>Terms: the inner terms and a correction term r' − r, last. Not thread-safe.
 *
 * @param <X> what is scored
 */
public final class RunningNormalized<X> implements CompositeReward<X>, Checkpointable {
  private final RewardFn<X> inner;
  private final boolean center;
  private final double epsilon;
  private final double clip;
  private final RunningMeanStd stats = new RunningMeanStd(1);
  private final List<String> names;
  private final int n;

  /**
   * @param correctionName the correction term's name
   * @param inner the reward r
   * @param center subtract the running mean
   * @param epsilon ε &gt; 0
   * @param clip bound c &gt; 0 of |r'|; NaN or infinity: no clipping
   */
  public RunningNormalized(String correctionName, RewardFn<X> inner, boolean center, double epsilon, double clip) {
    if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
    if (!Double.isNaN(clip) && !(clip > 0)) throw new IllegalArgumentException("clip must be > 0, got " + clip);
    this.inner = inner;
    this.center = center;
    this.epsilon = epsilon;
    this.clip = Double.isNaN(clip) ? Double.POSITIVE_INFINITY : clip;
    List<String> all = new ArrayList<>(inner.termNames());
    this.n = all.size();
    all.add(correctionName);
    this.names = List.copyOf(WeightedSum.uniqueNames(all));
  }

  /** The running statistics (for inspection; not a copy). */
  public RunningMeanStd statistics() {
    return stats;
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
    if (Double.isFinite(r)) stats.update(r);
    double z = (center ? r - stats.mean(0) : r) / Math.sqrt(stats.var(0) + epsilon);
    z = Math.min(Math.max(z, -clip), clip);
    termsOut[n] = z - r;
    return z;
  }

  @Override
  public void reset() {
    inner.reset();
  }

  @Override
  public void saveState(StateBuffer out) {
    out.putDouble(stats.mean(0));
    out.putDouble(stats.var(0));
    out.putDouble(stats.count());
  }

  @Override
  public void loadState(StateBuffer in) {
    double mean = in.getDouble();
    double var = in.getDouble();
    double count = in.getDouble();
    stats.restore(new RunningMeanStd.State(new double[] {mean}, new double[] {var}, count));
  }
}
