package org.rewardlab.envs.text;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

/**
 * Countdown (TinyZero's task at CPU scale): given numbers and a target, write an expression that
 * reaches the target. See {@link CountdownProblem} for the formats and the verifier.
 *
 * <p>A draw takes the numbers uniformly from 1..maxNumber, then builds a random expression over all
 * of them (repeatedly combining two random sub-expressions with a random operation; intermediate
 * values stay positive integers, division only when exact, as in the game), and keeps its value as
 * the target when it lies in 1..maxTarget; otherwise it draws again. Every problem is therefore
 * solvable, and the built expression is its reference answer.
 *
 * <p>Immutable and thread-safe.
 */
public final class CountdownTask implements TextTask<CountdownProblem> {
  /** The registry name. */
  public static final String NAME = "countdown";
  /** The characters of prompts and answers. */
  public static final String ALPHABET = "0123456789+-*/(),:=";
  private static final int MAX_DRAWS = 100_000;

  private final CountdownConfig config;

  public CountdownTask(CountdownConfig config) {
    if (config == null) throw new IllegalArgumentException("CountdownTask needs a config; use CountdownConfig.defaults()");
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CountdownConfig config() {
    return config;
  }

  @Override
  public String alphabet() {
    return ALPHABET;
  }

  /** A built sub-expression: its value, its text, and the precedence of its top operator (3 = literal). */
  private record Node(long value, String text, int prec, char op) {}

  @Override
  public CountdownProblem sample(RandomSource rng) {
    for (int draw = 0; draw < MAX_DRAWS; draw++) {
      int[] nums = new int[config.numbers()];
      for (int i = 0; i < nums.length; i++) nums[i] = 1 + rng.nextInt(config.maxNumber());
      List<Node> pool = new ArrayList<>();
      for (int n : nums) pool.add(new Node(n, Integer.toString(n), 3, ' '));
      while (pool.size() > 1) {
        Node x = pool.remove(rng.nextInt(pool.size()));
        Node y = pool.remove(rng.nextInt(pool.size()));
        pool.add(combine(x, y, rng));
      }
      long target = pool.get(0).value();
      if (target >= 1 && target <= config.maxTarget()) {
        java.util.Arrays.sort(nums);
        List<Integer> sorted = new ArrayList<>();
        for (int n : nums) sorted.add(n);
        return new CountdownProblem(sorted, (int) target, config.useAll(), pool.get(0).text());
      }
    }
    throw new UserInputException("task.maxTarget",
        "no target in 1.." + config.maxTarget() + " was reached from " + config.numbers() + " numbers up to "
            + config.maxNumber() + " in " + MAX_DRAWS + " draws",
        "raise maxTarget or lower maxNumber / numbers");
  }

  /** x op y (or y op x) for a random op that keeps the value a positive integer; x + y always does. */
  private static Node combine(Node x, Node y, RandomSource rng) {
    if (x.value() < y.value()) {
      Node t = x;
      x = y;
      y = t;
    }
    List<Character> ops = new ArrayList<>(List.of('+', '*'));
    if (x.value() > y.value()) ops.add('-');
    if (y.value() > 1 && x.value() % y.value() == 0) ops.add('/');
    char op = ops.get(rng.nextInt(ops.size()));
    long v = switch (op) {
      case '+' -> x.value() + y.value();
      case '-' -> x.value() - y.value();
      case '*' -> x.value() * y.value();
      default -> x.value() / y.value();
    };
    int prec = op == '+' || op == '-' ? 1 : 2;
    // the left operand needs parentheses when it binds looser; the right one also when it binds
    // equally and the operator is not associative (a-(b-c), a/(b*c), a-(b+c))
    String left = x.prec() < prec ? "(" + x.text() + ")" : x.text();
    boolean wrapRight = y.prec() < prec || (y.prec() == prec && (op == '-' || op == '/'));
    String right = wrapRight ? "(" + y.text() + ")" : y.text();
    return new Node(v, left + op + right, prec, op);
  }

  /**
   * An upper bound: the multisets of {@code numbers} values from 1..maxNumber times the targets
   * (not every pair is reachable).
   */
  @Override
  public long problemCount() {
    long n = config.maxNumber();
    int k = config.numbers();
    long multisets = 1;
    for (int i = 1; i <= k; i++) multisets = multisets * (n + i - 1) / i; // C(n + k - 1, k), exact at each step
    return multisets * config.maxTarget();
  }

  @Override
  public int maxPromptLength() {
    int digits = Integer.toString(config.maxNumber()).length();
    int k = config.numbers();
    return k * digits + (k - 1) + 1 + Integer.toString(config.maxTarget()).length() + 1;
  }

  /** The longest expression the generator can write: every number, k − 1 operators, k − 2 pairs of parentheses. */
  @Override
  public int maxAnswerLength() {
    int digits = Integer.toString(config.maxNumber()).length();
    int k = config.numbers();
    return k * digits + (k - 1) + 2 * (k - 2);
  }

  @Override
  public String toString() {
    return "CountdownTask(" + config + ")";
  }
}
