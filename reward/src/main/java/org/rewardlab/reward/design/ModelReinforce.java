package org.rewardlab.reward.design;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.reward.mdp.TabularMdp;

/**
 * A tabular softmax REINFORCE agent that learns from episodes sampled from a finite MDP's kernel: the
 * inner agent of the bi-level reward designs (BARFI, ExploRS, ExpAdaRD), whose outer loops change the
 * reward between the agent's updates — which the runner's {@code tabular-reinforce} (a fixed reward spec)
 * cannot do. The reward is handed to every {@link #update} as a table R(s, a, s') (flat {@code
 * [s][a][s']}), so the episodes keep only states and actions.
 *
 * <p>Update on a batch of E episodes, with returns-to-go G_t = Σ_k γ^k r_{t+k} under the given reward
 * and γ (an episode cut by the horizon bootstraps from V of its last state):
 * g(s,a) = (1/E)·Σ_episodes Σ_t (G_t − V(s_t))·(1[a = a_t] − π(a|s_t)) + c·∇H on the visited states, then
 * an RMSprop ascent step on the logits (decay 0.99, the BARFI code's optimizer: it makes the step size
 * independent of the reward's scale); the baseline V(s) ← V(s) + β(G_t − V(s)) (every-visit Monte Carlo).
 * Not thread-safe.
 */
public final class ModelReinforce {
  /**
   * @param learningRate RMSprop step of the logits
   * @param baselineRate β of the value baseline (0: no baseline)
   * @param entropyCoef c of the entropy bonus
   * @param horizon the most steps of a sampled episode
   */
  public record Config(double learningRate, double baselineRate, double entropyCoef, int horizon) {
    public Config {
      if (!(learningRate > 0) || !(baselineRate >= 0 && baselineRate <= 1) || !(entropyCoef >= 0) || horizon < 1) {
        throw new IllegalArgumentException("ModelReinforce config: need learningRate > 0, 0 <= baselineRate <= 1, "
            + "entropyCoef >= 0, horizon >= 1, got " + this);
      }
    }
  }

  /** One sampled episode: states s_0..s_T (T = actions.length), actions a_0..a_{T−1}, and whether s_T is terminal. */
  public record Episode(int[] states, int[] actions, boolean terminated) {
    /** Number of steps. */
    public int length() {
      return actions.length;
    }

    /** Undiscounted return under reward R(s, a, s') flat {@code [s][a][s']}. */
    public double sum(double[] reward, int nS, int nA) {
      double g = 0;
      for (int t = 0; t < actions.length; t++) g += reward[(states[t] * nA + actions[t]) * nS + states[t + 1]];
      return g;
    }
  }

  private static final double DECAY = 0.99;
  private static final double EPS = 1e-8;

  private final TabularMdp mdp;
  private final boolean[] terminal;
  private final Config cfg;
  private final int nS;
  private final int nA;
  private final double[] logits;
  private final double[] values;
  private final double[] square;

  /** A uniform policy (zero logits) and a zero baseline; {@code terminal} marks absorbing states. */
  public ModelReinforce(TabularMdp mdp, boolean[] terminal, Config cfg) {
    if (terminal.length != mdp.nS()) throw new IllegalArgumentException("terminal needs nS = " + mdp.nS() + " entries");
    this.mdp = mdp;
    this.terminal = terminal.clone();
    this.cfg = cfg;
    this.nS = mdp.nS();
    this.nA = mdp.nA();
    this.logits = new double[nS * nA];
    this.values = new double[nS];
    this.square = new double[nS * nA];
  }

  /** The logits θ, flat {@code [s][a]} (a copy). */
  public double[] logits() {
    return logits.clone();
  }

  /** π_θ, flat {@code [s][a]}. */
  public double[] policy() {
    return SoftmaxGradients.policy(logits, nS, nA);
  }

