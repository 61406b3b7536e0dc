package org.rewardlab.core.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.env.FlatEnvs;
import org.rewardlab.core.random.RandomSource;

/** The Space contract for {@link Tokens}, plus its flat encoding. */
class TokensTest {

  @Property(tries = 200)
  void samplesAreContainedAndCoverTheLengthRange(
      @ForAll @IntRange(min = 1, max = 40) int vocab,
      @ForAll @IntRange(min = 0, max = 6) int min,
      @ForAll @IntRange(min = 0, max = 6) int extra,
      @ForAll long seed) {
    int max = Math.max(1, min + extra);
    Tokens t = new Tokens(vocab, min, max);
    RandomSource rng = RandomSource.of(seed);
    TreeSet<Integer> lengths = new TreeSet<>();
    for (int k = 0; k < 400; k++) {
      int[] x = t.sample(rng);
      assertThat(t.contains(x)).as("sample %s of %s", Arrays.toString(x), t).isTrue();
      lengths.add(x.length);
    }
    assertThat(lengths.first()).isEqualTo(min);
    assertThat(lengths.last()).isEqualTo(max);
    assertThat(t.shape()).containsExactly(max);
    assertThat(t.flatSize()).isEqualTo(max);
  }

  @Test
  void sameSeedSameSamplesOtherSeedOtherSamples() {
    Tokens t = new Tokens(16, 1, 12);
    RandomSource a = RandomSource.of(7);
    RandomSource b = RandomSource.of(7);
    RandomSource c = RandomSource.of(8);
    boolean differs = false;
    for (int k = 0; k < 50; k++) {
      int[] x = t.sample(a);
      assertThat(t.sample(b)).isEqualTo(x);
      differs |= !Arrays.equals(x, t.sample(c));
    }
    assertThat(differs).isTrue();
  }

  @Test
  void everyIdIsDrawn() {
    Tokens t = new Tokens(7, 5, 5);
    RandomSource rng = RandomSource.of(1);
    TreeSet<Integer> ids = new TreeSet<>();
    for (int k = 0; k < 100; k++) for (int id : t.sample(rng)) ids.add(id);
    assertThat(ids).containsExactly(0, 1, 2, 3, 4, 5, 6);
  }

  @Test
  void containsChecksTypeLengthAndIds() {
    Tokens t = new Tokens(5, 2, 4);
    assertThat(t.contains(new int[] {0, 4})).isTrue();
    assertThat(t.contains(new int[] {0, 1, 2, 3})).isTrue();
    assertThat(t.contains(new int[] {0})).as("too short").isFalse();
    assertThat(t.contains(new int[] {0, 1, 2, 3, 4})).as("too long").isFalse();
    assertThat(t.contains(new int[] {0, 5})).as("id = V").isFalse();
    assertThat(t.contains(new int[] {-1, 0})).as("negative id").isFalse();
    assertThat(t.contains(new long[] {0, 1})).as("wrong type").isFalse();
    assertThat(t.contains(null)).isFalse();
    assertThat(new Tokens(5, 3).contains(new int[0])).as("min length defaults to 0").isTrue();
  }

  @Test
  void invalidBoundsAreRejected() {
    assertThatThrownBy(() -> new Tokens(0, 4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vocab");
    assertThatThrownBy(() -> new Tokens(3, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLength");
    assertThatThrownBy(() -> new Tokens(3, 5, 4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minLength");
    assertThatThrownBy(() -> new Tokens(3, -1, 4)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalsHashCodeAndToString() {
    assertThat(new Tokens(16, 0, 32)).isEqualTo(new Tokens(16, 32)).hasSameHashCodeAs(new Tokens(16, 32));
    assertThat(new Tokens(16, 1, 32)).isNotEqualTo(new Tokens(16, 32));
    assertThat(new Tokens(17, 32)).isNotEqualTo(new Tokens(16, 32));
    assertThat(new Tokens(16, 32).toString()).contains("16").contains("32");
  }

  @Property(tries = 200)
  void flatEncodingRoundTrips(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int off) {
    Tokens t = new Tokens(9, 0, 6);
    int[] x = t.sample(RandomSource.of(seed));
    float[] buf = new float[off + 6 + 2];
    Arrays.fill(buf, 42f);
    t.writeFlat(x, buf, off);
    assertThat(t.readFlat(buf, off)).isEqualTo(x);
    for (int i = x.length; i < 6; i++) assertThat(buf[off + i]).isEqualTo(Tokens.FLAT_PAD);
    assertThat(buf[off + 6]).as("nothing written past maxLength").isEqualTo(42f);
  }

  @Test
  void readFlatRejectsGarbage() {
    Tokens t = new Tokens(9, 1, 4);
    assertThatThrownBy(() -> t.readFlat(new float[] {1, -1, 2, -1}, 0)).hasMessageContaining("after the pad");
    assertThatThrownBy(() -> t.readFlat(new float[] {1.5f, -1, -1, -1}, 0)).hasMessageContaining("integer");
    assertThatThrownBy(() -> t.readFlat(new float[] {-1, -1, -1, -1}, 0)).as("shorter than minLength").hasMessageContaining("not in");
    assertThatThrownBy(() -> t.writeFlat(new int[] {9}, new float[4], 0)).hasMessageContaining("not in");
  }

  @Test
  void paddedUsesThePadId() {
    Tokens t = new Tokens(9, 5);
    assertThat(t.padded(new int[] {3, 4}, 0)).containsExactly(3, 4, 0, 0, 0);
    assertThatThrownBy(() -> t.padded(new int[] {3}, 9)).hasMessageContaining("pad id");
  }

  @Test
  void flatEnvsSamplesTokensInTheFlatEncoding() {
    Tokens t = new Tokens(4, 2, 5);
    float[] out = new float[7];
    RandomSource rng = RandomSource.of(3);
    for (int k = 0; k < 50; k++) {
      FlatEnvs.sampleAction(t, rng, out, 1);
      assertThat(t.contains(t.readFlat(out, 1))).isTrue();
    }
  }
}
