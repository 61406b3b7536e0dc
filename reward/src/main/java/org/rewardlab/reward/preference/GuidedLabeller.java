package org.rewardlab.reward.preference;

import org.rewardlab.core.random.RandomSource;

/**
 * A simulated AI labeller whose accuracy improves with retrieved human-verified examples, Skywork-Reward-V2's
 * "preference-aware labelling" at toy scale (RM §5 (b), (e)). To label a pair it retrieves the k nearest gold
 * (human-verified) pairs by their keys ({@link NearestNeighbours}) and counts the relevant ones — those of the
 * same group (task category) as the pair. It then reports the gold order, flipped with probability
 *
 * <pre>
 *   ε = ε₀(g) · max(0, 1 − γ · relevant)
 * </pre>
 *
 * where ε₀(g) is its base mistake rate on the pair's group (an LLM judge is worse on some categories) and γ the
 * gain per relevant example (RM §5 (e): "flip rate × (1 − 0.05 k)"). With no gold examples it is a plain noisy
 * judge. Immutable.
 */
public final class GuidedLabeller {
  private final float[][] goldKeys;
  private final int[] goldGroups;
  private final double[] baseFlip;
  private final double gain;
  private final int k;

  /**
   * @param goldKeys the keys of the human-verified pairs (may be empty)
   * @param goldGroups their groups, 0..baseFlip.length − 1
   * @param baseFlip ε₀ per group, each in [0, 0.5]
   * @param gain γ ≥ 0
   * @param k how many gold examples it retrieves (≥ 0)
   */
  public GuidedLabeller(float[][] goldKeys, int[] goldGroups, double[] baseFlip, double gain, int k) {
    if (goldKeys.length != goldGroups.length) {
      throw new IllegalArgumentException(goldKeys.length + " gold keys but " + goldGroups.length + " groups");
    }
    for (double e : baseFlip) {
      if (!(e >= 0 && e <= 0.5)) throw new IllegalArgumentException("base flip rates must be in [0, 0.5], got " + e);
    }
    for (int g : goldGroups) {
      if (g < 0 || g >= baseFlip.length) throw new IllegalArgumentException("gold group " + g + " has no base flip rate");
    }
    if (!(gain >= 0) || k < 0) throw new IllegalArgumentException("need gain >= 0 and k >= 0, got " + gain + ", " + k);
    this.goldKeys = goldKeys.clone();
    this.goldGroups = goldGroups.clone();
    this.baseFlip = baseFlip.clone();
    this.gain = gain;
    this.k = k;
  }

  /** How many of the k retrieved gold examples share the pair's group. */
  public int relevant(float[] key, int group) {
    int n = 0;
    for (int i : NearestNeighbours.nearest(goldKeys, key, k)) if (goldGroups[i] == group) n++;
    return n;
  }

  /** The labeller's mistake rate ε on a pair with this key and group. */
  public double flipRate(float[] key, int group) {
    if (group < 0 || group >= baseFlip.length) throw new IllegalArgumentException("no base flip rate for group " + group);
    return baseFlip[group] * Math.max(0, 1 - gain * relevant(key, group));
  }

  /**
   * Labels a pair whose gold reward gap u(a) − u(b) is {@code goldGap}: FIRST when it says a ≻ b. A zero gap is
   * a tie. Draws one number from {@code rng} for a strict pair.
   */
  public Label label(double goldGap, float[] key, int group, RandomSource rng) {
    if (goldGap == 0) return new Label(Label.Outcome.TIE, 0.5);
    double eps = flipRate(key, group);
    double pFirst = goldGap > 0 ? 1 - eps : eps;
    return new Label(rng.nextDouble() < pFirst ? Label.Outcome.FIRST : Label.Outcome.SECOND, pFirst);
  }
}
