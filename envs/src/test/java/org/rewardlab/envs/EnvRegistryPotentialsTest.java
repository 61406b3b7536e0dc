package org.rewardlab.envs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.reward.ObservationPotential;
import org.rewardlab.envs.classic.ClassicPotentials;
import org.rewardlab.envs.classic.MountainCar;

/** The env side of potential-based shaping: each env registers its named potentials Φ(s). */
class EnvRegistryPotentialsTest {

  @Test
  void eachClassicEnvRegistersItsPotentials() {
    assertThat(EnvRegistry.potentials("MountainCar-v0").keySet()).containsExactly("mountaincar.height", "mountaincar.energy");
    assertThat(EnvRegistry.potentials("MountainCarContinuous-v0").keySet())
        .containsExactly("mountaincar.height", "mountaincar.energy");
    assertThat(EnvRegistry.potentials("CartPole-v1").keySet()).containsExactly("cartpole.upright");
    assertThat(EnvRegistry.potentials("Pendulum-v1").keySet()).containsExactly("pendulum.upright");
    assertThat(EnvRegistry.potentials("Acrobot-v1").keySet()).containsExactly("acrobot.height");
    assertThat(EnvRegistry.potentials("MountainCar-v0").get("mountaincar.energy")).isSameAs(ClassicPotentials.MOUNTAINCAR_ENERGY);
  }

  @Test
  void theMapsCannotBeChanged() {
    Map<String, ObservationPotential> p = EnvRegistry.potentials("CartPole-v1");
    assertThatThrownBy(() -> p.put("x", (o, off) -> 0)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void unknownEnvIsAUserError() {
    assertThatThrownBy(() -> EnvRegistry.potentials("CartPol-v1"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("unknown environment 'CartPol-v1'");
  }

  @Test
  void anEnvRegisteredWithoutPotentialsHasNone() {
    EnvSpec spec = new EnvSpec("PotentialsTestPlain-v0", 10, null);
    EnvRegistry.register(spec, MountainCar::new);
    assertThat(EnvRegistry.potentials(spec.id())).isEmpty();
  }

  @Test
  void registrationKeepsOrderAndCopies() {
    Map<String, ObservationPotential> mine = new LinkedHashMap<>();
    mine.put("b.second", (o, off) -> 2);
    mine.put("a.first", (o, off) -> 1);
    EnvSpec spec = new EnvSpec("PotentialsTestOwn-v0", 10, null);
    EnvRegistry.register(spec, MountainCar::new, mine);
    mine.clear();
    assertThat(EnvRegistry.potentials(spec.id()).keySet()).containsExactly("b.second", "a.first");
    assertThatThrownBy(() -> EnvRegistry.register(
            new EnvSpec("PotentialsTestBlank-v0", 10, null), MountainCar::new, Map.of(" ", (o, off) -> 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-blank name");
  }

  @Test
  void classicPotentialsMatchTheirDocumentedFormulas() {
    var height = ClassicPotentials.MOUNTAINCAR_HEIGHT;
    var energy = ClassicPotentials.MOUNTAINCAR_ENERGY;
    assertThat(height.value(new float[] {(float) (-Math.PI / 6), 0}, 0)).isCloseTo(0.1, within(1e-6));
    assertThat(energy.value(new float[] {(float) (-Math.PI / 6), 0}, 0)).isCloseTo(0.0, within(1e-6));
    assertThat(energy.value(new float[] {0.5f, 0}, 0)).isCloseTo(1.0, within(1e-6));
    // speed at the bottom counts: v = 0.07 (max speed) is worth ½v²/((g/3)(sin 1.5 + 1)) ≈ 1.47
    assertThat(energy.value(new float[] {(float) (-Math.PI / 6), 0.07f}, 0))
        .isCloseTo(0.5 * 0.07f * 0.07f / (0.0025 / 3 * (Math.sin(1.5) + 1)), within(1e-6));
    // read in place at an offset
    assertThat(energy.value(new float[] {9, 9, 0.5f, 0}, 2)).isCloseTo(1.0, within(1e-6));
    var cart = ClassicPotentials.CARTPOLE_UPRIGHT;
    assertThat(cart.value(new float[] {0, 0, 0, 0}, 0)).isEqualTo(1.0);
    assertThat(cart.value(new float[] {0, 0, (float) ClassicPotentials.CARTPOLE_THETA_MAX, 0}, 0)).isCloseTo(0.0, within(1e-6));
    var pend = ClassicPotentials.PENDULUM_UPRIGHT;
    assertThat(pend.value(new float[] {1, 0, 0}, 0)).isEqualTo(1.0);
    assertThat(pend.value(new float[] {-1, 0, 0}, 0)).isEqualTo(0.0);
    var acro = ClassicPotentials.ACROBOT_HEIGHT;
    // hanging down: theta1 = theta2 = 0, h = -2
    assertThat(acro.value(new float[] {1, 0, 1, 0, 0, 0}, 0)).isEqualTo(0.0);
    // straight up: theta1 = pi, theta2 = 0, h = 2
    assertThat(acro.value(new float[] {-1, 0, 1, 0, 0, 0}, 0)).isCloseTo(1.0, within(1e-9));
  }
}
