package org.rewardlab.reward.mdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;

class MdpSolversTest {
  private static final TabularMdp MDP = RandomMdps.sample(RandomSource.of(7).derive("mdp"));

  @Test
  void randomMdpRowsAreSparseDistributions() {
    assertThat(MDP.nS()).isEqualTo(32);
    assertThat(MDP.nA()).isEqualTo(4);
    assertThat(MDP.gamma()).isEqualTo(0.95);
    int tiny = 0;
    for (int sa = 0; sa < 32 * 4; sa++) {
      double sum = 0;
      for (int n = 0; n < 32; n++) {
        double p = MDP.p(sa * 32 + n);
        sum += p;
        if (p < 1e-6) {
          tiny++;
        }
      }
      assertThat(sum).isCloseTo(1.0, within(1e-12));
    }
    // logits <= 1 (84% of N(0,1)) are masked, so most entries are (near) zero
    assertThat(tiny).isGreaterThan(32 * 4 * 32 / 2);
  }

  @Test
  void sameSeedSameMdpAndReward() {
    assertThat(RandomMdps.sample(RandomSource.of(7).derive("mdp"))).isEqualTo(MDP);
    TabularReward a = RandomRewards.sample(RandomSource.of(3), MDP);
    TabularReward b = RandomRewards.sample(RandomSource.of(3), MDP);
    assertThat(a).isEqualTo(b);
    assertThat(RandomRewards.sample(RandomSource.of(4), MDP)).isNotEqualTo(a);
  }

  @Test
  void solverMatchesKnownSystemAndRejectsSingular() {
    double[] a = {0, 2, 1, 1, 1, 1, 2, 1, 3};
    double[] x = DenseSolver.solve(a, new double[] {5, 4, 7}, 3);
    assertThat(x).containsExactly(new double[] {1, 2, 1}, within(1e-12));
    assertThatThrownBy(() -> DenseSolver.solve(new double[] {1, 2, 2, 4}, new double[] {1, 1}, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("singular");
  }

  @Test
  void weightedLeastSquaresMatchesNormalEquationsAndExactFit() {
    // y = 2 + 3x fitted exactly through consistent rows
    double[] a = {1, 0, 1, 1, 1, 2, 1, 3};
    double[] x = DenseSolver.leastSquares(a, new double[] {2, 5, 8, 11}, new double[] {1, 2, 3, 4}, 4, 2);
    assertThat(x).containsExactly(new double[] {2, 3}, within(1e-12));
    // inconsistent rows: the weighted mean is the fit of a constant
    double[] c = DenseSolver.leastSquares(new double[] {1, 1, 1}, new double[] {0, 3, 6}, new double[] {1, 1, 4}, 3, 1);
    assertThat(c[0]).isCloseTo((0 + 3 + 24) / 6.0, within(1e-12));
  }

  @Test
  void exactPolicyValuesSatisfyBellmanAndMatchIteration() {
    TabularReward r = RandomRewards.sample(RandomSource.of(11), MDP);
    TabularPolicy pi = TabularPolicy.uniform(32, 4);
    double[] v = PolicyEvaluation.values(MDP, r, pi);
    double[] q = PolicyEvaluation.backup(MDP, r.expected(MDP), v);
    for (int s = 0; s < 32; s++) {
      double vs = 0;
      for (int a = 0; a < 4; a++) {
        vs += 0.25 * q[s * 4 + a];
      }
      assertThat(v[s]).isCloseTo(vs, within(1e-9 * (1 + Math.abs(v[s]))));
    }
    // iterative evaluation converges to the same values
    double[] it = new double[32];
    for (int k = 0; k < 2000; k++) {
      double[] qk = PolicyEvaluation.backup(MDP, r.expected(MDP), it);
      double[] next = new double[32];
      for (int s = 0; s < 32; s++) {
        for (int a = 0; a < 4; a++) {
          next[s] += 0.25 * qk[s * 4 + a];
        }
      }
      it = next;
    }
    assertThat(it).containsExactly(v, within(1e-8));
  }

  @Test
  void valueIterationIsOptimalAndGreedyPolicyAchievesIt() {
    TabularReward r = RandomRewards.sample(RandomSource.of(12), MDP);
    ValueIteration.Result res = ValueIteration.solve(MDP, r);
    double[] q = PolicyEvaluation.backup(MDP, r.expected(MDP), res.values());
    for (int s = 0; s < 32; s++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < 4; a++) {
        best = Math.max(best, q[s * 4 + a]);
      }
      assertThat(res.values()[s]).isCloseTo(best, within(1e-8));
    }
    double[] vGreedy = PolicyEvaluation.values(MDP, r, res.policy(4));
    assertThat(vGreedy).containsExactly(res.values(), within(1e-7));
    double jUniform = PolicyEvaluation.policyReturn(MDP, r, TabularPolicy.uniform(32, 4));
    assertThat(PolicyEvaluation.startValue(MDP, vGreedy)).isGreaterThanOrEqualTo(jUniform);
  }

  @Test
  void shapingShiftsValuesByPotentialAndKeepsOptimalPolicy() {
    TabularReward r = RandomRewards.sample(RandomSource.of(13), MDP);
    double[] phi = RandomRewards.randomPotential(RandomSource.of(14), 32);
    TabularReward shaped = r.shape(phi, MDP.gamma());
    TabularPolicy pi = TabularPolicy.uniform(32, 4);
    double[] v = PolicyEvaluation.values(MDP, r, pi);
    double[] vs = PolicyEvaluation.values(MDP, shaped, pi);
    for (int s = 0; s < 32; s++) {
      assertThat(vs[s]).isCloseTo(v[s] - phi[s], within(1e-8));
    }
    assertThat(ValueIteration.solve(MDP, shaped).greedyActions())
        .containsExactly(ValueIteration.solve(MDP, r).greedyActions());
  }

  @Test
  void invalidInputsAreRejectedWithFix() {
    assertThatThrownBy(() -> TabularMdp.uniformStart(2, 1, 1.0, new double[] {1, 0, 0, 1}))
        .hasMessageContaining("gamma");
    assertThatThrownBy(() -> TabularMdp.uniformStart(2, 1, 0.9, new double[] {0.5, 0.4, 0, 1}))
        .hasMessageContaining("normalise");
    assertThatThrownBy(() -> new TabularReward(2, 1, new double[3])).hasMessageContaining("nS*nA*nS");
  }
}
