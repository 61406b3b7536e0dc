package org.rewardlab.core;

/**
 * Bad input from a person: a config, a file, a request, a flag. Its message names the place and the
 * fix in one line; the CLI prints it and exits with status 2, without a stack trace.
 *
 * <p>Throw this (never a bare {@link IllegalArgumentException}) wherever the cause is something the
 * user wrote or pointed us to. Quote the user's values with {@link #quote}: it keeps the message one
 * short line whatever the value holds (a megabyte, newlines, terminal escapes).
 *
 * <p>The message is always one line of bounded length: control characters in any part (line breaks
 * included) are escaped ({@code \n}, {@code \u001b}), a run of more than {@value #MAX_TOKEN}
 * non-blank characters is cut in the middle with its length noted, and each part is cut after
 * {@value #MAX_PART} characters. This is a safety net; {@link #quote} is the way to echo a value.
 */
public class UserInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** At most this many characters of a user's value are echoed by {@link #quote} and {@link #abbreviate}. */
  public static final int MAX_ECHO = 80;
  /** Longer runs of non-blank characters in a message are cut (a file path rarely comes close). */
  static final int MAX_TOKEN = 200;
  /** Each of where, problem and fix is cut after this many characters. */
  static final int MAX_PART = 1000;

  private final String where;
  private final String fix;
  private final String problem;

  /**
   * @param where the place of the problem: a config path ({@code algo.learningRate}), a file, a flag
   * @param problem what is wrong, in plain words
   * @param fix what to do about it
   */
  public UserInputException(String where, String problem, String fix) {
    this(where, problem, fix, null);
  }

  public UserInputException(String where, String problem, String fix, Throwable cause) {
    super(format(bounded(where), bounded(problem), bounded(fix)), cause);
    this.where = bounded(where);
    this.problem = bounded(problem);
    this.fix = bounded(fix);
  }

  private static String format(String where, String problem, String fix) {
    StringBuilder sb = new StringBuilder();
    if (where != null && !where.isEmpty()) sb.append(where).append(": ");
    sb.append(problem);
    if (fix != null && !fix.isEmpty()) sb.append(" (").append(fix).append(')');
    return sb.toString();
  }

  /** The place of the problem (config path, file, flag). */
  public String where() {
    return where;
  }

  /** What is wrong, without the place and the fix. */
  public String problem() {
    return problem;
  }

  /** What the user can do about it. */
  public String fix() {
    return fix;
  }

  // ---------------------------------------------------------------- echoing user values

  /**
   * A user's value for a message, in single quotes: control characters escaped, at most
   * {@value #MAX_ECHO} characters of it followed by {@code …} and its length when it is longer, e.g.
   * {@code 'aaaaaaaa…' (1048576 chars)}.
   */
  public static String quote(Object value) {
    String s = String.valueOf(value);
    String escaped = escapeControls(s);
    if (escaped.length() <= MAX_ECHO) return "'" + escaped + "'";
    return "'" + cut(escaped, MAX_ECHO) + "…' (" + s.length() + " chars)";
  }

  /**
   * A user's value for a message without quotes: control characters escaped, cut after
   * {@value #MAX_ECHO} characters with {@code … (N chars)}.
   */
  public static String abbreviate(String value) {
    if (value == null) return "null";
    String escaped = escapeControls(value);
    if (escaped.length() <= MAX_ECHO) return escaped;
    return cut(escaped, MAX_ECHO) + "… (" + value.length() + " chars)";
  }

  /**
   * Any text made fit for a one-line message: control characters escaped, runs of more than
   * {@value #MAX_TOKEN} non-blank characters cut in the middle, at most {@value #MAX_PART}
   * characters. Idempotent.
   */
  public static String bounded(String text) {
    if (text == null) return null;
    String s = escapeControls(text);
    StringBuilder out = null;
    int i = 0;
    int n = s.length();
    while (i < n) {
      int start = i;
      while (i < n && !Character.isWhitespace(s.charAt(i))) i++;
      int len = i - start;
      if (len > MAX_TOKEN) {
        if (out == null) out = new StringBuilder(s.length()).append(s, 0, start);
        String token = s.substring(start, i);
        String head = cut(token, 60);
        String tail = token.substring(token.length() - 20);
        if (Character.isLowSurrogate(tail.charAt(0))) tail = tail.substring(1);
        out.append(head).append('…').append(tail).append(" (").append(len).append(" chars)");
      } else if (out != null) {
        out.append(s, start, i);
      }
      int ws = i;
      while (i < n && Character.isWhitespace(s.charAt(i))) i++;
      if (out != null) out.append(s, ws, i);
    }
    String r = out == null ? s : out.toString();
    if (r.length() > MAX_PART) r = cut(r, MAX_PART - 30) + "… (" + r.length() + " chars in all)";
    return r;
  }

  /**
   * {@code s} with line breaks, tabs and other control or separator characters (terminal escapes,
   * U+2028) written as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}, so it prints on
   * one line and cannot drive the terminal.
   */
  public static String escapeControls(String s) {
    if (s == null) return null;
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = switch (c) {
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        default -> needsEscape(c) ? "\\u" + ZEROS.substring(0, 4 - Integer.toHexString(c).length()) + Integer.toHexString(c) : null;
      };
      if (rep != null) {
        if (out == null) out = new StringBuilder(s.length() + 16).append(s, 0, i);
        out.append(rep);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  private static final String ZEROS = "0000";

  private static boolean needsEscape(char c) {
    int t = Character.getType(c);
    return t == Character.CONTROL || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR
        || t == Character.FORMAT && (c == '\u202e' || c == '\u202d' || c == '\u2066' || c == '\u2067'
            || c == '\u2068' || c == '\u2069' || c == '\u202a' || c == '\u202b' || c == '\u202c');
  }

  /** The first {@code max} characters of {@code s}, not splitting a surrogate pair. */
  private static String cut(String s, int max) {
    if (s.length() <= max) return s;
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }
}
