package org.rewardlab.envs.text;

import org.rewardlab.core.random.RandomSource;

/**
 * The simulated web-shop action task ({@code shop}; Shop-R1's toy, PO §22(e)); see {@link ShopConfig}
 * and {@link ShopProblem}. A draw takes the action type with the config's fractions, then: for
 * terminate a cart item of 2..3 letters; for click three buttons of 2..3 letters with distinct first
 * letters, the target uniform among them; for type_and_submit a box name of 1..2 letters and a text of
 * minText..maxText letters, all letters uniform.
 *
 * <p>Immutable and thread-safe.
 */
public final class ShopTask implements TextTask<ShopProblem> {
  /** The registry name. */
  public static final String NAME = "shop";
  private static final int BUTTONS = 3;

  private final ShopConfig config;

  public ShopTask(ShopConfig config) {
    if (config == null) throw new IllegalArgumentException("ShopTask needs a config; use ShopConfig.defaults()");
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ShopConfig config() {
    return config;
  }

  /** The letters, then {@code $:,?>=TCS}. */
  @Override
  public String alphabet() {
    return config.letters() + "$:,?>=TCS";
  }

  @Override
  public ShopProblem sample(RandomSource rng) {
    double u = rng.nextDouble();
    String l = config.letters();
    if (u < config.terminate()) {
      return new ShopProblem(ShopProblem.Kind.TERMINATE, "$" + word(rng, 2 + rng.nextInt(2)), "", "");
    }
    if (u < config.terminate() + config.click()) {
      char[] firsts = new char[BUTTONS];
      for (int i = 0; i < BUTTONS; i++) {
        char c;
        do {
          c = l.charAt(rng.nextInt(l.length()));
        } while (contains(firsts, i, c));
        firsts[i] = c;
      }
      int target = rng.nextInt(BUTTONS);
      StringBuilder page = new StringBuilder().append(firsts[target]).append(':');
      String name = "";
      for (int i = 0; i < BUTTONS; i++) {
        String b = firsts[i] + word(rng, 1 + rng.nextInt(2));
        if (i == target) name = b;
        page.append(i == 0 ? "" : ",").append(b);
      }
      return new ShopProblem(ShopProblem.Kind.CLICK, page.toString(), name, "");
    }
    String box = word(rng, 1 + rng.nextInt(2));
    String text = word(rng, config.minText() + rng.nextInt(config.maxText() - config.minText() + 1));
    return new ShopProblem(ShopProblem.Kind.TYPE_AND_SUBMIT, "?" + box + ":" + text, box, text);
  }

  private static boolean contains(char[] a, int n, char c) {
    for (int i = 0; i < n; i++) if (a[i] == c) return true;
    return false;
  }

  private String word(RandomSource rng, int n) {
    String l = config.letters();
    char[] w = new char[n];
    for (int i = 0; i < n; i++) w[i] = l.charAt(rng.nextInt(l.length()));
    return new String(w);
  }

  /**
   * An upper bound: L² + L³ cart pages, at most L·L³·L³·L³ click pages (first letters and tails), and
   * (L + L²)·Σ_n L^n search pages, saturating at {@code Long.MAX_VALUE}.
   */
  @Override
  public long problemCount() {
    long l = config.letters().length();
    long total = add(pow(l, 2), pow(l, 3));
    total = add(total, pow(l, 10));
    long texts = 0;
    for (int n = config.minText(); n <= config.maxText(); n++) texts = add(texts, pow(l, n));
    return add(total, mul(add(l, l * l), texts));
  }

  private static long pow(long b, int e) {
    long r = 1;
    for (int i = 0; i < e; i++) r = mul(r, b);
    return r;
  }

  private static long mul(long a, long b) {
    long p = a * b;
    return Math.multiplyHigh(a, b) != 0 || p < 0 ? Long.MAX_VALUE : p;
  }

  private static long add(long a, long b) {
    return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
  }

  /** The click page, {@code "x:" + 3 buttons of 3 + 2 commas + ">"}, or the search page with the longest text. */
  @Override
  public int maxPromptLength() {
    return Math.max(2 + 3 * BUTTONS + (BUTTONS - 1) + 1, 1 + 2 + 1 + config.maxText() + 1);
  }

  /** {@code S} + a 2-letter box + {@code =} + the longest text. */
  @Override
  public int maxAnswerLength() {
    return Math.max(4, 1 + 2 + 1 + config.maxText());
  }

  @Override
  public String toString() {
    return "ShopTask(" + config + ")";
  }
}
