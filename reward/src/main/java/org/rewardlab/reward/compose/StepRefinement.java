package org.rewardlab.reward.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.reward.RewardFn;

/**
 * Clip and Delta refinement of process (step) rewards ("On designing effective RL reward at training
 * time", arXiv 2410.15115). A dense process reward added to the outcome gets farmed: the policy repeats
 * correct but useless steps. Both refinements bound the sum of a trajectory's refined step rewards
 * from above, whatever its length. With r_k the k-th of K step rewards:
 *
 * <ul>
 *   <li><b>Clip</b>: r̃_k = min(r_k − η, 0); no step adds reward, so extra steps can only lower the
 *       return;
 *   <li><b>Delta</b>: r̃_k = r_k − r_{k+1} for k &lt; K, r̃_K = r_K; the sum telescopes to r_1;
 *   <li><b>Clip-Delta</b>: Delta of the clipped rewards; the sum is min(r_1 − η, 0).
 * </ul>
 *
 * <p>As a streaming reward over steps (this class), the inner reward gives r_t at each step and Delta
 * pays each difference one step late — r̃_{t−1} = r_{t−1} − r_t at step t (nothing at the first step),
 * plus r̃_K = r_K at the episode's last step — which keeps every undiscounted return (the paper places
 * r̃_k at step k's end). It therefore keeps the previous step's value ({@link Checkpointable}).
 * {@link #refine} refines a whole known sequence exactly (completions).
 *
 * <p>Terms: the inner terms and a correction term r̃ − r, last. Use one instance per thread.
 *
 * @param <X> what is scored
 */
public final class StepRefinement<X> implements CompositeReward<X>, Checkpointable {
  private final RewardFn<X> inner;
  private final boolean clip;
  private final boolean delta;
  private final double eta;
  private final Predicate<X> episodeEnd;
  private final List<String> names;
  private final int n;
  private boolean hasPrevious;
  private double previous;

  /**
   * @param correctionName the correction term's name
   * @param inner the per-step reward r_t
   * @param clip apply Clip
   * @param delta apply Delta (after Clip when both)
   * @param eta η, the clip threshold (unused without Clip)
   * @param episodeEnd whether an input is its episode's last step
   */
  public StepRefinement(String correctionName, RewardFn<X> inner, boolean clip, boolean delta, double eta,
      Predicate<X> episodeEnd) {
    if (!clip && !delta) throw new IllegalArgumentException("StepRefinement needs clip, delta or both");
    if (clip && !Double.isFinite(eta)) throw new IllegalArgumentException("Clip needs a finite eta, got " + eta);
    this.inner = inner;
    this.clip = clip;
    this.delta = delta;
    this.eta = eta;
    this.episodeEnd = episodeEnd;
    List<String> all = new ArrayList<>(inner.termNames());
    this.n = all.size();
    all.add(correctionName);
    this.names = List.copyOf(WeightedSum.uniqueNames(all));
  }

  /**
   * Refines the step rewards {@code steps[0..K)} into {@code out[0..K)} exactly as the paper places
   * them (r̃_k at step k). No allocation.
   *
   * @return Σ_k r̃_k
   */
  public static double refine(boolean clip, boolean delta, double eta, double[] steps, double[] out) {
    int k = steps.length;
    if (out.length < k) throw new IllegalArgumentException("out has " + out.length + " places for " + k + " steps");
    for (int i = 0; i < k; i++) out[i] = clip ? Math.min(steps[i] - eta, 0.0) : steps[i];
    if (delta) {
      for (int i = 0; i + 1 < k; i++) out[i] = out[i] - out[i + 1];
    }
    double sum = 0;
    for (int i = 0; i < k; i++) sum += out[i];
    return sum;
  }

  /** Σ_k r̃_k of {@code steps} without keeping the per-step values (0 for no step). */
  public static double refinedSum(boolean clip, boolean delta, double eta, double[] steps) {
    double sum = 0;
    for (int i = 0; i < steps.length; i++) {
      double v = clip ? Math.min(steps[i] - eta, 0.0) : steps[i];
      double next = i + 1 < steps.length ? (clip ? Math.min(steps[i + 1] - eta, 0.0) : steps[i + 1]) : 0.0;
      sum += delta ? v - next : v;
    }
    return sum;
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
    double v = clip ? Math.min(r - eta, 0.0) : r;
    double refined;
    if (delta) {
      boolean last = episodeEnd.test(x);
      refined = (hasPrevious ? previous - v : 0.0) + (last ? v : 0.0);
      previous = last ? 0.0 : v;
      hasPrevious = !last;
    } else {
      refined = v;
    }
    termsOut[n] = refined - r;
    return refined;
  }

  @Override
  public void reset() {
    hasPrevious = false;
    previous = 0.0;
    inner.reset();
  }

  @Override
  public void saveState(StateBuffer out) {
    out.putBoolean(hasPrevious);
    out.putDouble(previous);
  }

  @Override
  public void loadState(StateBuffer in) {
    hasPrevious = in.getBoolean();
    previous = in.getDouble();
  }
}
