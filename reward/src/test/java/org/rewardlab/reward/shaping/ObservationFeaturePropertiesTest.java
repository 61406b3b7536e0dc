package org.rewardlab.reward.shaping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.FloatRange;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.reward.ObservationPotential;

/** A feature term reads f on s', on s, or their difference, whatever the transition's flags. */
class ObservationFeaturePropertiesTest {

  @Property(tries = 300)
  void deltaIsNextMinusCurrentAndNoTerminalRuleApplies(
      @ForAll @FloatRange(min = -10, max = 10) float x0, @ForAll @FloatRange(min = -10, max = 10) float v0,
      @ForAll @FloatRange(min = -10, max = 10) float x1, @ForAll @FloatRange(min = -10, max = 10) float v1,
      @ForAll @DoubleRange(min = -5, max = 5) double w, @ForAll boolean terminated) {
    ObservationPotential f = (o, off) -> o[off] * o[off] + o[off + 1];
    float[] s = {x0, v0};
    float[] s2 = {x1, v1};
    FlatTransition t = new FlatTransition(2, 1).set(s, 0, new float[] {0}, 0, 0, s2, 0, terminated, false);
    double[] out = new double[1];
    double next = new ObservationFeature("f", f, ObservationFeature.Position.NEXT, w).evaluate(t, out);
    double current = new ObservationFeature("f", f, ObservationFeature.Position.CURRENT, w).evaluate(t, out);
    double delta = new ObservationFeature("f", f, ObservationFeature.Position.DELTA, w).evaluate(t, out);
    assertThat(out[0]).isEqualTo(delta);
    assertThat(next).isEqualTo(w * f.value(s2, 0));
    assertThat(current).isEqualTo(w * f.value(s, 0));
    assertThat(delta).isCloseTo(next - current, within(1e-9 * (1 + Math.abs(next) + Math.abs(current))));
    assertThat(new ObservationFeature("x", ObservationFeature.component(1), ObservationFeature.Position.NEXT, 1).evaluate(t, out))
        .isEqualTo((double) v1);
  }
}
