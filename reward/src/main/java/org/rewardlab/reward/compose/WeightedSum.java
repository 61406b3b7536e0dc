package org.rewardlab.reward.compose;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.reward.RewardFn;

/**
 * A weighted sum of reward functions, r = Σ_i w_i r_i. Its terms are the children's terms in order,
 * each multiplied by its child's weight, so they add up to the total.
 *
 * <p>Works for any input type. No allocation per call (one scratch array per child, made here). As
 * thread-safe as its children, except for the scratch arrays: use one instance per thread.
 *
 * @param <X> what is scored
 */
public final class WeightedSum<X> implements CompositeReward<X> {
  private final List<RewardFn<X>> children;
  private final double[] weights;
  private final double[][] scratch;
  private final int[] offsets;
  private final List<String> names;

  /**
   * @param children the rewards r_i
   * @param weights w_i, aligned with {@code children}
   * @throws UserInputException if two terms share a name
   */
  public WeightedSum(List<? extends RewardFn<X>> children, double[] weights) {
    if (children.isEmpty() || children.size() != weights.length) {
      throw new IllegalArgumentException(
          "WeightedSum needs as many weights as children, at least one; got "
              + children.size() + " children and " + weights.length + " weights");
    }
    this.children = List.copyOf(children);
    this.weights = weights.clone();
    this.scratch = new double[children.size()][];
    this.offsets = new int[children.size()];
    List<String> all = new ArrayList<>();
    for (int i = 0; i < children.size(); i++) {
      offsets[i] = all.size();
      List<String> n = children.get(i).termNames();
      scratch[i] = new double[n.size()];
      all.addAll(n);
    }
    this.names = List.copyOf(uniqueNames(all));
  }

  /**
   * Checks that {@code names} has no duplicate and returns it.
   *
   * @throws UserInputException naming the duplicate and the fix
   */
  public static List<String> uniqueNames(List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw new UserInputException(
            "reward",
            "the term name '" + n + "' is used twice (terms: " + names + ")",
            "give each term its own `name:`, e.g. `name: " + n + "_2`");
      }
    }
    return names;
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public List<RewardFn<X>> children() {
    return children;
  }

  @Override
  public double evaluate(X x, double[] termsOut) {
    double total = 0;
    for (int i = 0; i < scratch.length; i++) {
      double[] s = scratch[i];
      double w = weights[i];
      double r = children.get(i).evaluate(x, s);
      for (int j = 0; j < s.length; j++) termsOut[offsets[i] + j] = w * s[j];
      total += w * r;
    }
    return total;
  }

  @Override
  public void reset() {
    for (RewardFn<X> c : children) c.reset();
  }
}
