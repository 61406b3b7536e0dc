package org.rewardlab.envs.text;

import org.rewardlab.core.random.RandomSource;

/**
 * T-BANDIT (PO §0): a contextual bandit with a sequence policy. A prompt is a context c (uniform
 * over C); a response is a sequence y of L symbols from K arms; the reward r(c, y) comes from a
 * known table drawn from {@link BanditConfig#tableSeed()}, so the optimum, the value and the entropy
 * of any policy are computed exactly here.
 *
 * <p>Responses are indexed 0..K^L−1 in lexicographic order (index = Σ_t y_t K^(L−1−t), arm
 * {@code 'a'} = 0). With contexts uniform, for a policy π (rows π(·|c), each summing to 1):
 *
 * <ul>
 *   <li>value J(π) = (1/C) Σ_c Σ_y π(y|c) r(c, y); the optimum J* = (1/C) Σ_c max_y r(c, y);
 *   <li>entropy H(π) = (1/C) Σ_c −Σ_y π(y|c) ln π(y|c) (nats, over whole sequences);
 *   <li>the KL-regularised objective J_β(π) = J(π) − β (1/C) Σ_c KL(π(·|c) ‖ uniform), maximised by
 *       the softmax policy π_β(y|c) ∝ exp(r(c, y)/β) with value
 *       J_β* = (1/C) Σ_c β ln((1/K^L) Σ_y exp(r(c, y)/β)) — what KL-regularised RL from a uniform
 *       reference converges to.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class SequenceBandit implements TextTask<BanditProblem> {
  /** The registry name. */
  public static final String NAME = "bandit";
  private static final String DIGITS = "0123456789:";

  private final BanditConfig config;
  private final int actions;
  private final double[][] table;
  private final int[] optimal;
  private final double[] best;

  public SequenceBandit(BanditConfig config) {
    if (config == null) throw new IllegalArgumentException("SequenceBandit needs a config; use BanditConfig.defaults()");
    this.config = config;
    int k = config.arms();
    int l = config.length();
    int n = 1;
    for (int t = 0; t < l; t++) n *= k;
    this.actions = n;
    this.table = new double[config.contexts()][n];
    RandomSource rng = RandomSource.of(config.tableSeed()).derive("bandit.table");
    if (config.structure() == BanditConfig.Structure.RANDOM) {
      for (double[] row : table) for (int y = 0; y < n; y++) row[y] = rng.nextDouble();
    } else {
      for (double[] row : table) {
        double[][] w = new double[l][k];
        for (double[] wt : w) for (int s = 0; s < k; s++) wt[s] = rng.nextDouble();
        for (int y = 0; y < n; y++) {
          double sum = 0;
          int rest = y;
          for (int t = l - 1; t >= 0; t--) {
            sum += w[t][rest % k];
            rest /= k;
          }
          row[y] = sum / l;
        }
      }
    }
    this.optimal = new int[config.contexts()];
    this.best = new double[config.contexts()];
    for (int c = 0; c < table.length; c++) {
      int arg = 0;
      for (int y = 1; y < n; y++) if (table[c][y] > table[c][arg]) arg = y;
      optimal[c] = arg;
      best[c] = table[c][arg];
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public BanditConfig config() {
    return config;
  }

  /** Digits and {@code ':'} for prompts, then the arm symbols {@code a, b, ...}. */
  @Override
  public String alphabet() {
    StringBuilder sb = new StringBuilder(DIGITS);
    for (int s = 0; s < config.arms(); s++) sb.append((char) ('a' + s));
    return sb.toString();
  }

  @Override
  public BanditProblem sample(RandomSource rng) {
    return problem(rng.nextInt(config.contexts()));
  }

  /** The problem of context {@code c}. */
  public BanditProblem problem(int c) {
    checkContext(c);
    return new BanditProblem(c, this);
  }

  @Override
  public long problemCount() {
    return config.contexts();
  }

  @Override
  public int maxPromptLength() {
    return Integer.toString(config.contexts() - 1).length() + 1;
  }

  @Override
  public int maxAnswerLength() {
    return config.length();
  }

  /** K^L, the number of responses per context. */
  public int actionCount() {
    return actions;
  }

  /** r(c, y) for response index {@code y}. */
  public double reward(int c, int y) {
    checkContext(c);
    if (y < 0 || y >= actions) throw new IllegalArgumentException("response index " + y + " is not in 0.." + (actions - 1));
    return table[c][y];
  }

  /** The rewards of context {@code c} by response index (a copy). */
  public double[] rewards(int c) {
    checkContext(c);
    return table[c].clone();
  }

  /** The text of response index {@code y}, e.g. {@code "bca"}. */
  public String actionText(int y) {
    if (y < 0 || y >= actions) throw new IllegalArgumentException("response index " + y + " is not in 0.." + (actions - 1));
    char[] s = new char[config.length()];
    for (int t = s.length - 1; t >= 0; t--) {
      s[t] = (char) ('a' + y % config.arms());
      y /= config.arms();
    }
    return new String(s);
  }

  /** The index of response {@code text}, or −1 when it is not exactly L arm symbols. Never throws. */
  public int actionIndex(String text) {
    if (text == null || text.length() != config.length()) return -1;
    int y = 0;
    for (int t = 0; t < text.length(); t++) {
      int s = text.charAt(t) - 'a';
      if (s < 0 || s >= config.arms()) return -1;
      y = y * config.arms() + s;
    }
    return y;
  }

  /** The optimal response index of context {@code c} (the lowest one on ties). */
  public int optimalAction(int c) {
    checkContext(c);
    return optimal[c];
  }

  /** max_y r(c, y). */
  public double optimalValue(int c) {
    checkContext(c);
    return best[c];
  }

  /** J* = (1/C) Σ_c max_y r(c, y). */
  public double optimalValue() {
    double sum = 0;
    for (double b : best) sum += b;
    return sum / best.length;
  }

  /** The optimal policy that spreads evenly over tied maxima (its entropy is 0 unless rewards tie). */
  public double[][] optimalPolicy() {
    double[][] p = new double[table.length][actions];
    for (int c = 0; c < table.length; c++) {
      int ties = 0;
      for (int y = 0; y < actions; y++) if (table[c][y] == best[c]) ties++;
      for (int y = 0; y < actions; y++) if (table[c][y] == best[c]) p[c][y] = 1.0 / ties;
    }
    return p;
  }

  /**
   * The softmax policy π(y|c) ∝ exp(r(c, y)/temperature): the maximiser of J_β with β =
   * temperature.
   */
  public double[][] softmaxPolicy(double temperature) {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
    }
    double[][] p = new double[table.length][actions];
    for (int c = 0; c < table.length; c++) {
      double z = 0;
      for (int y = 0; y < actions; y++) {
        p[c][y] = Math.exp((table[c][y] - best[c]) / temperature);
        z += p[c][y];
      }
      for (int y = 0; y < actions; y++) p[c][y] /= z;
    }
    return p;
  }

  /** J(π) = (1/C) Σ_c Σ_y π(y|c) r(c, y). */
  public double value(double[][] policy) {
    checkPolicy(policy);
    double sum = 0;
    for (int c = 0; c < table.length; c++) for (int y = 0; y < actions; y++) sum += policy[c][y] * table[c][y];
    return sum / table.length;
  }

  /** H(π) = (1/C) Σ_c −Σ_y π(y|c) ln π(y|c), in nats. */
  public double entropy(double[][] policy) {
    checkPolicy(policy);
    double sum = 0;
    for (double[] row : policy) for (double q : row) if (q > 0) sum -= q * Math.log(q);
    return sum / table.length;
  }

  /** J_β(π) = J(π) − β (1/C) Σ_c KL(π(·|c) ‖ uniform) = J(π) + β (H(π) − L ln K). */
  public double regularizedObjective(double[][] policy, double beta) {
    return value(policy) + beta * (entropy(policy) - Math.log(actions));
  }

  /** J_β* = (1/C) Σ_c β ln((1/K^L) Σ_y exp(r(c, y)/β)), computed stably; reached by {@link #softmaxPolicy}(β). */
  public double regularizedOptimum(double beta) {
    if (!(beta > 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("beta must be positive and finite, got " + beta);
    double sum = 0;
    for (int c = 0; c < table.length; c++) {
      double z = 0;
      for (int y = 0; y < actions; y++) z += Math.exp((table[c][y] - best[c]) / beta);
      sum += best[c] + beta * Math.log(z / actions);
    }
    return sum / table.length;
  }

  private void checkContext(int c) {
    if (c < 0 || c >= table.length) {
      throw new IllegalArgumentException("context " + c + " is not in 0.." + (table.length - 1));
    }
  }

  private void checkPolicy(double[][] policy) {
    if (policy.length != table.length) {
      throw new IllegalArgumentException("a policy needs " + table.length + " rows (contexts), got " + policy.length);
    }
    for (int c = 0; c < policy.length; c++) {
      if (policy[c].length != actions) {
        throw new IllegalArgumentException("policy row " + c + " needs " + actions + " probabilities, got " + policy[c].length);
      }
      double s = 0;
      for (double q : policy[c]) {
        if (!(q >= 0)) throw new IllegalArgumentException("policy row " + c + " has a negative or NaN probability " + q);
        s += q;
      }
      if (Math.abs(s - 1) > 1e-9) throw new IllegalArgumentException("policy row " + c + " sums to " + s + ", not 1");
    }
  }

  @Override
  public String toString() {
    return "SequenceBandit(" + config + ")";
  }
}
