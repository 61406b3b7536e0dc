package org.rewardlab.reward.text;

import java.util.List;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;

/**
 * A constant paid when a condition on a completion holds (a {@code bonus} or {@code penalty} spec on
 * completions): a completion is one whole episode, {@code terminated} when the model ended it,
 * {@code truncated} when it ran out of tokens; {@code done} and {@code step} always hold. Stateless
 * and thread-safe.
 */
public final class CompletionConstant implements RewardFn<ScoredCompletion> {
  /** When the constant is paid. */
  public enum When {
    /** The model ended the completion. */
    FINISHED,
    /** The completion ran out of tokens. */
    UNFINISHED,
    /** Every completion. */
    ALWAYS
  }

  private final List<String> names;
  private final double value;
  private final When when;

  /**
   * @param name the term name
   * @param value the constant, signed
   * @param when when it is paid
   */
  public CompletionConstant(String name, double value, When when) {
    this.names = List.of(name);
    this.value = value;
    this.when = when;
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public double evaluate(ScoredCompletion c, double[] termsOut) {
    boolean holds = switch (when) {
      case FINISHED -> c.finished();
      case UNFINISHED -> !c.finished();
      case ALWAYS -> true;
    };
    double r = holds ? value : 0.0;
    termsOut[0] = r;
    return r;
  }
}
