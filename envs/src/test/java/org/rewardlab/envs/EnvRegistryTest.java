package org.rewardlab.envs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.FlatTimeLimit;
import org.rewardlab.envs.classic.CartPole;
import org.rewardlab.envs.classic.Pendulum;

class EnvRegistryTest {

  @Test
  void classicIdsAreRegistered() {
    assertThat(EnvRegistry.ids())
        .contains("CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1");
    assertThat(EnvRegistry.has("CartPole-v1")).isTrue();
    assertThat(EnvRegistry.has("CartPole-v0")).isFalse();
    FlatEnv pendulum = EnvRegistry.make("Pendulum-v1");
    assertThat(pendulum).as("make applies the spec's time limit, as gym.make").isInstanceOf(FlatTimeLimit.class);
    assertThat(((FlatTimeLimit) pendulum).maxEpisodeSteps()).isEqualTo(200);
    assertThat(pendulum.unwrapped()).isInstanceOf(Pendulum.class);
    assertThat(EnvRegistry.makeUnlimited("Pendulum-v1")).isInstanceOf(Pendulum.class);
    assertThat(EnvRegistry.spec("CartPole-v1")).isEqualTo(new EnvSpec("CartPole-v1", 500, 475.0));
  }

  @Test
  void makeReturnsNewInstances() {
    assertThat(EnvRegistry.make("CartPole-v1")).isNotSameAs(EnvRegistry.make("CartPole-v1"));
  }

  @Test
  void unknownIdNamesTheIdAndTheKnownOnes() {
    assertThatThrownBy(() -> EnvRegistry.make("CartPole-v0"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("CartPole-v0")
        .hasMessageContaining("did you mean 'CartPole-v1'")
        .hasMessageContaining("Acrobot-v1");
    assertThatThrownBy(() -> EnvRegistry.spec("nope")).isInstanceOf(UserInputException.class);
  }

  @Test
  void registerAddsAnIdAndRefusesDuplicates() {
    EnvSpec spec = new EnvSpec("RegistryTestCartPole-v0", 10, null);
    assertThatThrownBy(() -> EnvRegistry.register(CartPole.SPEC, CartPole::new))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already registered");
    // A factory whose env reports another id is caught at make time.
    EnvRegistry.register(spec, CartPole::new);
    assertThat(EnvRegistry.has(spec.id())).isTrue();
    assertThatThrownBy(() -> EnvRegistry.make(spec.id())).isInstanceOf(IllegalStateException.class);
  }
}
