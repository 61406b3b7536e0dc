package org.rewardlab.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ObservationPotential;
import org.rewardlab.envs.classic.ClassicPotentials;
import org.rewardlab.reward.shaping.PotentialShaping;

/** Ng, Harada &amp; Russell's telescoping identity on random trajectories. */
class PotentialShapingPropertiesTest {

  @Provide
  Arbitrary<List<Float>> states() {
    // flattened [x, v] pairs: at least two states (one transition)
    return Arbitraries.integers().between(2, 40).flatMap(n ->
        Arbitraries.floats().between(-1.5f, 1.5f).list().ofSize(2 * n));
  }

  @Provide
  Arbitrary<String> potentials() {
    return Arbitraries.of("mountaincar.height", "mountaincar.energy");
  }

  /** Σ_t γ^t F_t over the episode; the last transition is terminal or truncated. */
  private static double discountedShaping(
      RewardFn<FlatTransition> f, float[] s, double gamma, boolean terminal) {
    int n = s.length / 2;
    FlatTransition t = new FlatTransition(2, 1);
    float[] a = {1};
    double[] out = new double[1];
    double sum = 0;
    double disc = 1;
    for (int i = 0; i + 1 < n; i++) {
      boolean last = i + 2 == n;
      t.set(s, 2 * i, a, 0, 0.0, s, 2 * i + 2, last && terminal, last && !terminal);
      sum += disc * f.evaluate(t, out);
      disc *= gamma;
    }
    return sum;
  }

  private static float[] toArray(List<Float> l) {
    float[] s = new float[l.size()];
    for (int i = 0; i < s.length; i++) s[i] = l.get(i);
    return s;
  }

  @Property(tries = 200)
  void terminatedEpisodeTelescopesToMinusPhiOfStart(
      @ForAll("states") List<Float> states, @ForAll("potentials") String name,
      @ForAll @DoubleRange(min = 0.1, max = 20) double weight) {
    float[] s = toArray(states);
    ObservationPotential phi = ClassicPotentials.mountainCar().get(name);
    PotentialShaping f = new PotentialShaping("shaping", phi, 1.0, weight);
    double sum = discountedShaping(f, s, 1.0, true);
    assertThat(sum).isCloseTo(-weight * phi.value(s, 0), within(1e-9 * (1 + weight) * s.length));
  }

  @Property(tries = 200)
  void truncatedEpisodeKeepsTheLastPotential(
      @ForAll("states") List<Float> states, @ForAll("potentials") String name) {
    float[] s = toArray(states);
    ObservationPotential phi = ClassicPotentials.mountainCar().get(name);
    PotentialShaping f = new PotentialShaping("shaping", phi, 1.0, 1.0);
    double sum = discountedShaping(f, s, 1.0, false);
    assertThat(sum).isCloseTo(phi.value(s, s.length - 2) - phi.value(s, 0), within(1e-9 * s.length));
  }

  @Property(tries = 200)
  void discountedSumTelescopesForAnyGamma(
      @ForAll("states") List<Float> states, @ForAll @DoubleRange(min = 0, max = 1) double gamma,
      @ForAll boolean terminal) {
    float[] s = toArray(states);
    ObservationPotential phi = ClassicPotentials.MOUNTAINCAR_ENERGY;
    PotentialShaping f = new PotentialShaping("shaping", phi, gamma, 1.0);
    int steps = s.length / 2 - 1;
    double expected = (terminal ? 0 : Math.pow(gamma, steps) * phi.value(s, s.length - 2)) - phi.value(s, 0);
    assertThat(discountedShaping(f, s, gamma, terminal)).isCloseTo(expected, within(1e-9 * s.length));
  }

  @Property(tries = 50)
  void shapingOfOneStepIsGammaPhiNextMinusPhi(
      @ForAll @DoubleRange(min = -1.2, max = 0.6) double x0, @ForAll @DoubleRange(min = -1.2, max = 0.6) double x1,
      @ForAll @IntRange(min = 0, max = 1) int terminated) {
    float[] s = {(float) x0, 0f, (float) x1, 0.01f};
    ObservationPotential phi = ClassicPotentials.MOUNTAINCAR_HEIGHT;
    PotentialShaping f = new PotentialShaping("shaping", phi, 0.9, 2.0);
    FlatTransition t = new FlatTransition(2, 1).set(s, 0, new float[] {0}, 0, -1, s, 2, terminated == 1, false);
    double phiNext = terminated == 1 ? 0 : phi.value(s, 2);
    assertThat(f.breakdown(t).total()).isCloseTo(2.0 * (0.9 * phiNext - phi.value(s, 0)), within(1e-12));
  }
}
