package org.rewardlab.envs.text;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a verifier says about one completion.
 *
 * @param correct the task is solved: the final answer is exactly right (for T-BANDIT, an optimal
 *     response; for T-PREF, a response of maximal gold utility)
 * @param wellFormed the completion follows the task's output format exactly (characters, widths,
 *     scratchpad structure, no surrounding whitespace), whether or not it is correct
 * @param score the task's graded outcome: 1 or 0 (= {@code correct}) for the exact tasks, the
 *     table reward r(c, y) for T-BANDIT, the gold utility u(y) for T-PREF
 * @param answer the final answer the verifier extracted (whitespace-stripped; {@code ""} when
 *     there is none): what answer-consistency and majority-vote rewards compare
 * @param signals named component measurements of the completion (e.g. {@code action.type_match} of
 *     the {@code shop} task), finite numbers, for reward terms that read more than the fields above;
 *     empty for the tasks without components (copied, read-only)
 * @param sequences named sequences of measurements (e.g. {@code items}, the per-key-item placement
 *     scores of the {@code rank} task); empty when none (copied)
 */
public record Verdict(boolean correct, boolean wellFormed, double score, String answer, Map<String, Double> signals,
    Map<String, double[]> sequences) {
  public Verdict {
    if (answer == null) answer = "";
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("a verdict's score must be finite, got " + score);
    }
    signals = signals == null ? Map.of() : Map.copyOf(signals);
    for (Map.Entry<String, Double> e : signals.entrySet()) {
      if (!Double.isFinite(e.getValue())) {
        throw new IllegalArgumentException("a verdict's signal '" + e.getKey() + "' must be finite, got " + e.getValue());
      }
    }
    Map<String, double[]> copy = new LinkedHashMap<>();
    if (sequences != null) sequences.forEach((k, v) -> copy.put(k, v.clone()));
    sequences = Map.copyOf(copy);
  }

  /** A verdict without component signals. */
  public Verdict(boolean correct, boolean wellFormed, double score, String answer) {
    this(correct, wellFormed, score, answer, Map.of(), Map.of());
  }

  /** A 0/1 verdict of an exact task: {@code score} is 1 when correct. */
  public static Verdict exact(boolean correct, boolean wellFormed, String answer) {
    return new Verdict(correct, wellFormed, correct ? 1 : 0, answer);
  }

  /**
   * This verdict for a completion that ended without {@code <eos>}: neither correct nor well formed,
   * same score and signals.
   */
  public Verdict unfinished() {
    return new Verdict(false, false, score, answer, signals, sequences);
  }

  /** The signal {@code name}, or NaN when the verdict has none. */
  public double signal(String name) {
    Double v = signals.get(name);
    return v == null ? Double.NaN : v;
  }

  /** A copy of the sequence {@code name}, or null when the verdict has none. */
  public double[] sequence(String name) {
    double[] s = sequences.get(name);
    return s == null ? null : s.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Verdict v)) return false;
    if (correct != v.correct || wellFormed != v.wellFormed || Double.compare(score, v.score) != 0 || !answer.equals(v.answer)
        || !signals.equals(v.signals) || !sequences.keySet().equals(v.sequences.keySet())) {
      return false;
    }
    for (Map.Entry<String, double[]> e : sequences.entrySet()) {
      if (!Arrays.equals(e.getValue(), v.sequences.get(e.getKey()))) return false;
    }
    return true;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(correct, wellFormed, score, answer, signals, sequences.keySet());
  }
}
