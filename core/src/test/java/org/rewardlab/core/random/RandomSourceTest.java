package org.rewardlab.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RandomSourceTest {

  private static long[] draw(RandomSource r, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) out[i] = r.nextLong();
    return out;
  }

  @Test
  void sameSeedSameNumbers() {
    assertThat(draw(RandomSource.of(42), 100)).isEqualTo(draw(RandomSource.of(42), 100));
    assertThat(draw(RandomSource.of(42), 100)).isNotEqualTo(draw(RandomSource.of(43), 100));
  }

  @Test
  void deriveDependsOnSeedAndNameOnlyNotOnPosition() {
    RandomSource fresh = RandomSource.of(7);
    RandomSource used = RandomSource.of(7);
    draw(used, 1000);
    used.derive("other");
    assertThat(draw(used.derive("policy"), 50)).isEqualTo(draw(fresh.derive("policy"), 50));
    assertThat(draw(fresh.derive("policy"), 50)).isNotEqualTo(draw(fresh.derive("env"), 50));
    assertThat(draw(fresh.derive("a").derive("b"), 5)).isNotEqualTo(draw(fresh.derive("b").derive("a"), 5));
  }

  @Property(tries = 200)
  void distinctNamesGiveDistinctSeeds(@ForAll long seed, @ForAll String a, @ForAll String b) {
    if (a.equals(b)) return;
    assertThat(RandomSource.deriveSeed(seed, a)).isNotEqualTo(RandomSource.deriveSeed(seed, b));
  }

  @Test
  void stateRestoreIsExactIncludingTheSpareGaussian() {
    RandomSource r = RandomSource.of(11);
    draw(r, 17);
    r.nextGaussian(); // leaves a spare
    long[] s = r.state();
    double[] expected = {r.nextGaussian(), r.nextDouble(), r.nextGaussian(), r.nextInt(1000)};
    RandomSource back = RandomSource.fromState(s);
    double[] actual = {back.nextGaussian(), back.nextDouble(), back.nextGaussian(), back.nextInt(1000)};
    assertThat(actual).isEqualTo(expected);
    r.restore(s);
    assertThat(r.nextGaussian()).isEqualTo(expected[0]);
    assertThatThrownBy(() -> RandomSource.of(12).restore(s)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nextIntIsUniformByChiSquare() {
    RandomSource r = RandomSource.of(5);
    int k = 7;
    int n = 70_000;
    int[] counts = new int[k];
    for (int i = 0; i < n; i++) counts[r.nextInt(k)]++;
    double expected = (double) n / k;
    double chi2 = 0;
    for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
    // 6 degrees of freedom: P(chi2 > 22.46) = 0.001
    assertThat(chi2).isLessThan(22.46);
    assertThatThrownBy(() -> r.nextInt(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nextIntCoversALargeNonPowerOfTwoBound() {
    RandomSource r = RandomSource.of(6);
    int bound = (1 << 30) + 1;
    long above = 0;
    for (int i = 0; i < 10_000; i++) {
      int x = r.nextInt(bound);
      assertThat(x).isBetween(0, bound - 1);
      if (x >= bound / 2) above++;
    }
    assertThat(above).isBetween(4_800L, 5_200L);
  }

  @Test
  void uniformsStayInTheirRanges() {
    RandomSource r = RandomSource.of(9);
    double sum = 0;
    for (int i = 0; i < 50_000; i++) {
      double d = r.nextDouble();
      float f = r.nextFloat();
      assertThat(d).isGreaterThanOrEqualTo(0).isLessThan(1);
      assertThat(f).isGreaterThanOrEqualTo(0).isLessThan(1);
      sum += d;
    }
    assertThat(sum / 50_000).isBetween(0.495, 0.505);
  }

  @Test
  void gaussianHasMeanZeroAndVarianceOne() {
    RandomSource r = RandomSource.of(13);
    int n = 100_000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      double g = r.nextGaussian();
      sum += g;
      sumSq += g * g;
    }
    double mean = sum / n;
    double var = sumSq / n - mean * mean;
    assertThat(mean).isBetween(-0.015, 0.015);
    assertThat(var).isBetween(0.98, 1.02);
  }

  @Test
  void shuffleIsAPermutationAndCategoricalSkipsZeroWeights() {
    RandomSource r = RandomSource.of(2);
    int[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    r.shuffle(a);
    int[] sorted = a.clone();
    Arrays.sort(sorted);
    assertThat(sorted).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    int[] counts = new int[3];
    for (int i = 0; i < 30_000; i++) counts[r.categorical(new double[] {1, 0, 3})]++;
    assertThat(counts[1]).isZero();
    assertThat(counts[2] / (double) counts[0]).isBetween(2.8, 3.2);
  }
}