  /** The greedy action argmax θ(s, ·) per state (ties to the lowest action). */
  public int[] greedy() {
    int[] g = new int[nS];
    for (int s = 0; s < nS; s++) {
      for (int a = 1; a < nA; a++) if (logits[s * nA + a] > logits[s * nA + g[s]]) g[s] = a;
    }
    return g;
  }

  /** Samples one episode of π_θ from μ until a terminal state or the horizon. */
  public Episode sample(RandomSource rng) {
    double[] pi = policy();
    int s = draw(mdp.initial(), 0, nS, rng);
    List<Integer> states = new ArrayList<>();
    List<Integer> actions = new ArrayList<>();
    states.add(s);
    boolean done = terminal[s];
    while (!done && actions.size() < cfg.horizon()) {
      int a = draw(pi, s * nA, nA, rng);
      int next = drawNext(s, a, rng);
      actions.add(a);
      states.add(next);
      s = next;
      done = terminal[s];
    }
    return new Episode(states.stream().mapToInt(Integer::intValue).toArray(),
        actions.stream().mapToInt(Integer::intValue).toArray(), done);
  }

  /** One REINFORCE step on {@code episodes} under reward R(s, a, s') and discount {@code gamma}. */
  public void update(List<Episode> episodes, double[] reward, double gamma) {
    if (reward.length != nS * nA * nS) throw new IllegalArgumentException("reward needs nS*nA*nS entries");
    if (episodes.isEmpty()) return;
    double[] pi = policy();
    double[] grad = new double[nS * nA];
    boolean[] visited = new boolean[nS];
    for (Episode e : episodes) {
      int len = e.length();
      double g = e.terminated() ? 0 : values[e.states()[len]];
      for (int t = len - 1; t >= 0; t--) {
        int s = e.states()[t];
        int a = e.actions()[t];
        g = reward[(s * nA + a) * nS + e.states()[t + 1]] + gamma * g;
        double adv = g - (cfg.baselineRate() > 0 ? values[s] : 0);
        for (int b = 0; b < nA; b++) grad[s * nA + b] += adv * ((b == a ? 1 : 0) - pi[s * nA + b]) / episodes.size();
        visited[s] = true;
      }
    }
    if (cfg.entropyCoef() > 0) {
      for (int s = 0; s < nS; s++) {
        if (!visited[s]) continue;
        double h = 0;
        for (int a = 0; a < nA; a++) h -= pi[s * nA + a] * Math.log(pi[s * nA + a]);
        for (int a = 0; a < nA; a++) {
          double p = pi[s * nA + a];
          grad[s * nA + a] -= cfg.entropyCoef() * p * (Math.log(p) + h);
        }
      }
    }
    for (int i = 0; i < grad.length; i++) {
      square[i] = DECAY * square[i] + (1 - DECAY) * grad[i] * grad[i];
      logits[i] += cfg.learningRate() * grad[i] / (Math.sqrt(square[i]) + EPS);
    }
    if (cfg.baselineRate() > 0) {
      for (Episode e : episodes) {
        int len = e.length();
        double g = e.terminated() ? 0 : values[e.states()[len]];
        for (int t = len - 1; t >= 0; t--) {
          int s = e.states()[t];
          g = reward[(s * nA + e.actions()[t]) * nS + e.states()[t + 1]] + gamma * g;
          values[s] += cfg.baselineRate() * (g - values[s]);
        }
      }
    }
  }

  private int drawNext(int s, int a, RandomSource rng) {
    double u = rng.nextDouble();
    int off = (s * nA + a) * nS;
    double c = 0;
    int last = 0;
    for (int n = 0; n < nS; n++) {
      double p = mdp.p(off + n);
      if (p <= 0) continue;
      c += p;
      last = n;
      if (u < c) return n;
    }
    return last;
  }

  private static int draw(double[] p, int off, int n, RandomSource rng) {
    double u = rng.nextDouble();
    double c = 0;
    int last = 0;
    for (int i = 0; i < n; i++) {
      if (p[off + i] <= 0) continue;
      c += p[off + i];
      last = i;
      if (u < c) return i;
    }
    return last;
  }
}
