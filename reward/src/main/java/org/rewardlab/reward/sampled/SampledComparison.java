package org.rewardlab.reward.sampled;

import java.util.List;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.HasState;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.space.Discrete;

/**
 * Sample-based EPIC and STARC distances between two rewards on any environment whose kernel exposes
 * its state ({@link HasState}) — the tabular {@code reward.compare} distances estimated from
 * simulation. One draw:
 *
 * <ol>
 *   <li><b>Coverage.</b> N transitions (s_i, a_i, s'_i) of uniformly random actions from the states
 *       random rollouts visit ({@link CoverageSample}); their uniform mixture is the coverage D, their
 *       states s_i are D_S, and D_A is uniform over the action space.
 *   <li><b>EPIC by sampling</b> (Gleave et al., ICLR 2021; evaluating-rewards {@code epic_sample.py}):
 *       M = N pairs (a_j, s''_j), a_j ~ D_A, s''_j ~ D_S; m(x) = (1/M) Σ_j R(x, a_j, s''_j), M̄ = (1/M)
 *       Σ_j m(s''_j), and the canonical potential V(x) = m(x) + γM̄/(1 − γ), so that C(R)(s,a,s') =
 *       R(s,a,s') + γV(s') − V(s) = R + γm(s') − m(s) − γM̄, EPIC's formula. A terminal s' has V = 0 —
 *       the value of the absorbing end — so a potential term with the terminal rule Φ(s_T) = 0 is removed
 *       exactly as well (EPIC's code instead pretends episodes never end, which would hide every reward
 *       paid on termination). The distance is EPIC's sqrt((1 − ρ)/2), ρ the Pearson correlation of
 *       C(R1), C(R2) over the coverage transitions.
 *   <li><b>STARC by sampling</b> (Skalse et al., ICLR 2024): value-adjusted levelling with the
 *       uniformly random policy π, c(R)(s,a) = Q^π(s,a) − V^π(s) = E[R(s,a,S') + γV^π(S')] − V^π(s),
 *       by K Monte Carlo rollouts per action from each coverage state (restarted with {@link
 *       HasState#setState}; V^π(s) = the mean over actions of Q̂ for Discrete actions, K rollouts with a
 *       random first action for Box), horizon H with γ^H ≤ 1e-4 unless given; normalised by the
 *       coverage-weighted L2 norm sqrt(E_D c²) and compared in it: d = sqrt(E_D (c1/‖c1‖ − c2/‖c2‖)²) =
 *       sqrt(2 − 2⟨c1,c2⟩_D/(‖c1‖_D‖c2‖_D)) ∈ [0, 2], no ½ (RM §1 d′). Norms and the inner product are
 *       cross-fitted — the rollouts split into two independent halves A, B and ‖c‖² estimated by
 *       E_D[c^A c^B] — because the plug-in E_D[ĉ²] adds the rollouts' variance and biases d by O(1/K).
 *       Both rewards are evaluated on the same rollouts.
 * </ol>
 *
 * Every transition is scored with {@code truncated = false}: time limits are not part of the MDP. The
 * env's own reward on a triple that was never simulated comes from {@link EnvRewardModel} when the
 * kernel implements it, and otherwise by re-simulating (s, a). The estimate is the mean of R
 * independent draws and its standard error sd/√R. On a tabular env the draws converge to the exact
 * {@code PearsonDistance} (EPIC canonicalisation with D_S = the coverage's state distribution, Pearson
 * under the coverage) and {@code StarcDistance} (VAL, weighted L2 under the coverage) at the rate
 * 1/√N (tested). Stateless; each call uses its own env copies and random streams derived from the
 * given one, so the same seed gives the same numbers.
 */
public final class SampledComparison {
  /** γ^H ≤ this sets the rollout horizon when none is given. */
  public static final double HORIZON_TOLERANCE = 1e-4;

  /** Canonical rewards with an RMS below this fraction of the reward's RMS count as zero. */
  static final double ZERO_RELATIVE = 1e-10;

