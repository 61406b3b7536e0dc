package org.rewardlab.core.text;

import java.util.Arrays;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.space.Tokens;

/**
 * A deterministic character tokenizer: one id per character of a fixed alphabet, after a few
 * special tokens. The language-model side (TinyGpt, SFT, GRPO) and the verifiable text tasks share
 * it, so a task's prompt text and a model's token ids map one to one.
 *
 * <p>Id layout (fixed; a checkpoint depends on it):
 *
 * <pre>
 *   0  {@code <pad>}   fills a batch row after the sequence; never produced by {@link #encode}
 *   1  {@code <bos>}   starts a prompt
 *   2  {@code <eos>}   ends a completion; {@link #decode} stops there
 *   3  {@code <sep>}   only with a separator character: that character's id (optional)
 *   then the alphabet's characters in the order given
 * </pre>
 *
 * With the alphabet {@code "0123456789+*="} and no separator the ids are exactly those of the
 * PyTorch peer {@code shared/bench/torch_tinygpt_bench.py} (16 ids: digits at 3..12, '+' 13,
 * '*' 14, '=' 15).
 *
 * <p>The optional separator is a character that is encoded as the special id 3 (and decoded back to
 * itself): text keeps one form, and a model can find the prompt/answer boundary by id.
 *
 * <p>Round trip: for every string {@code s} over the alphabet (and separator),
 * {@code decode(encode(s)).equals(s)}; {@code decode} skips {@code <pad>} and {@code <bos>} and
 * stops at the first {@code <eos>}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CharTokenizer {
  /** The id of {@code <pad>}. */
  public static final int PAD = 0;
  /** The id of {@code <bos>}. */
  public static final int BOS = 1;
  /** The id of {@code <eos>}. */
  public static final int EOS = 2;
  /** The id of {@code <sep>} when the tokenizer has a separator. */
  public static final int SEP = 3;

  /**
   * The alphabet of {@link #standard()}: digits, the operators {@code + - * / =}, parentheses, space,
   * lowercase letters and the punctuation {@code , . : ; ? ! [ ] |} (53 characters; 56 ids).
   */
  public static final String STANDARD_ALPHABET =
      "0123456789+-*/=() abcdefghijklmnopqrstuvwxyz,.:;?![]|";

  private static final CharTokenizer STANDARD = new CharTokenizer(STANDARD_ALPHABET);

  private final String alphabet;
  private final char separator;
  private final boolean hasSeparator;
  private final int firstCharId;
  /** id by character (-1 when absent), up to the largest character used. */
  private final int[] idOf;
  /** character by id; unused for specials other than the separator. */
  private final char[] charOf;

  /** A tokenizer over {@code alphabet}, without separator. */
  public CharTokenizer(String alphabet) {
    this(alphabet, '\0', false);
  }

  /**
   * A tokenizer over {@code alphabet} whose character {@code separator} (not in the alphabet) is
   * the special token {@code <sep>} (id 3).
   */
  public CharTokenizer(String alphabet, char separator) {
    this(alphabet, separator, true);
  }

  private CharTokenizer(String alphabet, char separator, boolean hasSeparator) {
    if (alphabet == null || alphabet.isEmpty()) {
      throw new UserInputException("tokenizer.alphabet", "the alphabet is empty",
          "give the characters the texts use, e.g. \"0123456789+=\"");
    }
    this.alphabet = alphabet;
    this.separator = separator;
    this.hasSeparator = hasSeparator;
    this.firstCharId = hasSeparator ? SEP + 1 : SEP;
    char max = hasSeparator ? separator : 0;
    for (int i = 0; i < alphabet.length(); i++) max = (char) Math.max(max, alphabet.charAt(i));
    this.idOf = new int[max + 1];
    Arrays.fill(idOf, -1);
    this.charOf = new char[firstCharId + alphabet.length()];
    if (hasSeparator) {
      checkUsable(separator, "separator");
      idOf[separator] = SEP;
      charOf[SEP] = separator;
    }
    for (int i = 0; i < alphabet.length(); i++) {
      char c = alphabet.charAt(i);
      checkUsable(c, "alphabet character at " + i);
      if (idOf[c] >= 0) {
        throw new UserInputException("tokenizer.alphabet",
            "the character " + describe(c) + " appears twice (or is also the separator) in \"" + alphabet + "\"",
            "list each character once");
      }
      idOf[c] = firstCharId + i;
      charOf[firstCharId + i] = c;
    }
  }

  private static void checkUsable(char c, String what) {
    if (Character.isSurrogate(c)) {
      throw new UserInputException("tokenizer.alphabet",
          "the " + what + " is half of a surrogate pair (" + describe(c) + ")",
          "use characters of the Basic Multilingual Plane only");
    }
  }

  /** The tokenizer over {@link #STANDARD_ALPHABET}, without separator. */
  public static CharTokenizer standard() {
    return STANDARD;
  }

  /** The alphabet, in id order. */
  public String alphabet() {
    return alphabet;
  }

  /** Whether there is a separator token. */
  public boolean hasSeparator() {
    return hasSeparator;
  }

  /**
   * The separator character.
   *
   * @throws IllegalStateException if the tokenizer has none
   */
  public char separator() {
    if (!hasSeparator) throw new IllegalStateException("this tokenizer has no separator");
    return separator;
  }

  /** V: the specials plus the alphabet. */
  public int vocabSize() {
    return charOf.length;
  }

  /** The number of special ids before the first character (3, or 4 with a separator). */
  public int specialCount() {
    return firstCharId;
  }

  /** Whether {@code c} has an id (an alphabet character or the separator). */
  public boolean canEncode(char c) {
    return idOrMinus(c) >= 0;
  }

  private int idOrMinus(char c) {
    return c < idOf.length ? idOf[c] : -1;
  }

  /** Whether every character of {@code text} has an id. */
  public boolean canEncode(CharSequence text) {
    for (int i = 0; i < text.length(); i++) if (idOrMinus(text.charAt(i)) < 0) return false;
    return true;
  }

  /**
   * The id of {@code c}.
   *
   * @throws UserInputException naming the character and the alphabet if it has none
   */
  public int id(char c) {
    int id = idOrMinus(c);
    if (id < 0) throw unknown(c, -1, null);
    return id;
  }

  /** Whether {@code id} is {@code <pad>}, {@code <bos>} or {@code <eos>} (the separator is text). */
  public boolean isControl(int id) {
    return id == PAD || id == BOS || id == EOS;
  }

  /** The ids of the characters of {@code text}, without {@code <bos>} or {@code <eos>}. */
  public int[] encode(String text) {
    return encode(text, false, false);
  }

  /**
   * The ids of {@code text}, with {@code <bos>} first and / or {@code <eos>} last if asked (a prompt
   * is {@code encode(p, true, false)}, a training completion {@code encode(c, false, true)}).
   *
   * @throws UserInputException naming the first character that is not in the alphabet, its
   *     position and the alphabet
   */
  public int[] encode(String text, boolean bos, boolean eos) {
    int n = text.length();
    int[] ids = new int[n + (bos ? 1 : 0) + (eos ? 1 : 0)];
    int k = 0;
    if (bos) ids[k++] = BOS;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      int id = idOrMinus(c);
      if (id < 0) throw unknown(c, i, text);
      ids[k++] = id;
    }
    if (eos) ids[k] = EOS;
    return ids;
  }

  /** The text of {@code ids}: {@code <pad>} and {@code <bos>} skipped, stopping at the first {@code <eos>}. */
  public String decode(int[] ids) {
    return decode(ids, 0, ids.length).text();
  }

  /**
   * Decodes {@code ids[from..to)} as a completion: the text up to the first {@code <eos>}
   * ({@code <pad>} and {@code <bos>} skipped), whether an {@code <eos>} was seen, and how many
   * tokens were consumed (the ids up to and including the {@code <eos>}; all of them if none).
   *
   * @throws IllegalArgumentException if an id there is outside {@code 0..vocabSize-1}
   */
  public Decoded decode(int[] ids, int from, int to) {
    StringBuilder sb = new StringBuilder(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      int id = ids[i];
      if (id < 0 || id >= charOf.length) {
        throw new IllegalArgumentException(
            "token id " + id + " at index " + i + " is outside the vocabulary 0.." + (charOf.length - 1));
      }
      if (id == EOS) return new Decoded(sb.toString(), true, i - from + 1);
      if (id == PAD || id == BOS) continue;
      sb.append(charOf[id]);
    }
    return new Decoded(sb.toString(), false, to - from);
  }

  /**
   * The result of decoding a completion.
   *
   * @param text the characters before the first {@code <eos>}
   * @param finished whether an {@code <eos>} ended it (false: it ran out of tokens, truncated)
   * @param tokens the tokens consumed, the {@code <eos>} included
   */
  public record Decoded(String text, boolean finished, int tokens) {}

  /** A readable form of {@code ids} that shows the specials, e.g. {@code <bos>12+34=46<eos><pad>}. */
  public String render(int[] ids) {
    StringBuilder sb = new StringBuilder();
    for (int id : ids) sb.append(tokenName(id));
    return sb.toString();
  }

  /** {@code <pad>}, {@code <bos>}, {@code <eos>}, or the character of {@code id}; {@code <?id>} outside the vocabulary. */
  public String tokenName(int id) {
    if (id == PAD) return "<pad>";
    if (id == BOS) return "<bos>";
    if (id == EOS) return "<eos>";
    if (id < 0 || id >= charOf.length) return "<?" + id + ">";
    return String.valueOf(charOf[id]);
  }

  /**
   * The space of whole sequences that fit a context of {@code contextLength} tokens (specials
   * included).
   */
  public Tokens space(int contextLength) {
    return new Tokens(vocabSize(), 0, contextLength);
  }

  private UserInputException unknown(char c, int index, String text) {
    String where = index < 0 ? "" : " at position " + index + " of \"" + abbreviate(text) + "\"";
    return new UserInputException("tokenizer input",
        "the character " + describe(c) + where + " is not in the alphabet \"" + alphabet + "\""
            + (hasSeparator ? " (separator " + describe(separator) + ")" : ""),
        "use only those characters, or build the tokenizer with an alphabet that includes it");
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  private static String describe(char c) {
    String code = String.format("U+%04X", (int) c);
    return Character.isISOControl(c) || Character.isWhitespace(c) && c != ' '
        ? code : "'" + c + "' (" + code + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CharTokenizer t
        && alphabet.equals(t.alphabet)
        && hasSeparator == t.hasSeparator
        && separator == t.separator;
  }

  @Override
  public int hashCode() {
    return 31 * alphabet.hashCode() + (hasSeparator ? separator + 1 : 0);
  }

  @Override
  public String toString() {
    return "CharTokenizer(\"" + alphabet + "\"" + (hasSeparator ? ", separator '" + separator + "'" : "")
        + ", V=" + vocabSize() + ")";
  }
}
