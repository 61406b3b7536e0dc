package org.rewardlab.core.reward;

/**
 * A language model's completion as completion-level reward terms read it: its length, whether it
 * ended, the task verifier's verdict, and named numbers that the task or the trainer attaches (a
 * reward model's score, per-step process rewards, group statistics of the completion's prompt).
 *
 * <p>The reward module builds the same YAML reward specs that score environment transitions into a
 * {@code RewardFn<ScoredCompletion>} for completions ({@code RewardSpecs.buildForCompletions}), so
 * a task's completion type implements this interface to be scored by them. It lives in {@code core}
 * because the reward module sees only {@code core}.
 *
 * <p><b>Signals.</b> {@link #signal} and {@link #sequence} carry what the fixed fields do not.
 * Names the reward module's terms read by default (a spec can name others):
 *
 * <ul>
 *   <li>{@code group.accuracy}: the fraction of correct completions in this completion's group (CRF's
 *       difficulty d_q = 1 − accuracy);
 *   <li>{@code group.correct_length_mean}, {@code group.correct_length_std}: mean and standard
 *       deviation of the lengths of the group's correct completions (GRPO-λ);
 *   <li>{@code group.efficiency_first}: 1 when the batch ranking put the group in GRPO-λ's top-λ
 *       fraction, 0 otherwise;
 *   <li>{@code train.progress}: the fraction of training done, in [0, 1] (CRF's annealing);
 *   <li>{@code conciseness}: a conciseness reward model's score in [0.1, 1] (CRF);
 *   <li>{@code page}: a page-level reward model's score (PageLLM);
 *   <li>sequences {@code references} (reward-model scores of reference completions, PAR),
 *       {@code prm} (per-step process-reward scores, Clip/Delta), {@code items} (item-level
 *       reward-model scores of the key items, PageLLM).
 * </ul>
 *
 * <p>Implementations are immutable values or read-only views; reward terms never keep them.
 */
public interface ScoredCompletion {

  /** The number of generated tokens, not counting the end-of-sequence token. */
  int length();

  /** Whether the model ended the completion (end-of-sequence) rather than running out of tokens. */
  boolean finished();

  /** Whether the task's verifier judges the answer right (false for an unfinished completion). */
  boolean correct();

  /** Whether the completion follows the task's output format. */
  boolean wellFormed();

  /** The task's graded outcome or a reward model's score: the completion's own reward. */
  double score();

  /** The named number {@code name}, or NaN when this completion carries none. */
  default double signal(String name) {
    return Double.NaN;
  }

  /**
   * The named sequence {@code name} (per step, per reference, per item), or {@code null} when this
   * completion carries none. A live array: read it, do not modify or keep it.
   */
  default double[] sequence(String name) {
    return null;
  }

  /** The prompt's text, or null when this completion does not carry it (a learned text reward model reads it). */
  default String promptText() {
    return null;
  }

  /** The completion's text, or null when this completion does not carry it. */
  default String completionText() {
    return null;
  }
}
