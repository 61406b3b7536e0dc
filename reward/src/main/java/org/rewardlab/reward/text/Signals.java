package org.rewardlab.reward.text;

import org.rewardlab.core.reward.ScoredCompletion;

/** Reading a completion's named signals, with errors that say who needs them. */
final class Signals {
  private Signals() {}

  /** The signal {@code name} of {@code c}; missing, an error naming the term that needs it. */
  static double required(ScoredCompletion c, String name, String term) {
    double v = c.signal(name);
    if (Double.isNaN(v)) {
      throw new IllegalStateException("reward term '" + term + "' needs the signal '" + name + "' on every completion, and "
          + c + " has none; attach it where the completions are scored (e.g. the trainer's group statistics)");
    }
    return v;
  }

  /** The signal {@code name} of {@code c}, or {@code dflt} when it has none. */
  static double optional(ScoredCompletion c, String name, double dflt) {
    double v = c.signal(name);
    return Double.isNaN(v) ? dflt : v;
  }

  /** The sequence {@code name} of {@code c}; missing, an error naming the term that needs it. */
  static double[] requiredSequence(ScoredCompletion c, String name, String term) {
    double[] s = c.sequence(name);
    if (s == null) {
      throw new IllegalStateException("reward term '" + term + "' needs the sequence '" + name + "' on every completion, and "
          + c + " has none; attach it where the completions are scored");
    }
    return s;
  }
}
