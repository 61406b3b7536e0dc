package org.rewardlab.envs.text;

import org.rewardlab.core.random.RandomSource;

/**
 * Sorting: sort a string of digits or letters. See {@link SortProblem}. A draw takes the length
 * uniformly from minLength..maxLength, then each character uniformly from the symbols.
 *
 * <p>Immutable and thread-safe.
 */
public final class SortTask implements TextTask<SortProblem> {
  /** The registry name. */
  public static final String NAME = "sort";

  private final SortConfig config;

  public SortTask(SortConfig config) {
    if (config == null) throw new IllegalArgumentException("SortTask needs a config; use SortConfig.defaults()");
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SortConfig config() {
    return config;
  }

  /** The symbols, then {@code '='}. */
  @Override
  public String alphabet() {
    return config.symbols() + "=";
  }

  @Override
  public SortProblem sample(RandomSource rng) {
    int n = config.minLength() + rng.nextInt(config.maxLength() - config.minLength() + 1);
    String symbols = config.symbols();
    char[] s = new char[n];
    for (int i = 0; i < n; i++) s[i] = symbols.charAt(rng.nextInt(symbols.length()));
    return new SortProblem(new String(s), symbols);
  }

  /** The problem of a prompt {@code "3142="}: a string of this task's symbols, then {@code '='}. */
  @Override
  public java.util.Optional<SortProblem> problemOf(String prompt) {
    if (prompt == null || prompt.length() < 2 || !prompt.endsWith("=")) return java.util.Optional.empty();
    String input = prompt.substring(0, prompt.length() - 1);
    for (int i = 0; i < input.length(); i++) {
      if (config.symbols().indexOf(input.charAt(i)) < 0) return java.util.Optional.empty();
    }
    return java.util.Optional.of(new SortProblem(input, config.symbols()));
  }

  /** Σ over lengths n of |symbols|^n (saturating at {@code Long.MAX_VALUE}). */
  @Override
  public long problemCount() {
    long total = 0;
    for (int n = config.minLength(); n <= config.maxLength(); n++) {
      long count = 1;
      for (int i = 0; i < n; i++) count = saturatingMultiply(count, config.symbols().length());
      total = total > Long.MAX_VALUE - count ? Long.MAX_VALUE : total + count;
    }
    return total;
  }

  private static long saturatingMultiply(long a, long b) {
    long product = a * b;
    return Math.multiplyHigh(a, b) != 0 || product < 0 ? Long.MAX_VALUE : product;
  }

  @Override
  public int maxPromptLength() {
    return config.maxLength() + 1;
  }

  @Override
  public int maxAnswerLength() {
    return config.maxLength();
  }

  @Override
  public String toString() {
    return "SortTask(" + config + ")";
  }
}
