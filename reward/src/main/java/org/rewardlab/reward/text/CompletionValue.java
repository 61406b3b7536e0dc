package org.rewardlab.reward.text;

import java.util.List;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;

/**
 * A field or a named signal of a completion as a term, r = w·x: the correctness or format indicator,
 * whether it finished, its score (the task's own reward), its length, or a signal. Stateless and
 * thread-safe.
 */
public final class CompletionValue implements RewardFn<ScoredCompletion> {
  /** A completion's fixed fields. */
  public enum Field {
    /** 1 when correct, else 0. */
    CORRECT,
    /** 1 when well formed, else 0. */
    FORMAT,
    /** 1 when the model ended it, else 0. */
    FINISHED,
    /** The task's graded outcome or a reward model's score. */
    SCORE,
    /** The length in tokens. */
    LENGTH
  }

  private final List<String> names;
  private final Field field;
  private final String signal;
  private final double weight;

  private CompletionValue(String name, Field field, String signal, double weight) {
    this.names = List.of(name);
    this.field = field;
    this.signal = signal;
    this.weight = weight;
  }

  /** r = weight·field. */
  public static CompletionValue field(String name, Field field, double weight) {
    return new CompletionValue(name, field, null, weight);
  }

  /** r = weight·signal (a completion without the signal is an error). */
  public static CompletionValue signal(String name, String signal, double weight) {
    return new CompletionValue(name, null, signal, weight);
  }

  /** The value x of {@code field} for {@code c}. */
  public static double read(Field field, ScoredCompletion c) {
    return switch (field) {
      case CORRECT -> c.correct() ? 1 : 0;
      case FORMAT -> c.wellFormed() ? 1 : 0;
      case FINISHED -> c.finished() ? 1 : 0;
      case SCORE -> c.score();
      case LENGTH -> c.length();
    };
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public double evaluate(ScoredCompletion c, double[] termsOut) {
    double x = field != null ? read(field, c) : Signals.required(c, signal, names.get(0));
    double r = weight * x;
    termsOut[0] = r;
    return r;
  }
}
