package org.rewardlab.reward.compose;

import java.util.List;
import org.rewardlab.core.reward.RewardFn;

/**
 * A test input for the generic composites: a vector of values (one per leaf) and whether it is the
 * last step of its episode. {@link #leaf} reads one component as a named term.
 */
record Vec(double[] v, boolean last) {
  static Vec of(double... v) {
    return new Vec(v, false);
  }

  static Vec last(double... v) {
    return new Vec(v, true);
  }

  /** The term {@code name} = x.v[index]. */
  static RewardFn<Vec> leaf(String name, int index) {
    return new RewardFn<>() {
      @Override
      public List<String> termNames() {
        return List.of(name);
      }

      @Override
      public double evaluate(Vec x, double[] out) {
        out[0] = x.v[index];
        return out[0];
      }
    };
  }

  /** Two terms {@code a} = v[i], {@code b} = v[j] (a child with more than one term). */
  static RewardFn<Vec> pair(String a, int i, String b, int j) {
    return new WeightedSum<>(List.of(leaf(a, i), leaf(b, j)), new double[] {1, 1});
  }

  static double sum(double[] terms, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += terms[i];
    return s;
  }
}