  /** The conventions the numbers follow, for the output. */
  public static final List<String> CONVENTIONS = List.of(
      "coverage D: N transitions of uniformly random actions from the states uniformly random rollouts visit (episodes"
          + " reset when they end or reach the env's time limit); D_S = their states, D_A = uniform over the action"
          + " space (Box: uniform within its bounds)",
      "EPIC by sampling (Gleave et al. 2021, epic_sample.py): M = N pairs (a, s'') from D_A x D_S estimate"
          + " m(x) = E R(x, A, S''); C = R + gamma V(s') - V(s) with V(x) = m(x) + gamma E m / (1 - gamma), i.e."
          + " EPIC's R + gamma m(s') - m(s) - gamma E m; a terminal s' has V = 0 (EPIC's code pretends episodes never"
          + " end); distance sqrt((1 - rho)/2), rho the Pearson correlation over D",
      "STARC by sampling: VAL c(s,a) = Q(s,a) - V(s) of the uniformly random policy from K Monte Carlo rollouts per"
          + " action from each coverage state (horizon H with gamma^H <= 1e-4), normalised by the D-weighted L2 norm;"
          + " distance = D-weighted L2 norm of the difference, range [0, 2], no 1/2 factor; norms and inner products"
          + " cross-fitted from two independent halves of the rollouts (removes the O(1/K) Monte Carlo bias)",
      "time limits are not part of the MDP: every transition is scored with truncated = false",
      "the env's reward on a triple it never simulated (EPIC's mesh): its EnvRewardModel if it has one, else the reward"
          + " of re-simulating (s, a) from s, i.e. E r_env(s, a, S') (exact when r_env does not depend on s')",
      "estimate = mean of R independent draws (seeds derived from --seed); standard error = sd / sqrt(R)");

  private SampledComparison() {}

  /**
   * How much to sample.
   *
   * @param samples N, coverage transitions per draw (and EPIC's mean samples M = N), at least 10
   * @param rollouts K, Monte Carlo rollouts per (state, action) for STARC's values, at least 2 (split in halves)
   * @param repeats R, independent draws (at least 1; 2 or more for a standard error)
   * @param gamma γ in [0, 1): the discount of the comparison (and of potential terms that leave theirs out)
   * @param horizon H, rollout length; 0 chooses the smallest H with γ^H ≤ 1e-4
   * @param episodeLimit cut coverage episodes after this many steps if the env has not ended them (0: only
   *     the env's own time limit)
   */
  public record Config(int samples, int rollouts, int repeats, double gamma, int horizon, int episodeLimit) {
    public Config {
      if (samples < 10) {
        throw new IllegalArgumentException("samples must be >= 10, got " + samples + " (the default is 1000)");
      }
      if (rollouts < 2) {
        throw new IllegalArgumentException("rollouts must be >= 2 (two independent halves), got " + rollouts
            + " (the default is 4)");
      }
      if (repeats < 1) {
        throw new IllegalArgumentException("repeats must be >= 1, got " + repeats + " (the default is 5)");
      }
      if (!(gamma >= 0 && gamma < 1)) {
        throw new IllegalArgumentException("gamma must be in [0, 1), got " + gamma + " (e.g. 0.99)");
      }
      if (horizon < 0 || episodeLimit < 0) {
        throw new IllegalArgumentException("horizon and episodeLimit must be >= 0 (0 = automatic)");
      }
    }

    /** 1000 samples, 4 rollouts, 5 draws, γ = 0.99, automatic horizon, episodes cut at 1000 steps. */
    public static Config defaults() {
      return new Config(1000, 4, 5, 0.99, 0, 1000);
    }

    /** This config with another N. */
    public Config withSamples(int n) {
      return new Config(n, rollouts, repeats, gamma, horizon, episodeLimit);
    }

    /** The rollout horizon used: {@code horizon}, or the smallest H with γ^H ≤ 1e-4. */
    public int effectiveHorizon() {
      if (horizon > 0) return horizon;
      if (gamma == 0) return 1;
      return (int) Math.ceil(Math.log(HORIZON_TOLERANCE) / Math.log(gamma));
    }
  }

  /**
   * An estimate from R draws.
   *
   * @param mean the mean of the draws
   * @param standardError sd/√R (NaN for one draw)
   * @param draws the draws
   */
  public record Estimate(double mean, double standardError, double[] draws) {
    public Estimate {
      draws = draws.clone();
    }

    @Override
    public double[] draws() {
      return draws.clone();
    }

    static Estimate of(double[] x) {
      double mean = 0;
      for (double v : x) mean += v;
      mean /= x.length;
      double ss = 0;
      for (double v : x) ss += (v - mean) * (v - mean);
      double se = x.length < 2 ? Double.NaN : Math.sqrt(ss / (x.length - 1) / x.length);
      return new Estimate(mean, se, x);
    }
  }

