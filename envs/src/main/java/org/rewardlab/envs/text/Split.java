package org.rewardlab.envs.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

/**
 * A train/test split of a {@link TextTask}, drawn from a seed: the test set is {@code testSize}
 * distinct problems drawn from the stream {@code "test"} of the seed; train problems come from any
 * stream and are redrawn whenever they hit the test set (rejection), so no train problem is ever a
 * test problem (compared by {@link Problem#key()}).
 *
 * <p>The same seed gives the same test set and the same {@link #train(int)} list; another seed gives
 * other ones. A task's problem count bounds the test set at half of it, so rejection stays cheap.
 *
 * <p>Immutable and thread-safe (each call's {@link RandomSource} is the caller's).
 *
 * @param <P> the problem type
 */
public final class Split<P extends Problem> {
  /** Draws allowed per requested problem before giving up (the task has too few problems left). */
  private static final int DRAWS_PER_PROBLEM = 1000;

  private final TextTask<P> task;
  private final long seed;
  private final List<P> test;
  private final Set<String> testKeys;

  Split(TextTask<P> task, long seed, int testSize) {
    this.task = task;
    this.seed = seed;
    long count = task.problemCount();
    if (testSize < 0 || testSize > count / 2) {
      throw new UserInputException("testSize",
          "a test set of " + testSize + " problems does not fit task " + task.name() + ", which has "
              + (count == Long.MAX_VALUE ? "very many" : String.valueOf(count)) + " distinct problems",
          "use 0.." + count / 2 + " (at most half of them), or a task with more problems (e.g. more digits)");
    }
    Map<String, P> drawn = new LinkedHashMap<>();
    RandomSource rng = RandomSource.of(seed).derive("test");
    long budget = (long) DRAWS_PER_PROBLEM * testSize + DRAWS_PER_PROBLEM;
    while (drawn.size() < testSize) {
      if (budget-- <= 0) throw tooFew("test", testSize);
      P p = task.sample(rng);
      drawn.putIfAbsent(p.key(), p);
    }
    this.test = List.copyOf(drawn.values());
    this.testKeys = Collections.unmodifiableSet(new HashSet<>(drawn.keySet()));
  }

  /** The task split. */
  public TextTask<P> task() {
    return task;
  }

  /** The seed the split was drawn from. */
  public long seed() {
    return seed;
  }

  /** The test problems, distinct, in draw order. */
  public List<P> test() {
    return test;
  }

  /** The keys of the test problems. */
  public Set<String> testKeys() {
    return testKeys;
  }

  /** Whether {@code p} is a test problem. */
  public boolean isTest(Problem p) {
    return testKeys.contains(p.key());
  }

  /**
   * A train problem drawn from {@code rng} (with replacement across calls): the task's next problem
   * that is not a test problem.
   */
  public P sampleTrain(RandomSource rng) {
    for (int i = 0; i < DRAWS_PER_PROBLEM; i++) {
      P p = task.sample(rng);
      if (!testKeys.contains(p.key())) return p;
    }
    throw tooFew("train", 1);
  }

  /**
   * {@code count} distinct train problems drawn from the stream {@code "train"} of the seed: the
   * same list for the same seed, none of them a test problem.
   *
   * @throws UserInputException if the task has fewer than {@code count} problems outside the test set
   */
  public List<P> train(int count) {
    if (count < 0) throw new IllegalArgumentException("count must be >= 0, got " + count);
    long available = task.problemCount() - test.size();
    if (count > available) {
      throw new UserInputException("train size",
          count + " distinct train problems requested but task " + task.name() + " has at most " + available
              + " outside the test set",
          "ask for at most " + available + ", or sample with replacement (sampleTrain)");
    }
    RandomSource rng = RandomSource.of(seed).derive("train");
    Map<String, P> drawn = new LinkedHashMap<>();
    long budget = (long) DRAWS_PER_PROBLEM * count + DRAWS_PER_PROBLEM;
    while (drawn.size() < count) {
      if (budget-- <= 0) throw tooFew("train", count);
      P p = task.sample(rng);
      if (!testKeys.contains(p.key())) drawn.putIfAbsent(p.key(), p);
    }
    return List.copyOf(new ArrayList<>(drawn.values()));
  }

  private UserInputException tooFew(String part, int wanted) {
    return new UserInputException(part + " split",
        "could not draw " + wanted + " distinct " + part + " problems from task " + task.name()
            + " (" + task.config() + "): it has too few distinct problems",
        "make the task larger (more digits, longer strings) or ask for fewer problems");
  }

  @Override
  public String toString() {
    return "Split(" + task.name() + ", seed " + seed + ", test " + test.size() + ")";
  }
}
