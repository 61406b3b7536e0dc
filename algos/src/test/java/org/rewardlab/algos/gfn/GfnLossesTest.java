package org.rewardlab.algos.gfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.gfn.ExactDistribution;
import org.rewardlab.envs.gfn.GfnEnv;
import org.rewardlab.envs.gfn.HyperGrid;
import org.rewardlab.envs.gfn.SetGeneration;
import org.rewardlab.nn.Tensors;
import org.rewardlab.nn.Torch;

/**
 * A perfectly trained flow, built analytically on tiny DAGs (uniform P_B over parents, F(s) from the
 * rewards backward, P_F = F(s') P_B / F(s)), has zero loss under every balance objective; a wrong
 * flow does not.
 */
class GfnLossesTest {
  static NDManager m;

  @BeforeAll
  static void open() {
    m = Torch.manager();
  }

  @AfterAll
  static void close() {
    m.close();
  }

  /** The analytic flow: log F(s), log P_F(.|s) and log edge flows, per state index. */
  static final class PerfectFlow {
    final GfnEnv env;
    final double[] logF;
    final double[][] logPf;
    final double[][] logEdge;

    PerfectFlow(GfnEnv env) {
      this.env = env;
      int ns = env.numStates();
      int na = env.numActions();
      logF = new double[ns];
      logPf = new double[ns][na];
      logEdge = new double[ns][na];
      double[] flow = new double[ns];
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < ns; i++) if (env.depth(env.state(i)) <= env.maxLength()) order.add(i);
      order.sort((a, b) -> Integer.compare(env.depth(env.state(b)), env.depth(env.state(a))));
      boolean[] fm = new boolean[na];
      for (int i : order) {
        int[] s = env.state(i);
        env.forwardMask(s, fm);
        double f = fm[na - 1] ? Math.exp(env.logReward(s)) : 0;
        for (int a = 0; a < na - 1; a++) if (fm[a]) f += flow[env.index(env.step(s, a))] * pb(env.step(s, a));
        flow[i] = f;
      }
      for (int i : order) {
        int[] s = env.state(i);
        env.forwardMask(s, fm);
        if (flow[i] <= 0) continue;
        logF[i] = Math.log(flow[i]);
        for (int a = 0; a < na; a++) {
          double e = !fm[a] ? 0 : a == na - 1 ? Math.exp(env.logReward(s)) : flow[env.index(env.step(s, a))] * pb(env.step(s, a));
          logEdge[i][a] = fm[a] ? Math.log(e) : -3.0;
          logPf[i][a] = fm[a] ? Math.log(e / flow[i]) : 5.0; // invalid entries are masked; any value
        }
      }
    }

