package org.rewardlab.reward.shaping;

import java.util.List;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.reward.spec.Condition;

/**
 * A constant paid when a condition holds, r = c·[condition]; a bonus has c &gt; 0, a penalty c &lt; 0.
 * Stateless and thread-safe.
 */
public final class ConditionalConstant implements RewardFn<FlatTransition> {
  private final List<String> names;
  private final double value;
  private final Condition condition;

  /**
   * @param name the term name
   * @param value c, signed
   * @param condition when it is paid
   */
  public ConditionalConstant(String name, double value, Condition condition) {
    this.names = List.of(name);
    this.value = value;
    this.condition = condition;
  }

  /** Whether {@code condition} holds for {@code t}. */
  public static boolean holds(Condition condition, FlatTransition t) {
    return switch (condition) {
      case TERMINATED -> t.terminated();
      case TRUNCATED -> t.truncated();
      case DONE -> t.terminated() || t.truncated();
      case STEP -> true;
    };
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public double evaluate(FlatTransition t, double[] termsOut) {
    double r = holds(condition, t) ? value : 0.0;
    termsOut[0] = r;
    return r;
  }
}
