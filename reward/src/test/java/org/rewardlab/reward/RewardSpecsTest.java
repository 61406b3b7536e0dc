package org.rewardlab.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.reward.RewardBreakdown;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.reward.shaping.Potentials;
import org.rewardlab.reward.spec.Condition;
import org.rewardlab.reward.spec.RewardSpec;

class RewardSpecsTest {
  private static final RewardSpec ENV = new RewardSpec.EnvReward();

  private static RewardSpec.WeightedTerm w(double weight, RewardSpec r) {
    return new RewardSpec.WeightedTerm(weight, r);
  }

  /** s = [x0, v0], s' = [x1, v1], action a, env reward r. */
  private static FlatTransition transition(float[] s, float[] s2, float[] a, double r, boolean term, boolean trunc) {
    return new FlatTransition(s.length, a.length).set(s, 0, a, 0, r, s2, 0, term, trunc);
  }

  @Test
  void weightedSumScalesEachTermAndTermsAddUpToTheTotal() {
    RewardSpec spec = new RewardSpec.Weighted(List.of(
        w(1.0, ENV),
        w(0.5, new RewardSpec.Potential("mountaincar.height", 1.0)),
        w(2.0, new RewardSpec.Bonus(null, 3.0, Condition.TERMINATED)),
        w(1.0, new RewardSpec.Penalty(null, 0.25, Condition.STEP))));
    RewardFn<FlatTransition> fn = RewardSpecs.build(spec, new LineEnv(100));
    assertThat(fn.termNames()).containsExactly("env", "shaping", "bonus", "penalty");

    float[] s = {-0.5f, 0f};
    float[] s2 = {0.1f, 0.02f};
    double phi0 = 0.45 * Math.sin(3 * -0.5f) + 0.55;
    double phi1 = 0.45 * Math.sin(3 * 0.1f) + 0.55;
    RewardBreakdown b = fn.breakdown(transition(s, s2, new float[] {2}, -1.0, false, false));
    assertThat(b.term("env")).isEqualTo(-1.0);
    assertThat(b.term("shaping")).isCloseTo(0.5 * (phi1 - phi0), within(1e-12));
    assertThat(b.term("bonus")).isEqualTo(0.0);
    assertThat(b.term("penalty")).isEqualTo(-0.25);
    assertThat(b.total()).isCloseTo(-1.0 + 0.5 * (phi1 - phi0) - 0.25, within(1e-12));

    RewardBreakdown end = fn.breakdown(transition(s, s2, new float[] {2}, -1.0, true, false));
    assertThat(end.term("bonus")).isEqualTo(6.0);
    assertThat(end.term("shaping")).isCloseTo(-0.5 * phi0, within(1e-12));
    double sum = 0;
    for (double v : end.values()) sum += v;
    assertThat(sum).isCloseTo(end.total(), within(1e-12));
  }

  @Test
  void terminalAndTruncatedAreTreatedDifferently() {
    RewardSpec spec = new RewardSpec.Weighted(List.of(
        w(1.0, new RewardSpec.Potential("mountaincar.height", 1.0)),
        w(1.0, new RewardSpec.Bonus("goal", 1.0, Condition.TERMINATED)),
        w(1.0, new RewardSpec.Penalty("timeout", 1.0, Condition.TRUNCATED)),
        w(1.0, new RewardSpec.Bonus("ended", 0.5, Condition.DONE))));
    RewardFn<FlatTransition> fn = RewardSpecs.build(spec, new LineEnv(100));
    float[] s = {0.0f, 0f};
    float[] s2 = {0.5f, 0.05f};
    double phi0 = Potentials.get("mountaincar.height").potential().value(s, 0);
    double phi1 = Potentials.get("mountaincar.height").potential().value(s2, 0);

    RewardBreakdown term = fn.breakdown(transition(s, s2, new float[] {1}, 0, true, false));
    assertThat(term.term("shaping")).isCloseTo(-phi0, within(1e-12));
    assertThat(term.term("goal")).isEqualTo(1.0);
    assertThat(term.term("timeout")).isEqualTo(0.0);
    assertThat(term.term("ended")).isEqualTo(0.5);

    RewardBreakdown trunc = fn.breakdown(transition(s, s2, new float[] {1}, 0, false, true));
    assertThat(trunc.term("shaping")).isCloseTo(phi1 - phi0, within(1e-12));
    assertThat(trunc.term("goal")).isEqualTo(0.0);
    assertThat(trunc.term("timeout")).isEqualTo(-1.0);
    assertThat(trunc.term("ended")).isEqualTo(0.5);
  }