  /**
   * The result.
   *
   * @param epic EPIC's Pearson distance, in [0, 1]
   * @param starc STARC (VAL, D-weighted L2), in [0, 2]
   * @param config what was sampled
   * @param horizon the rollout horizon used
   * @param envRewardModel whether the env scored unsimulated triples itself (else: re-simulation)
   * @param episodes coverage episodes per draw (mean)
   * @param terminations terminal coverage transitions per draw (mean)
   * @param notes what a reader should know about these numbers (a canonical reward that vanished, no
   *     terminations seen)
   */
  public record Result(Estimate epic, Estimate starc, Config config, int horizon, boolean envRewardModel,
      double episodes, double terminations, List<String> notes) {
    public Result {
      notes = List.copyOf(notes);
    }
  }

  /**
   * Estimates EPIC and STARC between {@code r1} and {@code r2} on {@code env}.
   *
   * @param env the environment (with its time limit, as {@code EnvRegistry.make} returns it); it is
   *     reset and stepped for the coverage, and copied for the simulations
   * @param rng the root of the random streams (draw k uses {@code rng.derive("draw-" + k)})
   * @throws UserInputException if the env's kernel does not expose its state
   */
  public static Result compare(FlatEnv env, RewardFn<FlatTransition> r1, RewardFn<FlatTransition> r2, Config config,
      RandomSource rng) {
    if (!(env.unwrapped() instanceof HasState)) {
      throw new UserInputException(env.spec().id(), "its kernel does not expose its state (HasState)",
          "sample-based comparison restarts the env from visited states; implement HasState on the env");
    }
    FlatEnv sim = env.copy().unwrapped();
    if (!(sim instanceof HasState)) {
      throw new IllegalStateException(env.spec().id() + ": copy() lost HasState");
    }
    double[] epic = new double[config.repeats()];
    double[] starc = new double[config.repeats()];
    double episodes = 0;
    double terminations = 0;
    int[][] zero = new int[2][2];
    for (int k = 0; k < config.repeats(); k++) {
      RandomSource draw = rng.derive("draw-" + k);
      Draw d = new Draw(env, sim, r1, r2, config, draw);
      epic[k] = d.epic();
      starc[k] = d.starc();
      episodes += d.coverage.episodes / (double) config.repeats();
      for (boolean t : d.coverage.terminated) {
        terminations += t ? 1.0 / config.repeats() : 0;
      }
      for (int r = 0; r < 2; r++) {
        zero[0][r] += d.zero[0][r] ? 1 : 0;
        zero[1][r] += d.zero[1][r] ? 1 : 0;
      }
    }
    java.util.List<String> notes = new java.util.ArrayList<>();
    String[] which = {"the first reward", "the second reward"};
    String[] method = {"EPIC", "STARC"};
    for (int m = 0; m < 2; m++) {
      for (int r = 0; r < 2; r++) {
        if (zero[m][r] > 0) {
          notes.add(String.format(java.util.Locale.ROOT, "%s's %s canonical reward vanished in %d of %d draws: on the"
              + " covered transitions it is equivalent to a constant, so it sits at %s from any reward that is not",
              which[r], method[m], zero[m][r], config.repeats(), m == 0 ? "0.5" : "1"));
        }
      }
    }
    if (terminations == 0) {
      notes.add("no coverage transition terminated: what a reward pays on termination (a goal bonus, a failure"
          + " penalty) is invisible here, because the random coverage policy never got there");
    }
    return new Result(Estimate.of(epic), Estimate.of(starc), config, config.effectiveHorizon(),
        sim instanceof EnvRewardModel, episodes, terminations, notes);
  }

  /** One draw: a coverage sample and the two estimates on it. */
  private static final class Draw {
    final CoverageSample coverage;
    final FlatEnv sim;
    final HasState simState;
    final EnvRewardModel model;
    final RewardFn<FlatTransition> r1;
    final RewardFn<FlatTransition> r2;
    final double[] terms1;
    final double[] terms2;
    final Config config;
    final RandomSource rng;
    final FlatTransition cursor;
    final float[] scratch;
    /** zero[method][reward]: whether the canonical reward vanished (method 0 EPIC, 1 STARC). */
    final boolean[][] zero = new boolean[2][2];

