package org.rewardlab.reward.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.data.PreferencePair;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.reward.preference.HeronComparator.Factor;

class LabellersTest {
  @Test
  void boltzmannLabelsFollowTheBradleyTerryProbabilityWithFlips() {
    BoltzmannLabeller<Double> l = new BoltzmannLabeller<>(x -> x, 2.0, 0.1, -1);
    double p = 0.9 / (1 + Math.exp(-2.0)) + 0.1 * (1 - 1 / (1 + Math.exp(-2.0)));
    assertThat(l.probability(1.0, 0.0)).isCloseTo(p, within(1e-12));
    RandomSource rng = RandomSource.of(7);
    int first = 0;
    int n = 20000;
    for (int i = 0; i < n; i++) if (l.label(1.0, 0.0, rng).first()) first++;
    assertThat((double) first / n).isCloseTo(p, within(0.015));
  }

  @Test
  void infiniteRationalityPicksTheLargerRewardAndSmallGapsTie() {
    BoltzmannLabeller<Double> l = new BoltzmannLabeller<>(x -> x, Double.POSITIVE_INFINITY, 0, 0.05);
    RandomSource rng = RandomSource.of(1);
    assertThat(l.label(0.3, 0.1, rng).outcome()).isEqualTo(Label.Outcome.FIRST);
    assertThat(l.label(0.1, 0.3, rng).outcome()).isEqualTo(Label.Outcome.SECOND);
    assertThat(l.label(0.1, 0.14, rng).tie()).isTrue();
  }

  @Test
  void heronDecidesOnTheFirstFactorBeyondItsMargin() {
    // items: {goal reached, lava steps}
    List<Factor<double[]>> levels = List.of(
        new Factor<>("goal", x -> x[0], true, 0.0),
        new Factor<>("lava", x -> x[1], false, 1.0));
    HeronComparator<double[]> h = new HeronComparator<>(levels);
    RandomSource rng = RandomSource.of(1);
    // goal decides even though the lava difference points the other way
    assertThat(h.label(new double[] {1, 9}, new double[] {0, 0}, rng).first()).isTrue();
    assertThat(h.decidingLevel(new double[] {1, 9}, new double[] {0, 0})).isEqualTo(0);
    // goal tied: fewer lava steps wins when the gap exceeds the margin 1
    assertThat(h.label(new double[] {1, 5}, new double[] {1, 2}, rng).outcome()).isEqualTo(Label.Outcome.SECOND);
    // within the margin on every level: no label
    assertThat(h.label(new double[] {1, 2}, new double[] {1, 3}, rng).tie()).isTrue();
    assertThat(h.decidingLevel(new double[] {1, 2}, new double[] {1, 3})).isEqualTo(-1);
  }

  @Test
  void heronStdMarginsAreMultipliersTimesTheBufferStd() {
    List<Factor<double[]>> levels = List.of(new Factor<>("f", x -> x[0], true, 0.0));
    List<double[]> buffer = List.of(new double[] {0}, new double[] {2}, new double[] {4}, new double[] {6});
    HeronComparator<double[]> h = HeronComparator.withStdMargins(levels, new double[] {0.5}, buffer);
    assertThat(h.levels().get(0).margin()).isCloseTo(0.5 * Math.sqrt(5), within(1e-12));
    // HERON's labels do not change when a factor is rescaled (margins scale with it)
    List<Factor<double[]>> scaled = List.of(new Factor<>("f", x -> 10 * x[0], true, 0.0));
    HeronComparator<double[]> h10 = HeronComparator.withStdMargins(scaled, new double[] {0.5}, buffer);
    RandomSource rng = RandomSource.of(1);
    for (double[] a : buffer) {
      for (double[] b : buffer) assertThat(h10.label(a, b, rng).outcome()).isEqualTo(h.label(a, b, rng).outcome());
    }
  }

  @Test
  void theIntransitiveOracleHasACycleThatNoRewardExplains() {
    // items are class ids with equal gold reward
    IntransitiveOracle<Integer> o = new IntransitiveOracle<>(x -> 0.0, x -> x, 3, 1.0, 2.0);
    assertThat(o.probability(0, 1)).isGreaterThan(0.5);
    assertThat(o.probability(1, 2)).isGreaterThan(0.5);
    assertThat(o.probability(2, 0)).isGreaterThan(0.5);
    assertThat(o.probability(0, 1) + o.probability(1, 0)).isCloseTo(1.0, within(1e-12));
    IntransitiveOracle<Integer> transitive = new IntransitiveOracle<>(x -> x, x -> x, 3, 1.0, 0.0);
    assertThat(transitive.probability(2, 0)).isGreaterThan(0.5);
    assertThat(transitive.probability(0, 2)).isLessThan(0.5);
  }

  @Test
  void treeLeavesShareLongerPrefixesThanChainResponses() {
    TreePairs t = new TreePairs("abcd", 9, 2, 2);
    RandomSource rng = RandomSource.of(3);
    List<String> leaves = t.tree(rng);
    assertThat(leaves).hasSize(4).allMatch(s -> s.length() == 9);
    // siblings share the trunk (3) and the first branch segment (3)
    assertThat(TreePairs.sharedPrefix(leaves.get(0), leaves.get(1))).isGreaterThanOrEqualTo(6);
    assertThat(TreePairs.sharedPrefix(leaves.get(0), leaves.get(3))).isGreaterThanOrEqualTo(3);
    List<String[]> tree = t.treePairs(60, 6, rng);
    List<String[]> chain = t.chainPairs(60, rng);
    assertThat(tree).hasSize(60);
    assertThat(chain).hasSize(60);
    double tp = tree.stream().mapToInt(p -> TreePairs.sharedPrefix(p[0], p[1])).average().orElseThrow();
    double cp = chain.stream().mapToInt(p -> TreePairs.sharedPrefix(p[0], p[1])).average().orElseThrow();
    assertThat(tp).isGreaterThan(3).isGreaterThan(cp + 2);
  }

  @Test
  void unrankEnumeratesEveryPairOnce() {
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < 28; k++) {
      int[] ij = TreePairs.unrank(k, 8);
      assertThat(ij[0]).isLessThan(ij[1]);
      seen.add(ij[0] + "," + ij[1]);
    }
    assertThat(seen).hasSize(28);
  }

  @Test
  void labellingDropsOrKeepsTiesAndIsSameSeedSame() {
    BoltzmannLabeller<String> l = new BoltzmannLabeller<>(s -> s.chars().filter(c -> c == 'a').count(), 1.0, 0.0, 0);
    List<String[]> pairs = List.of(new String[] {"aa", "bb"}, new String[] {"ab", "ba"}, new String[] {"b", "a"});
    List<PreferencePair> kept = Labelling.label("p", pairs, l, true, RandomSource.of(5));
    List<PreferencePair> dropped = Labelling.label("p", pairs, l, false, RandomSource.of(5));
    assertThat(kept).hasSize(3);
    assertThat(kept.get(1).tie()).isTrue();
    assertThat(dropped).hasSize(2);
    assertThat(Labelling.label("p", pairs, l, true, RandomSource.of(5))).isEqualTo(kept);
  }
}
