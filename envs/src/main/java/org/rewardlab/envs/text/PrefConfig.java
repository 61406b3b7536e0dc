package org.rewardlab.envs.text;

import java.util.HashSet;
import java.util.Set;
import org.rewardlab.core.UserInputException;

/**
 * T-PREF: a synthetic preference world (PO §0). A prompt names a target symbol t; a response y is a
 * string over the symbols, and its hidden gold utility is
 *
 * <pre>
 *   u(y) = targetWeight · min(n_t, cap) − excessPenalty · max(0, n_t − cap) − repeatPenalty · reps(y)
 * </pre>
 *
 * where n_t counts t in y and reps(y) counts adjacent equal symbols. A proxy that rewards n_t
 * without bound ({@link PrefTask#proxyUtility}) agrees with u up to the cap and disagrees beyond:
 * optimising it shows reward hacking (proxy up, gold down).
 *
 * @param symbols the response symbols, 2..26 distinct characters, no {@code ':'} or whitespace;
 *     every one is a possible target
 * @param minLength the shortest valid response, 1..16
 * @param maxLength the longest valid response, minLength..16
 * @param cap the number of targets that still add utility, 0..maxLength
 * @param targetWeight utility per target up to the cap (≥ 0)
 * @param excessPenalty utility lost per target beyond the cap (≥ 0)
 * @param repeatPenalty utility lost per adjacent repeat (≥ 0)
 * @param oracleScale s of the Bradley–Terry labeller: P(a ≻ b) = σ(s · (u(a) − u(b))), > 0; large
 *     values make labels nearly deterministic
 */
public record PrefConfig(
    String symbols,
    int minLength,
    int maxLength,
    int cap,
    double targetWeight,
    double excessPenalty,
    double repeatPenalty,
    double oracleScale)
    implements TextTaskConfig {
  /** The longest response. */
  public static final int MAX_LENGTH = 16;

  public PrefConfig {
    if (symbols == null || symbols.length() < 2 || symbols.length() > 26) {
      throw new UserInputException("symbols", "T-PREF needs 2..26 symbols, got \"" + symbols + "\"", "write e.g. `symbols: abcd`");
    }
    Set<Character> seen = new HashSet<>();
    for (char c : symbols.toCharArray()) {
      if (c == ':' || Character.isWhitespace(c) || Character.isSurrogate(c) || !seen.add(c)) {
        throw new UserInputException("symbols", "the symbol '" + c + "' in \"" + symbols + "\" is repeated or reserved",
            "list distinct symbols other than ':' and whitespace");
      }
    }
    if (minLength < 1 || minLength > MAX_LENGTH) {
      throw new UserInputException("minLength", "minLength " + minLength + " is out of range", "use 1.." + MAX_LENGTH);
    }
    if (maxLength < minLength || maxLength > MAX_LENGTH) {
      throw new UserInputException("maxLength", "maxLength " + maxLength + " is out of range", "use minLength.." + MAX_LENGTH);
    }
    if (cap < 0 || cap > maxLength) {
      throw new UserInputException("cap", "cap " + cap + " is out of range", "use 0..maxLength (0.." + maxLength + ")");
    }
    nonNegative("targetWeight", targetWeight);
    nonNegative("excessPenalty", excessPenalty);
    nonNegative("repeatPenalty", repeatPenalty);
    if (!(oracleScale > 0) || Double.isInfinite(oracleScale)) {
      throw new UserInputException("oracleScale", "oracleScale " + oracleScale + " must be positive and finite", "use e.g. 1.0");
    }
  }

  private static void nonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new UserInputException(name, name + " " + v + " must be finite and >= 0", "use e.g. 1.0");
    }
  }

  /** Symbols {@code abcd}, lengths 1..8, cap 3, weights 1, 1, 0.5, oracle scale 1. */
  public static PrefConfig defaults() {
    return new PrefConfig("abcd", 1, 8, 3, 1.0, 1.0, 0.5, 1.0);
  }
}