    Draw(FlatEnv env, FlatEnv sim, RewardFn<FlatTransition> r1, RewardFn<FlatTransition> r2, Config config,
        RandomSource rng) {
      this.config = config;
      this.rng = rng;
      this.sim = sim;
      this.simState = (HasState) sim;
      this.model = sim instanceof EnvRewardModel m ? m : null;
      this.r1 = r1;
      this.r2 = r2;
      this.terms1 = new double[r1.termNames().size()];
      this.terms2 = new double[r2.termNames().size()];
      this.coverage = CoverageSample.collect(env, (HasState) env.unwrapped(), config.samples(), config.episodeLimit(),
          rng.derive("coverage"));
      this.cursor = new FlatTransition(coverage.obsSize, coverage.actionSize);
      this.scratch = new float[coverage.obsSize];
      sim.reset(rng.derive("simulator").nextLong(), scratch, 0);
    }

    /** Restarts the simulator in {@code state} (a reset first clears its episode counters). */
    private void restart(double[] state) {
      sim.reset(scratch, 0);
      simState.setState(state);
    }

    /** The env's reward on (s, a, s''), which may never have been simulated. */
    private double envReward(int s, float[] actions, int aOff, float[] nextObs, int nOff, double[] sState) {
      if (model != null) {
        return model.envReward(coverageObs(s), obsOffset(s), actions, aOff, nextObs, nOff);
      }
      restart(sState);
      return sim.step(actions, aOff, scratch, 0);
    }

    // coverage states are indexed 0..n-1 (s_i) and n..2n-1 (s'_i, for next states that are not an s_j)
    private float[] coverageObs(int x) {
      return x < coverage.n ? coverage.obs : coverage.nextObs;
    }

    private int obsOffset(int x) {
      return (x < coverage.n ? x : x - coverage.n) * coverage.obsSize;
    }

    private double[] coverageState(int x) {
      return x < coverage.n ? coverage.states[x] : coverage.nextStates[x - coverage.n];
    }

    double epic() {
      int n = coverage.n;
      int m = n;
      int as = coverage.actionSize;
      RandomSource meanRng = rng.derive("epic");
      float[] meanActions = new float[m * as];
      int[] meanStates = new int[m];
      for (int j = 0; j < m; j++) {
        CoverageSample.randomAction(sim.actionSpace(), meanRng, meanActions, j * as);
        meanStates[j] = meanRng.nextInt(n);
      }
      // m(x) for every coverage state s_i, and for next states that start no coverage transition
      double[][] mS = new double[2][n];
      double[][] mNext = new double[2][n];
      for (int i = 0; i < n; i++) {
        meanReward(i, meanActions, meanStates, mS, i);
        if (!coverage.terminated[i] && coverage.nextIndex[i] < 0) {
          meanReward(n + i, meanActions, meanStates, mNext, i);
        }
      }
      double[] total = new double[2];
      for (int j = 0; j < m; j++) {
        total[0] += mS[0][meanStates[j]] / m;
        total[1] += mS[1][meanStates[j]] / m;
      }
      double gamma = config.gamma();
      double[][] c = new double[2][n];
      double[][] raw = new double[2][n];
      for (int i = 0; i < n; i++) {
        cursor.set(coverage.obs, i * coverage.obsSize, coverage.actions, i * as, coverage.envRewards[i], coverage.nextObs,
            i * coverage.obsSize, coverage.terminated[i], false);
        r1.reset();
        r2.reset();
        raw[0][i] = r1.evaluate(cursor, terms1);
        raw[1][i] = r2.evaluate(cursor, terms2);
        for (int k = 0; k < 2; k++) {
          double shift = gamma * total[k] / (1 - gamma);
          double vS = mS[k][i] + shift;
          double vNext;
          if (coverage.terminated[i]) {
            vNext = 0;
          } else if (coverage.nextIndex[i] >= 0) {
            vNext = mS[k][coverage.nextIndex[i]] + shift;
          } else {
            vNext = mNext[k][i] + shift;
          }
          c[k][i] = raw[k][i] + gamma * vNext - vS;
        }
      }
      zero[0][0] = !hasSpread(c[0], raw[0]);
      zero[0][1] = !hasSpread(c[1], raw[1]);
      return pearsonDistance(c[0], c[1], raw[0], raw[1]);
    }

    /** m(x) = (1/M) Σ_j R(x, a_j, s''_j) for both rewards, into out[k][at]. */
    private void meanReward(int x, float[] meanActions, int[] meanStates, double[][] out, int at) {
      float[] xObs = coverageObs(x);
      int xOff = obsOffset(x);
      double[] xState = coverageState(x);
      int as = coverage.actionSize;
      int m = meanStates.length;
      double s1 = 0;
      double s2 = 0;
      for (int j = 0; j < m; j++) {
        int next = meanStates[j];
        double rEnv = envReward(x, meanActions, j * as, coverage.obs, next * coverage.obsSize, xState);
        cursor.set(xObs, xOff, meanActions, j * as, rEnv, coverage.obs, next * coverage.obsSize, false, false);
        r1.reset();
        r2.reset();
        s1 += r1.evaluate(cursor, terms1);
        s2 += r2.evaluate(cursor, terms2);
      }
      out[0][at] = s1 / m;
      out[1][at] = s2 / m;
    }

