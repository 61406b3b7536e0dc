package org.rewardlab.envs.text;

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
 */
public record Verdict(boolean correct, boolean wellFormed, double score, String answer) {
  public Verdict {
    if (answer == null) answer = "";
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("a verdict's score must be finite, got " + score);
    }
  }

  /** A 0/1 verdict of an exact task: {@code score} is 1 when correct. */
  public static Verdict exact(boolean correct, boolean wellFormed, String answer) {
    return new Verdict(correct, wellFormed, correct ? 1 : 0, answer);
  }

  /** This verdict for a completion that ended without {@code <eos>}: neither correct nor well formed, same score. */
  public Verdict unfinished() {
    return new Verdict(false, false, score, answer);
  }
}
