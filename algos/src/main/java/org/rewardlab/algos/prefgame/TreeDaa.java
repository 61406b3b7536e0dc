package org.rewardlab.algos.prefgame;

/**
 * Direct alignment algorithms (DPO, IPO, SLiC; RM §24) on the toy tree MDP of Rafailov et al. (2024): a sequence is
 * {@code depth} actions, each one of {@code actions}, and the policy is autoregressive and tabular, a softmax over
 * the actions at every internal node (prefix) of the tree, π(y) = Π_t π(a_t | a_&lt;t). Because siblings share a
 * node's softmax, pushing a loser down moves mass to its siblings, including sequences no pair ever shows, which is
 * how a DAA can raise its objective while the gold reward falls.
 *
 * <p>With Δ = [log π(y_w) − log π_ref(y_w)] − [log π(y_l) − log π_ref(y_l)] the per-pair losses are DPO −log σ(βΔ),
 * IPO (Δ − 1/(2β))² and SLiC max(0, 1 − βΔ); {@link #loss} returns the batch mean and adds its exact gradient.
 * Logits θ are laid out node-major, θ[node · A + a], nodes numbered level by level from the root. Stateless apart
 * from {@link Adam}.
 *
 * @param depth sequence length (≥ 1)
 * @param actions actions per node (≥ 2)
 */
public record TreeDaa(int depth, int actions) {
  public TreeDaa {
    if (depth < 1 || actions < 2 || Math.pow(actions, depth) > 1e6) {
      throw new IllegalArgumentException("tree DAA: need depth >= 1, actions >= 2 and at most 1e6 sequences");
    }
  }

  /** The three losses, as functions of Δ and β. */
  public enum Loss {
    DPO, IPO, SLIC;

    /** g(Δ; β). */
    public double value(double delta, double beta) {
      double x = beta * delta;
      return switch (this) {
        case DPO -> x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
        case IPO -> (delta - 1 / (2 * beta)) * (delta - 1 / (2 * beta));
        case SLIC -> Math.max(0, 1 - x);
      };
    }

    /** dg/dΔ. */
    public double slope(double delta, double beta) {
      double x = beta * delta;
      return switch (this) {
        case DPO -> -beta / (1 + Math.exp(x));
        case IPO -> 2 * (delta - 1 / (2 * beta));
        case SLIC -> x < 1 ? -beta : 0;
      };
    }
  }

  /** Number of sequences A^depth. */
  public int sequences() {
    int n = 1;
    for (int t = 0; t < depth; t++) n *= actions;
    return n;
  }

  /** Number of internal nodes 1 + A + … + A^(depth−1). */
  public int nodes() {
    int n = 0;
    int level = 1;
    for (int t = 0; t < depth; t++) {
      n += level;
      level *= actions;
    }
    return n;
  }

  /** Length of θ. */
  public int parameters() {
    return nodes() * actions;
  }

  private int node(int seq, int t) {
    int offset = 0;
    int level = 1;
    for (int i = 0; i < t; i++) {
      offset += level;
      level *= actions;
    }
    int rest = 1;
    for (int i = t; i < depth; i++) rest *= actions;
    return offset + seq / rest;
  }

  private int action(int seq, int t) {
    int rest = 1;
    for (int i = t + 1; i < depth; i++) rest *= actions;
    return (seq / rest) % actions;
  }

  /** log π(y). */
  public double logProb(double[] theta, int seq) {
    double s = 0;
    for (int t = 0; t < depth; t++) {
      int base = node(seq, t) * actions;
      s += theta[base + action(seq, t)] - logSumExp(theta, base);
    }
    return s;
  }

  /** π(y) for every sequence. */
  public double[] sequenceProbs(double[] theta) {
    double[] p = new double[sequences()];
    for (int y = 0; y < p.length; y++) p[y] = Math.exp(logProb(theta, y));
    return p;
  }

  private void addLogProbGrad(double[] theta, int seq, double coeff, double[] grad) {
    for (int t = 0; t < depth; t++) {
      int base = node(seq, t) * actions;
      double lse = logSumExp(theta, base);
      for (int a = 0; a < actions; a++) grad[base + a] -= coeff * Math.exp(theta[base + a] - lse);
      grad[base + action(seq, t)] += coeff;
    }
  }

  private double logSumExp(double[] theta, int base) {
    double mx = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < actions; a++) mx = Math.max(mx, theta[base + a]);
    double z = 0;
    for (int a = 0; a < actions; a++) z += Math.exp(theta[base + a] - mx);
    return mx + Math.log(z);
  }

  /** Δ of one pair. */
  public double margin(double[] theta, double[] ref, int winner, int loser) {
    return (logProb(theta, winner) - logProb(ref, winner)) - (logProb(theta, loser) - logProb(ref, loser));
  }

  /** The mean loss over the pairs; adds its gradient into {@code grad} (length {@link #parameters}). */
  public double loss(Loss loss, double beta, double[] theta, double[] ref, int[] winners, int[] losers,
      double[] grad) {
    if (winners.length != losers.length) throw new IllegalArgumentException("pair arrays differ in length");
    if (!(beta > 0)) throw new IllegalArgumentException("tree DAA: β must be > 0, got " + beta);
    int b = winners.length;
    double total = 0;
    for (int i = 0; i < b; i++) {
      double delta = margin(theta, ref, winners[i], losers[i]);
      total += loss.value(delta, beta);
      double s = loss.slope(delta, beta) / b;
      if (s != 0) {
        addLogProbGrad(theta, winners[i], s, grad);
        addLogProbGrad(theta, losers[i], -s, grad);
      }
    }
    return b == 0 ? 0 : total / b;
  }

  /** Adam (β₁ 0.9, β₂ 0.999, ε 1e-8) on a parameter vector, as the DAA papers' trainers use. Mutable. */
  public static final class Adam {
    private final double lr;
    private final double[] m;
    private final double[] v;
    private int t;

    public Adam(int size, double lr) {
      if (!(lr > 0)) throw new IllegalArgumentException("Adam: lr must be > 0");
      this.lr = lr;
      this.m = new double[size];
      this.v = new double[size];
    }

    /** θ ← θ − lr · m̂ / (√v̂ + ε), in place. */
    public void step(double[] theta, double[] grad) {
      t++;
      double c1 = 1 - Math.pow(0.9, t);
      double c2 = 1 - Math.pow(0.999, t);
      for (int i = 0; i < theta.length; i++) {
        m[i] = 0.9 * m[i] + 0.1 * grad[i];
        v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
        theta[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
      }
    }
  }
}
