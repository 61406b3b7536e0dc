package org.rewardlab.reward.text;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rewardlab.core.reward.ScoredCompletion;

/**
 * A plain {@link ScoredCompletion}: fixed fields plus named signals and sequences. For tests,
 * reproductions and trainers that score completions from precomputed numbers; {@code with...} returns
 * a copy with one more signal.
 *
 * @param length generated tokens
 * @param finished the model ended it
 * @param correct the verifier's verdict
 * @param wellFormed the format check
 * @param score the task's graded outcome or a reward model's score
 * @param signals named numbers (copied)
 * @param sequences named sequences (copied)
 */
public record SimpleCompletion(int length, boolean finished, boolean correct, boolean wellFormed, double score,
    Map<String, Double> signals, Map<String, double[]> sequences) implements ScoredCompletion {
  public SimpleCompletion {
    if (length < 0) throw new IllegalArgumentException("length must be >= 0, got " + length);
    signals = Map.copyOf(signals);
    Map<String, double[]> copy = new LinkedHashMap<>();
    sequences.forEach((k, v) -> copy.put(k, v.clone()));
    sequences = Map.copyOf(copy);
  }

  /** A finished completion with these fields and no signals. */
  public static SimpleCompletion of(int length, boolean correct, boolean wellFormed, double score) {
    return new SimpleCompletion(length, true, correct, wellFormed, score, Map.of(), Map.of());
  }

  /** A copy with the signal {@code name} = {@code value}. */
  public SimpleCompletion with(String name, double value) {
    Map<String, Double> m = new LinkedHashMap<>(signals);
    m.put(name, value);
    return new SimpleCompletion(length, finished, correct, wellFormed, score, m, sequences);
  }

  /** A copy with the sequence {@code name} = {@code values}. */
  public SimpleCompletion withSequence(String name, double... values) {
    Map<String, double[]> m = new LinkedHashMap<>(sequences);
    m.put(name, values);
    return new SimpleCompletion(length, finished, correct, wellFormed, score, signals, m);
  }

  /** A copy that ran out of tokens (unfinished) or not. */
  public SimpleCompletion finished(boolean f) {
    return new SimpleCompletion(length, f, correct, wellFormed, score, signals, sequences);
  }

  @Override
  public double signal(String name) {
    Double v = signals.get(name);
    return v == null ? Double.NaN : v;
  }

  @Override
  public double[] sequence(String name) {
    return sequences.get(name);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("completion(length=").append(length).append(finished ? "" : ", unfinished")
        .append(", correct=").append(correct).append(", format=").append(wellFormed).append(", score=").append(score);
    signals.forEach((k, v) -> sb.append(", ").append(k).append('=').append(v));
    sequences.forEach((k, v) -> sb.append(", ").append(k).append('=').append(Arrays.toString(v)));
    return sb.append(')').toString();
  }
}
