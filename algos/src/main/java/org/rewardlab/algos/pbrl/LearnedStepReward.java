package org.rewardlab.algos.pbrl;

import org.rewardlab.algos.rm.FeatureRewardModel;

/**
 * The reward the agent trains on in preference-based RL: the current per-transition reward model, normalized,
 * r(x) = (r_φ(x) − c) / σ. {@code scale} normalization (the default) divides by the standard deviation σ of r_φ
 * on the transitions of the compared fragments and keeps c = 0; {@code standardize} also subtracts their mean
 * (imitation's {@code NormalizedRewardNet}); {@code none} uses r_φ as it is. Set after each reward-model round.
 *
 * <p>Not thread-safe; shared by the envs of one trainer (stepped on one thread).
 */
public final class LearnedStepReward {
  private final FeatureRewardModel model;
  private double center;
  private double scale = 1;

  public LearnedStepReward(FeatureRewardModel model) {
    this.model = model;
  }

  public FeatureRewardModel model() {
    return model;
  }

  /** r(x) for the features {@code x[off .. off + dim)}. */
  public double reward(float[] x, int off) {
    return (model.scoreFeatures(x, off) - center) / scale;
  }

  /** Sets c and σ. */
  public void setNormalization(double center, double scale) {
    if (!(scale > 0) || !Double.isFinite(center)) throw new IllegalArgumentException("bad normalization " + center + ", " + scale);
    this.center = center;
    this.scale = scale;
  }

  public double center() {
    return center;
  }

  public double scale() {
    return scale;
  }
}
