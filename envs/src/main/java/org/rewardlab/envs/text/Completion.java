package org.rewardlab.envs.text;

/**
 * A model's completion of a problem's prompt: the input of the text rewards ({@link TextRewards}).
 *
 * <p>{@code finished} tells whether the model ended it with {@code <eos>}; one that ran out of
 * tokens is truncated, and the {@code correct} and {@code format} terms count it as wrong (the
 * peers' convention: reward 1 for an exact answer <em>followed by</em> {@code <eos>}).
 *
 * @param problem the problem whose prompt was completed
 * @param text the completion's text before {@code <eos>} (see {@code CharTokenizer.decode})
 * @param finished whether an {@code <eos>} ended it
 */
public record Completion(Problem problem, String text, boolean finished) {
  public Completion {
    if (problem == null) throw new IllegalArgumentException("a completion needs its problem");
    if (text == null) throw new IllegalArgumentException("a completion's text is null; use \"\" for an empty one");
  }

  /** A finished completion (ended by {@code <eos>}). */
  public Completion(Problem problem, String text) {
    this(problem, text, true);
  }

  /**
   * The problem's verdict on the text, made {@link Verdict#unfinished()} when the completion is
   * truncated.
   *
   * @throws IllegalStateException if the verifier itself throws (a bug in a task: verifiers never
   *     throw on model output), naming the problem and the completion
   */
  public Verdict verdict() {
    Verdict v;
    try {
      v = problem.verify(text);
    } catch (RuntimeException e) {
      throw new IllegalStateException("the verifier of problem '" + problem.key() + "' ("
          + problem.getClass().getSimpleName() + ") threw on the completion \"" + abbreviate(text) + "\": " + e, e);
    }
    if (v == null) {
      throw new IllegalStateException("the verifier of problem '" + problem.key() + "' returned no verdict");
    }
    return finished ? v : v.unfinished();
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
