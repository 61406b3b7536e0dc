package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

class SequenceBanditTest {

  /** Every string of {@code length} over {@code symbols}, built independently of the bandit's indexing. */
  private static List<String> allStrings(String symbols, int length) {
    List<String> out = new ArrayList<>(List.of(""));
    for (int t = 0; t < length; t++) {
      List<String> next = new ArrayList<>();
      for (String s : out) for (char c : symbols.toCharArray()) next.add(s + c);
      out = next;
    }
    return out;
  }

  @Test
  void exactOptimumEqualsBruteForceThroughTheVerifier() {
    for (BanditConfig.Structure structure : BanditConfig.Structure.values()) {
      SequenceBandit b = new SequenceBandit(new BanditConfig(5, 3, 4, structure, 17));
      double sumBest = 0;
      for (int c = 0; c < 5; c++) {
        BanditProblem p = b.problem(c);
        double best = Double.NEGATIVE_INFINITY;
        String arg = null;
        for (String y : allStrings("abc", 4)) {
          double r = p.verify(y).score();
          if (r > best) {
            best = r;
            arg = y;
          }
        }
        assertThat(b.optimalValue(c)).isEqualTo(best);
        assertThat(p.answer()).isEqualTo(arg);
        assertThat(p.verify(arg).correct()).isTrue();
        assertThat(p.verify(arg).wellFormed()).isTrue();
        sumBest += best;
      }
      assertThat(b.optimalValue()).isCloseTo(sumBest / 5, within(1e-15));
      assertThat(b.entropy(b.optimalPolicy())).isZero(); // no ties in a continuous table
      assertThat(b.value(b.optimalPolicy())).isCloseTo(b.optimalValue(), within(1e-15));
    }
  }

  @Test
  void additiveOptimumIsTheBestSymbolPerPosition() {
    SequenceBandit b = new SequenceBandit(new BanditConfig(3, 4, 3, BanditConfig.Structure.ADDITIVE, 2));
    for (int c = 0; c < 3; c++) {
      // r(y) − r(y with one symbol changed) depends only on that position: changing any position of
      // the optimum never helps
      String opt = b.actionText(b.optimalAction(c));
      for (int t = 0; t < 3; t++) {
        for (char s = 'a'; s < 'e'; s++) {
          char[] y = opt.toCharArray();
          y[t] = s;
          assertThat(b.reward(c, b.actionIndex(new String(y)))).isLessThanOrEqualTo(b.optimalValue(c));
        }
      }
      // additivity: r(xy') − r(xy) is the same for every prefix x
      double d1 = b.reward(c, b.actionIndex("aab")) - b.reward(c, b.actionIndex("aaa"));
      double d2 = b.reward(c, b.actionIndex("dcb")) - b.reward(c, b.actionIndex("dca"));
      assertThat(d1).isCloseTo(d2, within(1e-12));
    }
  }

  @Test
  void softmaxPolicyMaximisesTheRegularisedObjective() {
    SequenceBandit b = new SequenceBandit(new BanditConfig(4, 3, 3, BanditConfig.Structure.RANDOM, 5));
    RandomSource rng = RandomSource.of(1);
    for (double beta : new double[] {0.01, 0.1, 1, 10}) {
      double[][] soft = b.softmaxPolicy(beta);
      double opt = b.regularizedOptimum(beta);
      assertThat(b.regularizedObjective(soft, beta)).isCloseTo(opt, within(1e-9));
      for (int k = 0; k < 200; k++) {
        double[][] other = randomPolicy(rng, 4, b.actionCount(), k % 2 == 0 ? soft : null);
        assertThat(b.regularizedObjective(other, beta)).isLessThanOrEqualTo(opt + 1e-12);
      }
      assertThat(b.value(soft)).isLessThanOrEqualTo(b.optimalValue() + 1e-15);
    }
  }