    double pb(int[] child) {
      boolean[] bm = new boolean[env.exitAction()];
      env.backwardMask(child, bm);
      int c = 0;
      for (boolean b : bm) if (b) c++;
      return 1.0 / c;
    }
  }

  static List<Trajectory> randomTrajectories(GfnEnv env, int n, int truncateAfter, long seed) {
    RandomSource rng = RandomSource.of(seed);
    List<Trajectory> out = new ArrayList<>();
    int na = env.numActions();
    for (int k = 0; k < n; k++) {
      List<int[]> states = new ArrayList<>(List.of(env.initialState()));
      List<Integer> acts = new ArrayList<>();
      boolean complete = false;
      while (true) {
        int[] s = states.get(states.size() - 1);
        if (truncateAfter > 0 && states.size() - 1 >= truncateAfter) break;
        boolean[] fm = new boolean[na];
        env.forwardMask(s, fm);
        List<Integer> valid = new ArrayList<>();
        for (int a = 0; a < na; a++) if (fm[a]) valid.add(a);
        int a = valid.get(rng.nextInt(valid.size()));
        acts.add(a);
        if (a == na - 1) {
          complete = true;
          break;
        }
        states.add(env.step(s, a));
      }
      int[][] st = states.toArray(new int[0][]);
      out.add(new Trajectory(st, acts.stream().mapToInt(Integer::intValue).toArray(), complete,
          complete ? env.logReward(st[st.length - 1]) : Double.NaN));
    }
    return out;
  }

  /** Per-row heads of a chain batch from the analytic flow (rows = trajectory x position). */
  static double chainLoss(GfnObjective o, PerfectFlow pf, List<Trajectory> trajs, boolean learnedPb, double logZShift) {
    GfnEnv env = pf.env;
    GfnLosses.ChainBatch cb = new GfnLosses.ChainBatch(env, trajs, o.forwardLooking());
    int na = env.numActions();
    int rows = cb.rows();
    float[] pfl = new float[rows * na];
    float[] logF = new float[rows];
    for (int i = 0; i < trajs.size(); i++) {
      for (int p = 0; p < cb.t; p++) {
        int row = i * cb.t + p;
        if (p >= trajs.get(i).states().length) continue;
        int[] s = trajs.get(i).states()[p];
        int idx = env.index(s);
        for (int a = 0; a < na; a++) pfl[row * na + a] = (float) pf.logPf[idx][a];
        logF[row] = (float) (pf.logF[idx] - (o.forwardLooking() ? env.partialLogReward(s) : 0));
      }
    }
    try (NDManager s = m.newSubManager()) {
      NDArray pb = learnedPb ? Tensors.create(s, new float[rows * (na - 1)], new Shape(rows, na - 1)) : null;
      NDArray logZ = Tensors.create(s, new float[] {(float) (pf.logF[env.index(env.initialState())] + logZShift)}, new Shape(1));
      return GfnLosses.chain(o, 0.9, cb, Tensors.create(s, pfl, new Shape(rows, na)), pb,
          Tensors.create(s, logF, new Shape(rows, 1)), logZ, RandomSource.of(3)).toFloatArray()[0];
    }
  }

  static double fmLoss(PerfectFlow pf, List<Trajectory> trajs, double perturb) {
    GfnEnv env = pf.env;
    GfnLosses.FmBatch fb = new GfnLosses.FmBatch(env, trajs);
    int na = env.numActions();
    int slots = na - 1;
    float[] st = new float[fb.rows() * na];
    float[] par = new float[fb.rows() * slots * na];
    int r = 0;
    for (Trajectory tr : trajs) {
      for (int p = 0; p < tr.states().length; p++, r++) {
        int[] s = tr.states()[p];
        for (int a = 0; a < na; a++) st[r * na + a] = (float) (pf.logEdge[env.index(s)][a] + (a == 0 ? perturb : 0));
        boolean[] bm = new boolean[slots];
        env.backwardMask(s, bm);
        for (int a = 0; a < slots; a++) {
          if (p >= 1 && bm[a]) {
            int parent = env.index(env.backwardStep(s, a));
            for (int c = 0; c < na; c++) par[(r * slots + a) * na + c] = (float) pf.logEdge[parent][c];
          }
        }
      }
    }
    try (NDManager s = m.newSubManager()) {
      return GfnLosses.flowMatching(fb, Tensors.create(s, st, new Shape(fb.rows(), na)),
          Tensors.create(s, par, new Shape((long) fb.rows() * slots, na))).toFloatArray()[0];
    }
  }

  @Test
  void perfectFlowHasZeroLossUnderEveryBalanceObjective() {
    GfnEnv grid = HyperGrid.standard(2, 3);
    PerfectFlow pf = new PerfectFlow(grid);
    List<Trajectory> trajs = randomTrajectories(grid, 40, 0, 1);
    for (GfnObjective o : List.of(GfnObjective.TB, GfnObjective.DB, GfnObjective.SUBTB)) {
      for (boolean learnedPb : new boolean[] {false, true}) {
        assertThat(chainLoss(o, pf, trajs, learnedPb, 0)).as("%s, learned P_B %s", o, learnedPb).isCloseTo(0.0, within(1e-9));
      }
    }
    assertThat(fmLoss(pf, trajs, 0)).isCloseTo(0.0, within(1e-9));
    // a wrong log Z or a perturbed edge flow is penalized
    assertThat(chainLoss(GfnObjective.TB, pf, trajs, false, 0.5)).isCloseTo(0.25, within(1e-5));
    assertThat(fmLoss(pf, trajs, 0.3)).isGreaterThan(1e-3);
  }

  @Test
  void perfectFlowHasZeroForwardLookingLossAlsoOnTruncatedPrefixes() {
    GfnEnv set = new SetGeneration(6, 3, 2);
    PerfectFlow pf = new PerfectFlow(set);
    for (int trunc : new int[] {0, 2}) {
      List<Trajectory> trajs = randomTrajectories(set, 30, trunc, 4);
      for (GfnObjective o : List.of(GfnObjective.FLDB, GfnObjective.FLSUBTB, GfnObjective.DB, GfnObjective.SUBTB)) {
        assertThat(chainLoss(o, pf, trajs, false, 0)).as("%s truncated at %d", o, trunc).isCloseTo(0.0, within(1e-9));
      }
    }
    // on prefixes that never exit, a DB flow that is off by a constant is invisible, an FL flow is not needed
    assertThat(chainLoss(GfnObjective.TB, pf, randomTrajectories(set, 30, 0, 5), true, 0)).isCloseTo(0.0, within(1e-9));
  }

  /** OP-TB at the perfect flow: the cross-entropy of the reward-proportional pair softmax, computed by hand. */
  @Test
  void orderPreservingLossMatchesItsDefinition() {
    try (NDManager s = m.newSubManager()) {
      float[] logRhat = {0.0f, 1.0f, 2.0f, 2.0f};
      float[] u = {0.1f, 0.5f, 2.0f, 2.0f};
      double got = GfnLosses.ordering(Tensors.create(s, logRhat, new Shape(4)), u, RandomSource.of(11)).toFloatArray()[0];
      int[] perm = {0, 1, 2, 3};
      RandomSource.of(11).shuffle(perm);
      double want = 0;
      for (int i = 0; i < 4; i++) {
        double z = logRhat[i] - logRhat[perm[i]];
        double t = ((u[i] > u[perm[i]] ? 1 : 0) + (u[i] > u[perm[i]] - 1e-6 ? 1 : 0)) / 2.0;
        want += t * Math.log1p(Math.exp(-z)) + (1 - t) * Math.log1p(Math.exp(z));
      }
      assertThat(got).isCloseTo(want / 4, within(1e-6));
    }
  }

  @Test
  void samplerNeverTakesAMaskedActionAndIsDeterministic() {
    GfnEnv grid = HyperGrid.standard(3, 4);
    GfnEstimator est = new GfnEstimator(m.newSubManager(), grid, new int[] {16}, true, false, RandomSource.of(1));
    TrajectorySampler s = new TrajectorySampler(grid, est.forwardSnapshot(), 1.0, 0.3);
    List<Trajectory> a = s.sample(200, 0, RandomSource.of(9));
    List<Trajectory> b = s.sample(200, 0, RandomSource.of(9));
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).actions()).isEqualTo(b.get(i).actions());
      Trajectory t = a.get(i);
      assertThat(t.complete()).isTrue();
      boolean[] fm = new boolean[grid.numActions()];
      for (int p = 0; p < t.actions().length; p++) {
        grid.forwardMask(t.states()[p], fm);
        assertThat(fm[t.actions()[p]]).isTrue();
      }
    }
    // exact induced distribution of the same snapshot is a distribution
    ExactDistribution d = new ExactDistribution(grid);
    double sum = 0;
    for (double v : d.induced(TrajectorySampler.exact(grid, est.forwardSnapshot()))) sum += v;
    assertThat(sum).isCloseTo(1.0, within(1e-9));
    est.close();
  }
}
