package org.rewardlab.reward.text;

import java.util.List;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;

/**
 * DAPO's soft overlong punishment (arXiv 2503.14476, eq. 13; TRL's
 * {@code get_soft_overlong_punishment}, verl's {@code overlong_buffer}): with L the length, L_max the
 * limit and L_c the cache window,
 *
 * <pre>
 *   R(L) = 0                         if L ≤ L_max − L_c
 *        = ((L_max − L_c) − L)/L_c    if L_max − L_c &lt; L ≤ L_max
 *        = −1                        if L &gt; L_max
 * </pre>
 *
 * times a factor. A ramp instead of a cliff, so a completion that is long but right is not punished
 * like a truncated one. Stateless and thread-safe.
 */
public final class OverlongPenalty implements RewardFn<ScoredCompletion> {
  private final List<String> names;
  private final int maxLength;
  private final int cache;
  private final double factor;

  /**
   * @param name the term name
   * @param maxLength L_max &gt; 0
   * @param cache L_c in (0, L_max]
   * @param factor scale &gt;= 0
   */
  public OverlongPenalty(String name, int maxLength, int cache, double factor) {
    if (maxLength <= 0 || cache <= 0 || cache > maxLength || !(factor >= 0)) {
      throw new IllegalArgumentException("need 0 < cache <= maxLength and factor >= 0, got " + maxLength + ", " + cache + ", " + factor);
    }
    this.names = List.of(name);
    this.maxLength = maxLength;
    this.cache = cache;
    this.factor = factor;
  }

  /** R(L) of DAPO's eq. 13, before the factor. */
  public static double punishment(int length, int maxLength, int cache) {
    int expected = maxLength - cache;
    if (length <= expected) return 0.0;
    if (length <= maxLength) return (double) (expected - length) / cache;
    return -1.0;
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public double evaluate(ScoredCompletion c, double[] termsOut) {
    double r = factor * punishment(c.length(), maxLength, cache);
    termsOut[0] = r;
    return r;
  }
}
