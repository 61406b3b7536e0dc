package org.rewardlab.algos.gfn;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.gfn.GfnEnv;
import org.rewardlab.envs.gfn.ExactDistribution;
import org.rewardlab.nn.MlpSnapshot;

/**
 * Samples trajectories from a forward policy in plain Java (a {@link MlpSnapshot} of P_F, all
 * trajectories of a batch stepped in lockstep): on-policy, with a sampling temperature on the logits
 * and ε-uniform exploration over the valid actions, {@code pi = (1-ε) softmax(logits/τ) + ε U(valid)}.
 * Masked actions never get probability. Also the forward policy as an {@link
 * ExactDistribution.ForwardPolicy} for exact evaluation (τ = 1, ε = 0).
 *
 * <p>Deterministic given the stream; not thread-safe (the snapshot's scratch buffers).
 */
public final class TrajectorySampler {
  private final GfnEnv env;
  private final MlpSnapshot pf;
  private final double temperature;
  private final double epsilon;

  public TrajectorySampler(GfnEnv env, MlpSnapshot pf, double temperature, double epsilon) {
    this.env = env;
    this.pf = pf;
    this.temperature = temperature;
    this.epsilon = epsilon;
  }

  /**
   * {@code n} trajectories from {@code s0}.
   *
   * @param truncateAfter stop after this many non-exit actions without exiting (0 = run to exit);
   *     a trajectory that exits earlier is complete
   */
  public List<Trajectory> sample(int n, int truncateAfter, RandomSource rng) {
    int na = env.numActions();
    int f = env.featureSize();
    List<List<int[]>> states = new ArrayList<>();
    List<List<Integer>> actions = new ArrayList<>();
    boolean[] done = new boolean[n];
    boolean[] complete = new boolean[n];
    int[][] cur = new int[n][];
    for (int i = 0; i < n; i++) {
      cur[i] = env.initialState();
      states.add(new ArrayList<>(List.of(cur[i])));
      actions.add(new ArrayList<>());
    }
    float[] x = new float[n * f];
    float[] logits = new float[n * na];
    double[] p = new double[na];
    boolean[] mask = new boolean[na];
    int[] active = new int[n];
    while (true) {
      int m = 0;
      for (int i = 0; i < n; i++) if (!done[i]) active[m++] = i;
      if (m == 0) break;
      for (int j = 0; j < m; j++) env.encode(cur[active[j]], x, j * f);
      pf.forward(x, m, logits);
      for (int j = 0; j < m; j++) {
        int i = active[j];
        env.forwardMask(cur[i], mask);
        policy(logits, j * na, mask, temperature, epsilon, p);
        int a = rng.categorical(p);
        actions.get(i).add(a);
        if (a == na - 1) {
          done[i] = true;
          complete[i] = true;
        } else {
          cur[i] = env.step(cur[i], a);
          states.get(i).add(cur[i]);
          if (truncateAfter > 0 && states.get(i).size() - 1 >= truncateAfter && !canOnlyExit(cur[i], mask)) done[i] = true;
        }
      }
    }
    List<Trajectory> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int[][] s = states.get(i).toArray(new int[0][]);
      int[] a = actions.get(i).stream().mapToInt(Integer::intValue).toArray();
      out.add(new Trajectory(s, a, complete[i], complete[i] ? env.logReward(s[s.length - 1]) : Double.NaN));
    }
    return out;
  }

  private boolean canOnlyExit(int[] s, boolean[] mask) {
    env.forwardMask(s, mask);
    for (int a = 0; a < mask.length - 1; a++) if (mask[a]) return false;
    return true;
  }

  /** {@code out = (1-ε) softmax(logits/τ) + ε U(valid)} over the valid actions (0 elsewhere). */
  static void policy(float[] logits, int off, boolean[] mask, double temperature, double epsilon, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    int valid = 0;
    for (int a = 0; a < mask.length; a++) {
      if (mask[a]) {
        max = Math.max(max, logits[off + a] / temperature);
        valid++;
      }
    }
    double sum = 0;
    for (int a = 0; a < mask.length; a++) {
      out[a] = mask[a] ? Math.exp(logits[off + a] / temperature - max) : 0;
      sum += out[a];
    }
    for (int a = 0; a < mask.length; a++) {
      out[a] = mask[a] ? (1 - epsilon) * out[a] / sum + epsilon / valid : 0;
    }
  }

  /** The forward policy (τ = 1, ε = 0) for {@link ExactDistribution#induced}. */
  public static ExactDistribution.ForwardPolicy exact(GfnEnv env, MlpSnapshot pf) {
    int na = env.numActions();
    int f = env.featureSize();
    return (states, out) -> {
      int chunk = 1024;
      float[] x = new float[chunk * f];
      float[] logits = new float[chunk * na];
      boolean[] mask = new boolean[na];
      for (int start = 0; start < states.size(); start += chunk) {
        int m = Math.min(chunk, states.size() - start);
        for (int j = 0; j < m; j++) env.encode(states.get(start + j), x, j * f);
        pf.forward(x, m, logits);
        for (int j = 0; j < m; j++) {
          env.forwardMask(states.get(start + j), mask);
          policy(logits, j * na, mask, 1.0, 0.0, out[start + j]);
        }
      }
    };
  }
}