  @Test
  void duplicateTermNamesAreRejectedWithAFix() {
    RewardSpec spec = new RewardSpec.Weighted(List.of(
        w(1.0, new RewardSpec.Potential("mountaincar.height", 0.99)),
        w(1.0, new RewardSpec.Potential("mountaincar.energy", 0.99))));
    assertThatThrownBy(() -> RewardSpecs.build(spec, new LineEnv(100)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("the term name 'shaping' is used twice")
        .hasMessageContaining("give each term its own `name:`");
  }

  @Test
  void clipBoundsTheTotalAndLogsTheCorrection() {
    RewardSpec spec = new RewardSpec.Clip(null, -0.5, 0.5, new RewardSpec.Weighted(List.of(
        w(1.0, ENV), w(1.0, new RewardSpec.Bonus(null, 2.0, Condition.STEP)))));
    RewardFn<FlatTransition> fn = RewardSpecs.build(spec, new LineEnv(100));
    assertThat(fn.termNames()).containsExactly("env", "bonus", "clip");
    float[] s = {0f, 0f};
    RewardBreakdown b = fn.breakdown(transition(s, s, new float[] {1}, -1.0, false, false));
    assertThat(b.total()).isEqualTo(0.5);
    assertThat(b.term("clip")).isEqualTo(-0.5);
    RewardBreakdown inside = fn.breakdown(transition(s, s, new float[] {1}, -1.8, false, false));
    assertThat(inside.total()).isCloseTo(0.2, within(1e-12));
    assertThat(inside.term("clip")).isEqualTo(0.0);
  }

  @Test
  void actionCostIsMinusCoefTimesSquaredNorm() {
    RewardFn<FlatTransition> fn = RewardSpecs.build(new RewardSpec.ActionCost(null, 0.1), new LineEnv(10, true));
    float[] s = {0f, 0f};
    assertThat(fn.breakdown(transition(s, s, new float[] {0.5f, -2f}, 0, false, false)).total())
        .isCloseTo(-0.1 * (0.25 + 4), within(1e-12));
  }

  @Test
  void actionCostOnDiscreteActionsIsRejected() {
    assertThatThrownBy(() -> RewardSpecs.build(new RewardSpec.ActionCost(null, 0.1), new LineEnv(10)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("needs continuous (Box) actions");
  }

  @Test
  void potentialForAnotherObservationSizeIsRejected() {
    assertThatThrownBy(() -> RewardSpecs.build(
            new RewardSpec.Potential("cartpole.upright", 0.99),
            new EnvSpec("Line-v0", 0, null), Box.uniform(-1, 1, 2), new Discrete(3)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("reads observations of 4 floats, but Line-v0 has 2");
  }

  @Test
  void builtInPotentialsMatchTheirDocumentedFormulas() {
    var height = Potentials.get("mountaincar.height").potential();
    var energy = Potentials.get("mountaincar.energy").potential();
    assertThat(height.value(new float[] {(float) (-Math.PI / 6), 0}, 0)).isCloseTo(0.1, within(1e-6));
    assertThat(energy.value(new float[] {(float) (-Math.PI / 6), 0}, 0)).isCloseTo(0.0, within(1e-6));
    assertThat(energy.value(new float[] {0.5f, 0}, 0)).isCloseTo(1.0, within(1e-6));
    // speed at the bottom counts: v = 0.07 (max speed) is worth ½v²/((g/3)(sin 1.5 + 1)) ≈ 1.47
    assertThat(energy.value(new float[] {(float) (-Math.PI / 6), 0.07f}, 0))
        .isCloseTo(0.5 * 0.07f * 0.07f / (0.0025 / 3 * (Math.sin(1.5) + 1)), within(1e-6));
    var cart = Potentials.get("cartpole.upright").potential();
    assertThat(cart.value(new float[] {0, 0, 0, 0}, 0)).isEqualTo(1.0);
    assertThat(cart.value(new float[] {0, 0, (float) Potentials.CARTPOLE_THETA_MAX, 0}, 0)).isCloseTo(0.0, within(1e-6));
    var pend = Potentials.get("pendulum.upright").potential();
    assertThat(pend.value(new float[] {1, 0, 0}, 0)).isEqualTo(1.0);
    assertThat(pend.value(new float[] {-1, 0, 0}, 0)).isEqualTo(0.0);
    var acro = Potentials.get("acrobot.height").potential();
    // hanging down: theta1 = theta2 = 0, h = -2
    assertThat(acro.value(new float[] {1, 0, 1, 0, 0, 0}, 0)).isEqualTo(0.0);
    // straight up: theta1 = pi, theta2 = 0, h = 2
    assertThat(acro.value(new float[] {-1, 0, 1, 0, 0, 0}, 0)).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void customPotentialsCanBeRegisteredAndUsed() {
    Potentials.register("test.first", "the first component", 2, (float[] o) -> o[0]);
    RewardFn<FlatTransition> fn = RewardSpecs.build(
        new RewardSpec.Potential(null, "test.first", 1.0, 1.0), new LineEnv(10));
    float[] buf = {9f, 0.25f, 0f, 0.75f, 0f};
    FlatTransition t = new FlatTransition(2, 1).set(buf, 1, new float[] {0}, 0, 0, buf, 3, false, false);
    assertThat(fn.breakdown(t).total()).isEqualTo(0.5);
    assertThat(Potentials.names()).contains("test.first");
  }
}