  /** A random policy: Dirichlet-like rows, or a perturbation of {@code near}. */
  private static double[][] randomPolicy(RandomSource rng, int contexts, int actions, double[][] near) {
    double[][] p = new double[contexts][actions];
    for (int c = 0; c < contexts; c++) {
      double z = 0;
      for (int y = 0; y < actions; y++) {
        p[c][y] = near == null ? -Math.log(1 - rng.nextDouble()) : near[c][y] * Math.exp(0.05 * rng.nextGaussian());
        z += p[c][y];
      }
      for (int y = 0; y < actions; y++) p[c][y] /= z;
    }
    return p;
  }

  @Test
  void entropyLimits() {
    SequenceBandit b = new SequenceBandit(new BanditConfig(2, 3, 2, BanditConfig.Structure.RANDOM, 0));
    assertThat(b.entropy(b.softmaxPolicy(1e6))).isCloseTo(Math.log(9), within(1e-6));
    assertThat(b.entropy(b.softmaxPolicy(1e-4))).isCloseTo(0, within(1e-6));
    assertThat(b.value(b.softmaxPolicy(1e-4))).isCloseTo(b.optimalValue(), within(1e-6));
    double h1 = b.entropy(b.softmaxPolicy(0.1));
    double h2 = b.entropy(b.softmaxPolicy(0.3));
    assertThat(h1).isLessThan(h2); // entropy grows with temperature
    // J_β* → J* as β → 0 and → mean reward as β → ∞
    assertThat(b.regularizedOptimum(1e-4)).isCloseTo(b.optimalValue(), within(1e-3));
    double[][] uniform = new double[2][9];
    for (double[] row : uniform) java.util.Arrays.fill(row, 1.0 / 9);
    assertThat(b.regularizedOptimum(1e6)).isCloseTo(b.value(uniform), within(1e-6));
  }

  @Test
  void tableIsDeterminedByTheSeed() {
    BanditConfig c = new BanditConfig(3, 2, 3, BanditConfig.Structure.RANDOM, 7);
    assertThat(new SequenceBandit(c).rewards(1)).isEqualTo(new SequenceBandit(c).rewards(1));
    assertThat(new SequenceBandit(new BanditConfig(3, 2, 3, BanditConfig.Structure.RANDOM, 8)).rewards(1))
        .isNotEqualTo(new SequenceBandit(c).rewards(1));
  }

  @Test
  void verifierOnMalformedResponses() {
    SequenceBandit b = new SequenceBandit(BanditConfig.defaults());
    BanditProblem p = b.problem(2);
    assertThat(p.prompt()).isEqualTo("2:");
    for (String bad : new String[] {"", "ab", "abcd", "abd", "ABC", "a b"}) {
      Verdict v = p.verify(bad);
      assertThat(v.wellFormed()).as(bad).isFalse();
      assertThat(v.correct()).as(bad).isFalse();
      assertThat(v.score()).as(bad).isZero();
    }
    Verdict spaced = p.verify(" " + p.answer() + " ");
    assertThat(spaced.correct()).isTrue();
    assertThat(spaced.wellFormed()).isFalse();
    assertThat(b.actionText(b.actionIndex("cab"))).isEqualTo("cab");
    assertThat(b.actionIndex("aaa")).isZero();
    assertThat(b.actionIndex("ccc")).isEqualTo(26);
  }

  @Test
  void badInput() {
    assertThatThrownBy(() -> new BanditConfig(1000, 26, 8, BanditConfig.Structure.RANDOM, 0))
        .isInstanceOf(UserInputException.class).hasMessageContaining("entries");
    assertThatThrownBy(() -> new BanditConfig(2, 1, 2, BanditConfig.Structure.RANDOM, 0))
        .isInstanceOf(UserInputException.class).hasMessageStartingWith("arms");
    SequenceBandit b = new SequenceBandit(BanditConfig.defaults());
    assertThatThrownBy(() -> b.value(new double[4][5])).hasMessageContaining("27");
    assertThatThrownBy(() -> b.value(new double[4][27])).hasMessageContaining("sums to");
    assertThatThrownBy(() -> b.problem(4)).hasMessageContaining("0..3");
  }
}
