package org.rewardlab.envs.text;

import org.rewardlab.core.random.RandomSource;

/**
 * T-ARITH (PO §0): multi-digit addition and multiplication with an exact-match verifier; difficulty
 * is the operand digit count. See {@link ArithProblem} for the prompt, answer and scratchpad formats.
 *
 * <p>A draw takes, from the stream, a digit count d of {@link ArithConfig#digits()}, an operation,
 * then a and b uniformly among the d-digit numbers (first digit non-zero; 0..9 for d = 1), as the
 * PyTorch peer {@code torch_tinygpt_bench.py} does. Whether the reference scratchpad gets a redundant check
 * step is not drawn from the stream: it is {@link #redundancyDraw}{@code (key) < redundantSteps}, so the
 * stream's draws, and every problem and answer at {@code redundantSteps = 0}, are as without the option. The alphabet is always
 * {@code "0123456789+*="}, so token ids match the peer's whichever operations are on.
 *
 * <p>The {@linkplain #analogue analogue} of {@code a op b} is the commuted {@code b op a} (same result, another
 * prompt), Co-Reward's "rephrased question" on T-ARITH (PO §12(e)).
 *
 * <p>Immutable and thread-safe.
 */
public final class ArithTask implements AnalogicalTask<ArithProblem> {
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
    return problem(a, b, op, d);
  }

  private ArithProblem problem(long a, long b, ArithOp op, int d) {
    String key = Long.toString(a) + op.symbol() + b;
    boolean check = config.scratchpad() && config.redundantSteps() > 0 && redundancyDraw(key) < config.redundantSteps();
    return new ArithProblem(a, b, op, d, config.answerFormat(), config.scratchpad(), check);
  }

  /**
   * The commuted problem {@code b op a}: the same result and answer format; its reference scratchpad (if any)
   * is the commuted problem's own, and whether it repeats a step is drawn from its own key.
   */
  @Override
  public ArithProblem analogue(ArithProblem p) {
    return problem(p.b(), p.a(), p.op(), p.digits());
  }

  private static final java.util.regex.Pattern PROMPT = java.util.regex.Pattern.compile("([0-9]{1,18})([+*])([0-9]{1,18})=");

  /**
   * The problem of a prompt {@code "123+456="} or {@code "12*34="}: operands of the same digit count without
   * leading zeros (0..9 for one digit), whichever operations and digit counts the config draws; the answer format,
   * scratchpad and redundant check step as {@link #sample} would give them.
   */
  @Override
  public java.util.Optional<ArithProblem> problemOf(String prompt) {
    java.util.regex.Matcher m = prompt == null ? null : PROMPT.matcher(prompt);
    if (m == null || !m.matches()) return java.util.Optional.empty();
    String a = m.group(1);
    String b = m.group(3);
    int d = a.length();
    if (b.length() != d || (d > 1 && (a.charAt(0) == '0' || b.charAt(0) == '0'))) return java.util.Optional.empty();
    ArithOp op = m.group(2).equals("+") ? ArithOp.ADD : ArithOp.MUL;
    return java.util.Optional.of(problem(Long.parseLong(a), Long.parseLong(b), op, d));
  }

  /** The salt of {@link #redundancyDraw}; fixed, so that which problems repeat a step never changes. */
  static final String REDUNDANCY_SALT = "rewardlab.arith.redundantSteps.v1:";

  /**
   * A uniform number in [0, 1) that is a fixed function of a problem key ({@code "123+456"}): FNV-1a 64 of the
   * salted key's UTF-8 bytes, then the SplitMix64 finalizer, top 53 bits. A problem's reference repeats a step
   * when this is below {@link ArithConfig#redundantSteps()}.
   */
  public static double redundancyDraw(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte c : (REDUNDANCY_SALT + key).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      h ^= c & 0xff;
      h *= 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return (h >>> 11) * 0x1.0p-53;
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

  /**
   * The length of the reference answer for all-nines operands, the longest of each shape (with the check
   * step when {@code redundantSteps > 0}).
   */
  @Override
  public int maxAnswerLength() {
    int max = 0;
    for (int d : config.digits()) {
      long nines = pow10(d) - 1;
      for (ArithOp op : config.ops()) {
        ArithProblem p = new ArithProblem(nines, nines, op, d, config.answerFormat(), config.scratchpad(),
            config.scratchpad() && config.redundantSteps() > 0);
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
