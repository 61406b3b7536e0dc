package org.rewardlab.envs.text;

import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.text.CharTokenizer;

/**
 * A verifiable text task (PO §0 testbeds): a generator of {@link Problem}s with exact verifiers.
 * Build one with {@link TextTasks#make}; its configuration record is its provenance.
 *
 * <p>Problems are drawn from a {@link RandomSource} only, so the same stream gives the same
 * problems. Evaluation uses a {@link Split}: a test set drawn from a seed and a train stream that
 * never yields a test problem.
 *
 * <p>Implementations are immutable and thread-safe (the random source passed in is not).
 *
 * @param <P> the problem type
 */
public interface TextTask<P extends Problem> {

  /** The registry name, e.g. {@code arith} (see {@link TextTasks#names()}). */
  String name();

  /** The configuration this task was built from. */
  TextTaskConfig config();

  /**
   * Every character that prompts and reference answers use (and that well-formed completions
   * may use), in a fixed order: a {@link CharTokenizer} over it can encode the task.
   */
  String alphabet();

  /** A random problem, drawn from {@code rng} only. */
  P sample(RandomSource rng);

  /**
   * The number of distinct problems (distinct {@link Problem#key() keys}) the task can draw, or an
   * upper bound of it where counting is impractical (said in the task's javadoc); splits use it to
   * refuse a test set that would leave too little to train on.
   */
  long problemCount();

  /**
   * The problem whose prompt is {@code prompt}, where the prompt alone determines the problem (so that a
   * completion read from a file can be judged by the verifier: {@code rewardlab reward score --task}); empty
   * where it does not (the default), or where the text is not a prompt of this task.
   */
  default java.util.Optional<P> problemOf(String prompt) {
    return java.util.Optional.empty();
  }

  /** The longest prompt, in characters. */
  int maxPromptLength();

  /** The longest reference answer, in characters. */
  int maxAnswerLength();

  /** The tokenizer over {@link #alphabet()}, without separator. */
  default CharTokenizer tokenizer() {
    return new CharTokenizer(alphabet());
  }

  /**
   * The tokens of the longest reference sequence: {@code <bos>}, prompt, answer, {@code <eos>}. A
   * model's context must hold at least this many.
   */
  default int sequenceLength() {
    return maxPromptLength() + maxAnswerLength() + 2;
  }

  /**
   * The train/test split of seed {@code seed}: {@code testSize} distinct test problems, and a train
   * stream that never yields one of them.
   *
   * @throws org.rewardlab.core.UserInputException if {@code testSize} is negative or more than half
   *     the task's problems
   */
  default Split<P> split(long seed, int testSize) {
    return new Split<>(this, seed, testSize);
  }
}
