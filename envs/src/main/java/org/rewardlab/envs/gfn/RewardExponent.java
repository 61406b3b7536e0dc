package org.rewardlab.envs.gfn;

import java.util.Locale;

/**
 * An env whose reward is raised to a power: {@code log R'(x) = beta log R(x)} (the "reward exponent"
 * or inverse temperature that OP-GFN avoids tuning, GEN §1). Everything else is the inner env's.
 */
public final class RewardExponent implements GfnEnv {
  private final GfnEnv inner;
  private final double beta;

  /** @param beta the exponent, positive and finite */
  public RewardExponent(GfnEnv inner, double beta) {
    if (!(beta > 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("reward exponent must be positive, got " + beta);
    this.inner = inner;
    this.beta = beta;
  }

  /** {@code inner} itself when {@code beta == 1}. */
  public static GfnEnv of(GfnEnv inner, double beta) {
    return beta == 1.0 ? inner : new RewardExponent(inner, beta);
  }

  @Override
  public String name() {
    return String.format(Locale.ROOT, "%s^%g", inner.name(), beta);
  }

  @Override
  public int stateSize() {
    return inner.stateSize();
  }

  @Override
  public int numActions() {
    return inner.numActions();
  }

  @Override
  public int featureSize() {
    return inner.featureSize();
  }

  @Override
  public int[] initialState() {
    return inner.initialState();
  }

  @Override
  public int maxLength() {
    return inner.maxLength();
  }

  @Override
  public void forwardMask(int[] s, boolean[] out) {
    inner.forwardMask(s, out);
  }

  @Override
  public void backwardMask(int[] s, boolean[] out) {
    inner.backwardMask(s, out);
  }

  @Override
  public int[] step(int[] s, int a) {
    return inner.step(s, a);
  }

  @Override
  public int[] backwardStep(int[] s, int a) {
    return inner.backwardStep(s, a);
  }

  @Override
  public double logReward(int[] x) {
    return beta * inner.logReward(x);
  }

  @Override
  public void encode(int[] s, float[] out, int offset) {
    inner.encode(s, out, offset);
  }

  @Override
  public int numStates() {
    return inner.numStates();
  }

  @Override
  public int index(int[] s) {
    return inner.index(s);
  }

  @Override
  public int[] state(int i) {
    return inner.state(i);
  }

  @Override
  public int depth(int[] s) {
    return inner.depth(s);
  }

  @Override
  public boolean hasPartialRewards() {
    return inner.hasPartialRewards();
  }

  @Override
  public double partialLogReward(int[] s) {
    return beta * inner.partialLogReward(s);
  }

  @Override
  public boolean isMode(int[] x) {
    return inner.isMode(x);
  }
}
