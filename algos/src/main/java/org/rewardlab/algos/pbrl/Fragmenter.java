package org.rewardlab.algos.pbrl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rewardlab.core.random.RandomSource;

/**
 * Cuts pairs of fragments out of recorded trajectories, as the imitation library's {@code RandomFragmenter}
 * with variable horizons allowed: a trajectory is drawn with probability proportional to its length, a start
 * uniformly among its transitions, and the fragment is the next {@code length} transitions, cut short where
 * the trajectory ends (so a fragment that reaches a terminal state is shorter, and its return says so).
 * Fragments are drawn with replacement.
 *
 * <p>Stateless; draws only from the stream it is given.
 */
public final class Fragmenter {
  private Fragmenter() {}

  /** A fragment: its transitions' features, their number, and its true (env) return. */
  public record Fragment(float[] features, int length, double trueReturn) {}

  /** {@code 2 * pairs} fragments of at most {@code length} transitions, in pairs (0,1), (2,3), ... */
  public static List<Fragment> sample(List<TransitionRecorder.Trajectory> trajectories, int pairs, int length,
      RandomSource rng) {
    if (length < 1) throw new IllegalArgumentException("fragment length must be >= 1");
    double[] w = new double[trajectories.size()];
    double total = 0;
    for (int i = 0; i < w.length; i++) {
      w[i] = trajectories.get(i).length();
      total += w[i];
    }
    if (total == 0) throw new IllegalStateException("no transitions recorded to cut fragments from");
    List<Fragment> out = new ArrayList<>(2 * pairs);
    for (int k = 0; k < 2 * pairs; k++) {
      TransitionRecorder.Trajectory t = trajectories.get(rng.categorical(w));
      int start = rng.nextInt(t.length());
      int end = Math.min(t.length(), start + length);
      double ret = 0;
      for (int s = start; s < end; s++) ret += t.envRewards()[s];
      out.add(new Fragment(Arrays.copyOfRange(t.features(), start * t.dim(), end * t.dim()), end - start, ret));
    }
    return out;
  }
}
