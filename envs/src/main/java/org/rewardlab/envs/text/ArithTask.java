package org.rewardlab.envs.text;

import org.rewardlab.core.random.RandomSource;

/**
 * T-ARITH (PO §0): multi-digit addition and multiplication with an exact-match verifier; difficulty
 * is the operand digit count. See {@link ArithProblem} for the prompt, answer and scratchpad formats.
 *
 * <p>A draw takes, from the stream, a digit count d of {@link ArithConfig#digits()}, an operation,
 * then a and b uniformly among the d-digit numbers (first digit non-zero; 0..9 for d = 1), as the
 * PyTorch peer {@code torch_tinygpt_bench.py} does. The alphabet is always
 * {@code "0123456789+*="}, so token ids match the peer's whichever operations are on.
 *
 * <p>Immutable and thread-safe.
 */
public final class ArithTask implements TextTask<ArithProblem> {
  /** The registry name. */
  public static final String NAME = "arith";
  /** The characters of prompts, answers and scratchpads. */
  public static final String ALPHABET = "0123456789+*=";

  private final ArithConfig config;

  public ArithTask(ArithConfig config) {
    if (config == null) throw new IllegalArgumentException("ArithTask needs a config; use ArithConfig.defaults()");
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ArithConfig config() {
    return config;
  }

  @Override
  public String alphabet() {
    return ALPHABET;
  }

  @Override
  public ArithProblem sample(RandomSource rng) {
    int d = config.digits().get(rng.nextInt(config.digits().size()));
    ArithOp op = config.ops().get(rng.nextInt(config.ops().size()));
    long lo = low(d);
    long span = pow10(d) - lo;
    long a = lo + rng.nextInt((int) span);
    long b = lo + rng.nextInt((int) span);
    return new ArithProblem(a, b, op, d, config.answerFormat(), config.scratchpad());
  }

  /** {@code ops × Σ_d (9·10^(d-1))²} (100 for d = 1): every (a, b, op) is a distinct problem. */
  @Override
  public long problemCount() {
    long perOp = 0;
    for (int d : config.digits()) {
      long span = pow10(d) - low(d);
      perOp += span * span;
    }
    return perOp * config.ops().size();
  }

  @Override
  public int maxPromptLength() {
    int d = config.digits().stream().mapToInt(Integer::intValue).max().orElseThrow();
    return 2 * d + 2;
  }

  /** The length of the reference answer for all-nines operands, the longest of each shape. */
  @Override
  public int maxAnswerLength() {
    int max = 0;
    for (int d : config.digits()) {
      long nines = pow10(d) - 1;
      for (ArithOp op : config.ops()) {
        ArithProblem p = new ArithProblem(nines, nines, op, d, config.answerFormat(), config.scratchpad());
        max = Math.max(max, p.answer().length());
      }
    }
    return max;
  }

  private static long low(int d) {
    return d == 1 ? 0 : pow10(d - 1);
  }

  private static long pow10(int d) {
    long p = 1;
    for (int i = 0; i < d; i++) p *= 10;
    return p;
  }

  @Override
  public String toString() {
    return "ArithTask(" + config + ")";
  }
}
