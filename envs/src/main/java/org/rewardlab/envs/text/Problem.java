package org.rewardlab.envs.text;

/**
 * One instance of a {@link TextTask}: a prompt, its reference completion and an exact verifier.
 *
 * <p>A language model sees {@code <bos>} followed by {@link #prompt()} and writes a completion
 * ended by {@code <eos>}; {@link #verify} scores the completion's text. Implementations are
 * immutable records and thread-safe.
 */
public interface Problem {

  /**
   * The problem's identity within its task: two problems with the same key are the same problem
   * (the train/test split keeps keys disjoint). For example {@code "123+456"}.
   */
  String key();

  /** The text after {@code <bos>}, e.g. {@code "123+456="}. */
  String prompt();

  /**
   * The reference completion, without {@code <eos>}: what supervised warm-starting trains on, and a
   * completion that {@link #verify} judges correct and well formed.
   */
  String answer();

  /** The difficulty level (digit count for arithmetic, length for sorting, ...), for accuracy by difficulty. */
  int difficulty();

  /**
   * Judges a completion's text (up to, not including, {@code <eos>}). Exact: no sampling, no
   * tolerance beyond what the task documents.
   *
   * <p>Never throws, whatever the text: model output is arbitrary (empty, any characters, any
   * length), and garbage is simply incorrect and malformed.
   */
  Verdict verify(String completion);
}
