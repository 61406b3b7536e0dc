package org.rewardlab.core.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;

class SpacesTest {

  /** A bound pair: finite, half-infinite either way, or unbounded. */
  record Bounds(float low, float high) {}

  @Provide
  Arbitrary<Bounds[]> bounds() {
    Arbitrary<Float> finite = Arbitraries.floats().between(-1e6f, 1e6f);
    Arbitrary<Bounds> one = Combinators.combine(finite, finite, Arbitraries.integers().between(0, 4))
        .as((a, b, kind) -> switch (kind) {
          case 0 -> new Bounds(Math.min(a, b), Math.max(a, b));
          case 1 -> new Bounds(a, Float.POSITIVE_INFINITY);
          case 2 -> new Bounds(Float.NEGATIVE_INFINITY, a);
          case 3 -> new Bounds(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
          default -> new Bounds(a, a);
        });
    return one.array(Bounds[].class).ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 300)
  void boxSamplesAreAlwaysContained(@ForAll("bounds") Bounds[] bs, @ForAll long seed) {
    float[] low = new float[bs.length];
    float[] high = new float[bs.length];
    for (int i = 0; i < bs.length; i++) {
      low[i] = bs[i].low();
      high[i] = bs[i].high();
    }
    Box box = Box.of(low, high);
    RandomSource rng = RandomSource.of(seed);
    for (int k = 0; k < 20; k++) {
      float[] x = box.sample(rng);
      assertThat(box.contains(x)).as("sample %s of %s", java.util.Arrays.toString(x), box).isTrue();
      for (float v : x) assertThat(Float.isFinite(v)).isTrue();
    }
  }

  @Property(tries = 200)
  void discreteSamplesStayInRangeWithStart(@ForAll @IntRange(min = 1, max = 50) int n, @ForAll @IntRange(min = -20, max = 20) int start, @ForAll long seed) {
    Discrete d = new Discrete(n, start);
    RandomSource rng = RandomSource.of(seed);
    for (int k = 0; k < 30; k++) {
      int x = d.sample(rng);
      assertThat(x).isBetween(start, start + n - 1);
      assertThat(d.contains(x)).isTrue();
    }
    assertThat(d.contains(start - 1)).isFalse();
    assertThat(d.contains(start + n)).isFalse();
  }

  @Test
  void discreteWithStartHitsEveryValue() {
    Discrete d = new Discrete(3, -1);
    RandomSource rng = RandomSource.of(1);
    java.util.Set<Integer> seen = new java.util.TreeSet<>();
    for (int k = 0; k < 200; k++) seen.add(d.sample(rng));
    assertThat(seen).containsExactly(-1, 0, 1);
    assertThat(d.contains(2L)).isFalse(); // wrong type
    assertThatThrownBy(() -> new Discrete(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 100)
  void multiDiscreteSamplesAreContained(@ForAll @IntRange(min = 1, max = 9) int a, @ForAll @IntRange(min = 1, max = 9) int b, @ForAll long seed) {
    MultiDiscrete m = new MultiDiscrete(a, b);
    RandomSource rng = RandomSource.of(seed);
    for (int k = 0; k < 20; k++) assertThat(m.contains(m.sample(rng))).isTrue();
    assertThat(m.contains(new int[] {a, 0})).isFalse();
    assertThat(m.contains(new int[] {0})).isFalse();
  }

  @Test
  void boxContainsChecksLengthNanAndBounds() {
    Box b = Box.uniform(-1, 1, 2);
    assertThat(b.contains(new float[] {0, 1})).isTrue();
    assertThat(b.contains(new float[] {0, 1.0001f})).isFalse();
    assertThat(b.contains(new float[] {0, Float.NaN})).isFalse();
    assertThat(b.contains(new float[] {0})).isFalse();
    assertThat(b.contains(new double[] {0, 0})).isFalse();
    assertThatThrownBy(() -> Box.of(new float[] {1}, new float[] {0})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void boxSamplingFollowsGymnasiumsDistributions() {
    RandomSource rng = RandomSource.of(3);
    Box b = Box.of(new float[] {2, Float.NEGATIVE_INFINITY, 5, Float.NEGATIVE_INFINITY},
        new float[] {4, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, -5});
    int n = 20000;
    double[] sum = new double[4];
    double sumSq1 = 0;
    for (int k = 0; k < n; k++) {
      float[] x = b.sample(rng);
      for (int i = 0; i < 4; i++) sum[i] += x[i];
      sumSq1 += (double) x[1] * x[1];
    }
    assertThat(sum[0] / n).isBetween(2.95, 3.05); // uniform(2, 4)
    assertThat(sum[1] / n).isBetween(-0.03, 0.03); // normal(0, 1)
    assertThat(sumSq1 / n).isBetween(0.96, 1.04);
    assertThat(sum[2] / n).isBetween(5.95, 6.05); // 5 + Exp(1)
    assertThat(sum[3] / n).isBetween(-6.05, -5.95); // -5 - Exp(1)
  }

  @Test
  void samplingIsDeterministicPerSeed() {
    Box b = Box.uniform(-3, 3, 4);
    assertThat(b.sample(RandomSource.of(8))).isEqualTo(b.sample(RandomSource.of(8)));
    assertThat(b.sample(RandomSource.of(8))).isNotEqualTo(b.sample(RandomSource.of(9)));
  }
}