    /**
     * VAL by Monte Carlo, cross-fitted: the K rollouts per (state, action) are split into two independent
     * halves giving c^A and c^B, and squared norms and inner products are estimated by E_D[c^A·c^B]
     * (averaging the two cross pairings for ⟨c1, c2⟩), which is unbiased where E_D[ĉ²] would add the
     * rollouts' variance. d = sqrt(2 − 2⟨c1,c2⟩/(‖c1‖‖c2‖)), clamped to [0, 2]; a reward whose canonical
     * norm is below 1e-10 of its own standardises to 0 (distance 1 to any other, 0 between two such).
     */
    double starc() {
      int n = coverage.n;
      int as = coverage.actionSize;
      int k = config.rollouts();
      int half = (k + 1) / 2;
      int horizon = config.effectiveHorizon();
      RandomSource rollRng = rng.derive("starc");
      // c[r][h][i]: reward r, half h, coverage transition i
      double[][][] c = new double[2][2][n];
      float[] first = new float[as];
      double[] g = new double[2];
      for (int i = 0; i < n; i++) {
        double[] state = coverage.states[i];
        if (sim.actionSpace() instanceof Discrete d) {
          double[][][] q = new double[2][2][d.n()];
          for (int b = 0; b < d.n(); b++) {
            first[0] = b;
            for (int rep = 0; rep < k; rep++) {
              int h = rep < half ? 0 : 1;
              int size = h == 0 ? half : k - half;
              rollout(state, i, first, horizon, rollRng, g);
              q[0][h][b] += g[0] / size;
              q[1][h][b] += g[1] / size;
            }
          }
          int taken = (int) coverage.actions[i * as];
          for (int r = 0; r < 2; r++) {
            for (int h = 0; h < 2; h++) {
              double v = 0;
              for (int b = 0; b < d.n(); b++) v += q[r][h][b] / d.n();
              c[r][h][i] = q[r][h][taken] - v;
            }
          }
        } else {
          System.arraycopy(coverage.actions, i * as, first, 0, as);
          float[] random = new float[as];
          for (int rep = 0; rep < k; rep++) {
            int h = rep < half ? 0 : 1;
            int size = h == 0 ? half : k - half;
            rollout(state, i, first, horizon, rollRng, g);
            c[0][h][i] += g[0] / size;
            c[1][h][i] += g[1] / size;
            CoverageSample.randomAction(sim.actionSpace(), rollRng, random, 0);
            rollout(state, i, random, horizon, rollRng, g);
            c[0][h][i] -= g[0] / size;
            c[1][h][i] -= g[1] / size;
          }
        }
      }
      double[][] raw = new double[2][n];
      for (int i = 0; i < n; i++) {
        cursor.set(coverage.obs, i * coverage.obsSize, coverage.actions, i * as, coverage.envRewards[i], coverage.nextObs,
            i * coverage.obsSize, coverage.terminated[i], false);
        r1.reset();
        r2.reset();
        raw[0][i] = r1.evaluate(cursor, terms1);
        raw[1][i] = r2.evaluate(cursor, terms2);
      }
      zero[1][0] = !hasNorm(c[0][0], c[0][1], raw[0]);
      zero[1][1] = !hasNorm(c[1][0], c[1][1], raw[1]);
      return crossFittedDistance(c[0][0], c[0][1], c[1][0], c[1][1], raw[0], raw[1]);
    }

    /** Discounted returns of both rewards from coverage state {@code i}, first action {@code first}, then uniform. */
    private void rollout(double[] state, int i, float[] first, int horizon, RandomSource actions, double[] out) {
      int os = coverage.obsSize;
      int as = coverage.actionSize;
      restart(state);
      float[] cur = new float[os];
      float[] next = new float[os];
      float[] action = first.clone();
      System.arraycopy(coverage.obs, i * os, cur, 0, os);
      r1.reset();
      r2.reset();
      double disc = 1;
      double g1 = 0;
      double g2 = 0;
      for (int t = 0; t < horizon; t++) {
        double rEnv = sim.step(action, 0, next, 0);
        boolean term = sim.terminated();
        cursor.set(cur, 0, action, 0, rEnv, next, 0, term, false);
        g1 += disc * r1.evaluate(cursor, terms1);
        g2 += disc * r2.evaluate(cursor, terms2);
        if (term) break;
        disc *= config.gamma();
        float[] swap = cur;
        cur = next;
        next = swap;
        CoverageSample.randomAction(sim.actionSpace(), actions, action, 0);
      }
      out[0] = g1;
      out[1] = g2;
      if (as != action.length) throw new IllegalStateException("action size changed");
    }
  }

