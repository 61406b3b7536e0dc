package org.rewardlab.envs.gfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;

class GfnEnvTest {
  static Stream<GfnEnv> envs() {
    return Stream.of(HyperGrid.standard(2, 8), HyperGrid.standard(3, 4), new HyperGrid(2, 16, 1e-3, 0.5, 2),
        new BitSequence(8, 2, 4, 1.0, 3), new BitSequence(16, 4, 8, 1.0, 1), new SetGeneration(10, 4, 7),
        RewardExponent.of(HyperGrid.standard(2, 5), 8));
  }

  @ParameterizedTest
  @MethodSource("envs")
  void exactTargetSumsToOneAndMatchesTheRewards(GfnEnv env) {
    ExactDistribution d = new ExactDistribution(env);
    double[] p = d.target();
    assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-12));
    for (int t = 0; t < d.size(); t++) {
      assertThat(Math.log(p[t]) + d.logZ()).isCloseTo(env.logReward(d.terminal(t)), within(1e-9));
    }
  }

  @ParameterizedTest
  @MethodSource("envs")
  void uniformPolicyInducesAProperDistribution(GfnEnv env) {
    ExactDistribution d = new ExactDistribution(env);
    double[] pt = d.induced(uniform(env));
    assertThat(Arrays.stream(pt).sum()).isCloseTo(1.0, within(1e-9));
  }

  /** Random walks: masks never allow an invalid action, and backward steps invert forward ones. */
  @ParameterizedTest
  @MethodSource("envs")
  void masksAllowOnlyValidActionsAndBackwardInvertsForward(GfnEnv env) {
    RandomSource rng = RandomSource.of(5);
    int na = env.numActions();
    for (int walk = 0; walk < 200; walk++) {
      int[] s = env.initialState();
      boolean[] bm = new boolean[na - 1];
      env.backwardMask(s, bm);
      for (boolean b : bm) assertThat(b).as("no backward action at s0").isFalse();
      for (int len = 0; ; len++) {
        boolean[] fm = new boolean[na];
        env.forwardMask(s, fm);
        for (int a = 0; a < na - 1; a++) {
          boolean valid;
          try {
            env.step(s, a);
            valid = true;
          } catch (IllegalArgumentException e) {
            valid = false;
          }
          assertThat(valid).as("forward mask of action %d at %s", a, Arrays.toString(s)).isEqualTo(fm[a]);
        }
        env.backwardMask(s, bm);
        for (int a = 0; a < na - 1; a++) {
          boolean valid;
          try {
            int[] p = env.backwardStep(s, a);
            valid = true;
            assertThat(env.step(p, a)).isEqualTo(s);
          } catch (IllegalArgumentException e) {
            valid = false;
          }
          assertThat(valid).as("backward mask of action %d at %s", a, Arrays.toString(s)).isEqualTo(bm[a]);
        }
        assertThat(env.depth(s)).isEqualTo(len);
        assertThat(env.state(env.index(s))).isEqualTo(s);
        List<Integer> valid = new ArrayList<>();
        for (int a = 0; a < na; a++) if (fm[a]) valid.add(a);
        assertThat(valid).as("some action is valid").isNotEmpty();
        int a = valid.get(rng.nextInt(valid.size()));
        if (a == na - 1) break;
        int[] t = env.step(s, a);
        boolean[] back = new boolean[na - 1];
        env.backwardMask(t, back);
        assertThat(back[a]).isTrue();
        assertThat(env.backwardStep(t, a)).isEqualTo(s);
        s = t;
        assertThat(len).isLessThan(env.maxLength());
      }
    }
  }

  @Test
  void hypergridRewardAndModesFollowTorchgfn() {
    HyperGrid g = HyperGrid.standard(2, 8);
    ExactDistribution d = new ExactDistribution(g);
    assertThat(d.size()).isEqualTo(64);
    List<String> modes = new ArrayList<>();
    boolean[] m = d.modes();
    for (int t = 0; t < d.size(); t++) if (m[t]) modes.add(Arrays.toString(d.terminal(t)));
    assertThat(modes).containsExactlyInAnyOrder("[1, 1]", "[1, 6]", "[6, 1]", "[6, 6]");
    assertThat(g.reward(new int[] {1, 1})).isCloseTo(2.6, within(1e-12));
    assertThat(g.reward(new int[] {0, 7})).isCloseTo(0.6, within(1e-12));
    assertThat(g.reward(new int[] {3, 4})).isCloseTo(0.1, within(1e-12));
    // 2-D/16: the band indices are {2, 13}
    HyperGrid h = HyperGrid.standard(2, 16);
    assertThat(h.isMode(new int[] {2, 13})).isTrue();
    assertThat(h.isMode(new int[] {3, 13})).isFalse();
    // log Z of 2-D/8: 4 modes x 2.6 + 12 outer-ring (non-mode) cells x 0.6 + 48 x 0.1
    assertThat(d.logZ()).isCloseTo(Math.log(4 * 2.6 + 12 * 0.6 + 48 * 0.1), within(1e-12));
  }

  @Test
  void setGenerationHasAdditivePartialRewards() {
    SetGeneration env = new SetGeneration(10, 4, 7);
    ExactDistribution d = new ExactDistribution(env);
    assertThat(d.size()).isEqualTo(210);
    int[] s = env.initialState();
    assertThat(env.partialLogReward(s)).isEqualTo(0.0);
    int[] t = env.step(env.step(s, 2), 5);
    double[] e = env.energies();
    assertThat(env.partialLogReward(t)).isCloseTo(-(e[2] + e[5]), within(1e-12));
  }

  @Test
  void bitSequenceIsATreeWithDistinctModes() {
    BitSequence env = new BitSequence(16, 4, 8, 1.0, 1);
    assertThat(env.numModes()).isEqualTo(8);
    ExactDistribution d = new ExactDistribution(env);
    assertThat(d.size()).isEqualTo(1 << 16);
    assertThat(d.numModes()).isEqualTo(8);
  }

  @Test
  void empiricalDrawsApproachTheDistribution() {
    double[] p = {0.5, 0.0, 0.25, 0.25};
    double[] e = ExactDistribution.empirical(p, 200_000, RandomSource.of(1));
    assertThat(e[1]).isEqualTo(0.0);
    assertThat(ExactDistribution.l1(p, e)).isLessThan(0.01);
    assertThat(ExactDistribution.jsd(p, p)).isEqualTo(0.0);
    assertThat(ExactDistribution.jsd(new double[] {1, 0}, new double[] {0, 1})).isCloseTo(Math.log(2), within(1e-12));
  }

  static ExactDistribution.ForwardPolicy uniform(GfnEnv env) {
    return (states, out) -> {
      boolean[] m = new boolean[env.numActions()];
      for (int i = 0; i < states.size(); i++) {
        env.forwardMask(states.get(i), m);
        int c = 0;
        for (boolean b : m) if (b) c++;
        for (int a = 0; a < m.length; a++) out[i][a] = m[a] ? 1.0 / c : 0;
      }
    };
  }
}
