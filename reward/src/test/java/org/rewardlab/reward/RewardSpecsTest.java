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
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.classic.ClassicPotentials;
import org.rewardlab.reward.spec.Condition;
import org.rewardlab.reward.spec.RewardSpec;

class RewardSpecsTest {
  private static final RewardSpec ENV = new RewardSpec.EnvReward();

  /** LineEnv has MountainCar's observation layout [x, v], so MountainCar's potentials apply. */
  private static final RewardBuildContext CTX = new RewardBuildContext(0.99, EnvRegistry.potentials("MountainCar-v0"));

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
    RewardFn<FlatTransition> fn = RewardSpecs.build(spec, new LineEnv(100), CTX);
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
    RewardFn<FlatTransition> fn = RewardSpecs.build(spec, new LineEnv(100), CTX);
    float[] s = {0.0f, 0f};
    float[] s2 = {0.5f, 0.05f};
    double phi0 = ClassicPotentials.MOUNTAINCAR_HEIGHT.value(s, 0);
    double phi1 = ClassicPotentials.MOUNTAINCAR_HEIGHT.value(s2, 0);

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
    assertThatThrownBy(() -> RewardSpecs.build(spec, new LineEnv(100), CTX))
        .isInstanceOf(UserInputException.class)
        .satisfies(e -> assertThat(((UserInputException) e).where()).isEqualTo("terms.1.reward.name"))
        .hasMessageContaining("the term name 'shaping' is used twice (also by the term at terms.0.reward)")
        .hasMessageContaining("give each term its own `name:`");
  }

  @Test
  void clipBoundsTheTotalAndLogsTheCorrection() {
    RewardSpec spec = new RewardSpec.Clip(null, -0.5, 0.5, new RewardSpec.Weighted(List.of(
        w(1.0, ENV), w(1.0, new RewardSpec.Bonus(null, 2.0, Condition.STEP)))));
    RewardFn<FlatTransition> fn = RewardSpecs.build(spec, new LineEnv(100), CTX);
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
    RewardFn<FlatTransition> fn = RewardSpecs.build(new RewardSpec.ActionCost(null, 0.1), new LineEnv(10, true), CTX);
    float[] s = {0f, 0f};
    assertThat(fn.breakdown(transition(s, s, new float[] {0.5f, -2f}, 0, false, false)).total())
        .isCloseTo(-0.1 * (0.25 + 4), within(1e-12));
  }

  @Test
  void actionCostOnDiscreteActionsIsRejected() {
    assertThatThrownBy(() -> RewardSpecs.build(new RewardSpec.ActionCost(null, 0.1), new LineEnv(10), CTX))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("needs continuous (Box) actions")
        .satisfies(e -> assertThat(((UserInputException) e).where()).isEqualTo("type"));
  }

  @Test
  void aPotentialTheEnvDoesNotRegisterIsRejectedWithItsPathAndTheRegisteredOnes() {
    RewardSpec spec = new RewardSpec.Weighted(List.of(
        w(1.0, ENV),
        w(1.0, new RewardSpec.Potential("mountaincar.hieght", 0.99))));
    assertThatThrownBy(() -> RewardSpecs.build(spec, new LineEnv(100), CTX))
        .isInstanceOf(UserInputException.class)
        .satisfies(e -> assertThat(((UserInputException) e).where()).isEqualTo("terms.1.reward.potential"))
        .hasMessageContaining("unknown potential 'mountaincar.hieght' for Line-v0")
        .hasMessageContaining("did you mean 'mountaincar.height'?")
        .hasMessageContaining("use one of the potentials Line-v0 registers: mountaincar.height, mountaincar.energy");
  }

  @Test
  void anotherEnvsPotentialIsUnknownHere() {
    assertThatThrownBy(() -> RewardSpecs.build(
            new RewardSpec.Potential("mountaincar.energy", 0.99),
            EnvRegistry.spec("CartPole-v1"), Box.uniform(-1, 1, 4), new Discrete(2),
            new RewardBuildContext(0.99, EnvRegistry.potentials("CartPole-v1"))))
        .isInstanceOf(UserInputException.class)
        .satisfies(e -> assertThat(((UserInputException) e).where()).isEqualTo("potential"))
        .hasMessageContaining("unknown potential 'mountaincar.energy' for CartPole-v1")
        .hasMessageContaining("registers: cartpole.upright");
  }

  @Test
  void anEnvWithoutPotentialsSaysSo() {
    assertThatThrownBy(() -> RewardSpecs.build(
            new RewardSpec.Potential("mountaincar.energy", 0.99), new LineEnv(10), new RewardBuildContext(0.99)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("Line-v0 registers no potentials")
        .hasMessageContaining("EnvRegistry.register(spec, factory, potentials)");
  }

  @Test
  void anOmittedGammaIsTheAgentsAndAnExplicitOneIsKept() {
    float[] s = {-0.5f, 0f};
    float[] s2 = {0.1f, 0.02f};
    double phi0 = ClassicPotentials.MOUNTAINCAR_ENERGY.value(s, 0);
    double phi1 = ClassicPotentials.MOUNTAINCAR_ENERGY.value(s2, 0);
    FlatTransition t = transition(s, s2, new float[] {1}, -1.0, false, false);
    RewardSpec omitted = new RewardSpec.Potential("mountaincar.energy");
    assertThat(((RewardSpec.Potential) omitted).gamma()).isNull();
    for (double agentGamma : new double[] {0.9, 0.99, 1.0}) {
      RewardBuildContext ctx = new RewardBuildContext(agentGamma, ClassicPotentials.mountainCar());
      assertThat(RewardSpecs.build(omitted, new LineEnv(10), ctx).breakdown(t).total())
          .isEqualTo(agentGamma * phi1 - phi0);
      assertThat(RewardSpecs.build(new RewardSpec.Potential("mountaincar.energy", 0.5), new LineEnv(10), ctx)
              .breakdown(t).total())
          .isEqualTo(0.5 * phi1 - phi0);
    }
  }

  @Test
  void theContextChecksTheAgentsGamma() {
    assertThatThrownBy(() -> new RewardBuildContext(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pass the agent's discount");
    assertThatThrownBy(() -> new RewardBuildContext(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void customPotentialsCanBeAddedToTheContext() {
    RewardBuildContext ctx = CTX.withPotential("test.first", (o, off) -> o[off]);
    RewardFn<FlatTransition> fn = RewardSpecs.build(
        new RewardSpec.Potential(null, "test.first", 1.0, 1.0), new LineEnv(10), ctx);
    float[] buf = {9f, 0.25f, 0f, 0.75f, 0f};
    FlatTransition t = new FlatTransition(2, 1).set(buf, 1, new float[] {0}, 0, 0, buf, 3, false, false);
    assertThat(fn.breakdown(t).total()).isEqualTo(0.5);
    assertThat(ctx.potentials().keySet()).containsExactly("mountaincar.height", "mountaincar.energy", "test.first");
    assertThat(CTX.potentials()).doesNotContainKey("test.first");
  }
}