  /**
   * STARC's L2 distance ‖c1/‖c1‖ − c2/‖c2‖‖ under equal weights, from two independent estimates (A, B) of
   * each canonical reward: ‖c‖² ≈ E[c^A c^B], and d² = E[(s1^A − s2^A)(s1^B − s2^B)] with s = c/‖c‖, which
   * is 2 − 2⟨c1,c2⟩/(‖c1‖‖c2‖) with the inner product cross-fitted too. A canonical reward whose norm
   * vanishes standardises to 0 (distance 1 to any other, 0 between two such).
   */
  static double crossFittedDistance(double[] c1a, double[] c1b, double[] c2a, double[] c2b, double[] raw1,
      double[] raw2) {
    int n = c1a.length;
    double n1 = 0;
    double n2 = 0;
    for (int i = 0; i < n; i++) {
      n1 += c1a[i] * c1b[i];
      n2 += c2a[i] * c2b[i];
    }
    boolean zero1 = !hasNorm(c1a, c1b, raw1);
    boolean zero2 = !hasNorm(c2a, c2b, raw2);
    if (zero1 || zero2) {
      return zero1 && zero2 ? 0.0 : 1.0;
    }
    // E[(s1^A − s2^A)(s1^B − s2^B)] = 2 − 2⟨c1,c2⟩/(‖c1‖‖c2‖), taking differences first so that equal
    // standardised rewards give 0 to rounding, not sqrt(rounding)
    double k1 = 1 / Math.sqrt(n1);
    double k2 = 1 / Math.sqrt(n2);
    double sq = 0;
    for (int i = 0; i < n; i++) {
      sq += (c1a[i] * k1 - c2a[i] * k2) * (c1b[i] * k1 - c2b[i] * k2);
    }
    return Math.sqrt(Math.max(0, Math.min(4, sq)));
  }

  /**
   * sqrt((1 − ρ)/2) over equally weighted samples, computed as ½‖ẑ1 − ẑ2‖ of the centred, unit-variance
   * values (0 for a (relatively) constant one, as {@code PearsonDistance} does).
   */
  static double pearsonDistance(double[] c1, double[] c2, double[] raw1, double[] raw2) {
    double[] z1 = centredUnit(c1, raw1);
    double[] z2 = centredUnit(c2, raw2);
    if (z1 == null) z1 = new double[c1.length];
    if (z2 == null) z2 = new double[c2.length];
    double ss = 0;
    for (int i = 0; i < z1.length; i++) ss += (z1[i] - z2[i]) * (z1[i] - z2[i]);
    return 0.5 * Math.sqrt(ss);
  }

  /** Whether the cross-fitted norm E[c^A c^B] is above (1e-10)² of the reward's E[R²]. */
  static boolean hasNorm(double[] ca, double[] cb, double[] raw) {
    double nn = 0;
    double rr = 0;
    for (int i = 0; i < ca.length; i++) {
      nn += ca[i] * cb[i];
      rr += raw[i] * raw[i];
    }
    return nn > ZERO_RELATIVE * ZERO_RELATIVE * rr;
  }

  /** Whether c's standard deviation is above 1e-10 of the reward's RMS. */
  static boolean hasSpread(double[] c, double[] raw) {
    return centredUnit(c, raw) != null;
  }

  private static double[] centredUnit(double[] c, double[] raw) {
    int n = c.length;
    double mean = 0;
    for (double v : c) mean += v;
    mean /= n;
    double ss = 0;
    double rr = 0;
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = c[i] - mean;
      ss += z[i] * z[i];
      rr += raw[i] * raw[i];
    }
    double sd = Math.sqrt(ss / n);
    if (!(sd > ZERO_RELATIVE * Math.sqrt(rr / n))) {
      return null;
    }
    for (int i = 0; i < n; i++) z[i] /= sd * Math.sqrt(n);
    return z;
  }
}
