package org.rewardlab.envs.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A total parser and exact evaluator of the arithmetic the text tasks use: non-negative integer
 * literals, {@code + - * /} with the usual precedence (left-associative), parentheses, no unary
 * minus. Values are exact rationals on {@code long}s; overflow, division by zero and any syntax
 * error give {@code null}, never an exception, so verifiers can run it on arbitrary model output.
 *
 * <p>Stateless and thread-safe.
 */
final class Expressions {
  /** Longer texts are rejected outright (no verifier answer is this long; bounds the recursion). */
  static final int MAX_LENGTH = 2000;
  private static final int MAX_DEPTH = 64;
  private static final int MAX_LITERAL_DIGITS = 18;

  private Expressions() {}

  /** An exact fraction num/den with den > 0, in lowest terms. */
  record Rational(long num, long den) {
    static Rational of(long n) {
      return new Rational(n, 1);
    }

    static Rational reduced(long num, long den) {
      if (den == 0) throw new ArithmeticException("division by zero");
      if (den < 0) {
        num = Math.negateExact(num);
        den = Math.negateExact(den);
      }
      long g = gcd(Math.abs(num), den);
      return new Rational(num / g, den / g);
    }

    private static long gcd(long a, long b) {
      while (b != 0) {
        long t = a % b;
        a = b;
        b = t;
      }
      return a == 0 ? 1 : a;
    }

    Rational add(Rational o) {
      return reduced(Math.addExact(Math.multiplyExact(num, o.den), Math.multiplyExact(o.num, den)),
          Math.multiplyExact(den, o.den));
    }

    Rational subtract(Rational o) {
      return reduced(Math.subtractExact(Math.multiplyExact(num, o.den), Math.multiplyExact(o.num, den)),
          Math.multiplyExact(den, o.den));
    }

    Rational multiply(Rational o) {
      return reduced(Math.multiplyExact(num, o.num), Math.multiplyExact(den, o.den));
    }

    Rational divide(Rational o) {
      return reduced(Math.multiplyExact(num, o.den), Math.multiplyExact(den, o.num));
    }

    boolean isInteger(long n) {
      return den == 1 && num == n;
    }
  }

  /**
   * A parsed expression: its exact value and its integer literals in reading order.
   *
   * @param value the exact value, or {@code null} when it is undefined (a division by zero) or does
   *     not fit (overflow); the text is still a well-formed expression
   * @param literals the numbers written, left to right
   */
  record Parsed(Rational value, List<Long> literals) {}

  /**
   * Parses and evaluates {@code text}.
   *
   * @param ops the binary operators allowed, e.g. {@code "+*"}
   * @param parentheses whether parentheses are allowed
   * @param strict no whitespace and no leading zeros in literals ({@code 0} itself is fine); when
   *     false, spaces between tokens are skipped and leading zeros accepted
   * @return the value and literals, or {@code null} if the text is not such an expression
   */
  static Parsed parse(String text, String ops, boolean parentheses, boolean strict) {
    if (text == null || text.length() > MAX_LENGTH) return null;
    Parser p = new Parser(text, ops, parentheses, strict);
    p.skipSpaces();
    Rational v = p.expr(0);
    p.skipSpaces();
    if (v == null || p.pos != text.length()) return null;
    return new Parsed(p.undefined ? null : v, List.copyOf(p.literals));
  }

  private static final class Parser {
    private final String s;
    private final String ops;
    private final boolean parentheses;
    private final boolean strict;
    private final List<Long> literals = new ArrayList<>();
    private int pos;
    /** Set when an operation had no value (division by zero, overflow); parsing goes on for the syntax. */
    private boolean undefined;

    Parser(String s, String ops, boolean parentheses, boolean strict) {
      this.s = s;
      this.ops = ops;
      this.parentheses = parentheses;
      this.strict = strict;
    }

    void skipSpaces() {
      if (strict) return;
      while (pos < s.length() && s.charAt(pos) == ' ') pos++;
    }

    private boolean at(char c) {
      skipSpaces();
      return pos < s.length() && s.charAt(pos) == c && ops.indexOf(c) >= 0;
    }

    Rational expr(int depth) {
      Rational v = term(depth);
      while (v != null && (at('+') || at('-'))) {
        char op = s.charAt(pos++);
        Rational r = term(depth);
        if (r == null) return null;
        v = apply(op, v, r);
      }
      return v;
    }

    Rational term(int depth) {
      Rational v = factor(depth);
      while (v != null && (at('*') || at('/'))) {
        char op = s.charAt(pos++);
        Rational r = factor(depth);
        if (r == null) return null;
        v = apply(op, v, r);
      }
      return v;
    }

    private Rational apply(char op, Rational a, Rational b) {
      if (undefined) return a;
      try {
        return switch (op) {
          case '+' -> a.add(b);
          case '-' -> a.subtract(b);
          case '*' -> a.multiply(b);
          default -> a.divide(b);
        };
      } catch (ArithmeticException e) {
        undefined = true;
        return a;
      }
    }

    Rational factor(int depth) {
      skipSpaces();
      if (pos >= s.length()) return null;
      char c = s.charAt(pos);
      if (c == '(') {
        if (!parentheses || depth >= MAX_DEPTH) return null;
        pos++;
        Rational v = expr(depth + 1);
        skipSpaces();
        if (v == null || pos >= s.length() || s.charAt(pos) != ')') return null;
        pos++;
        return v;
      }
      int start = pos;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
      int n = pos - start;
      if (n == 0) return null;
      if (strict && n > 1 && s.charAt(start) == '0') return null;
      if (n > MAX_LITERAL_DIGITS) { // well formed, but too large to compute with
        undefined = true;
        literals.add(-1L);
        return Rational.of(0);
      }
      long value = Long.parseLong(s, start, pos, 10);
      literals.add(value);
      return Rational.of(value);
    }
  }
}
