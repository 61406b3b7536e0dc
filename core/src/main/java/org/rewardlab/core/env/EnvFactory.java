package org.rewardlab.core.env;

import java.util.Map;
import org.rewardlab.core.reward.ObservationPotential;

/**
 * Makes environments by id, with what the reward side needs to know about them (their named
 * potentials): what a trainer is given instead of reaching for a global registry, so that tests and
 * embedding applications can pass their own envs. {@code EnvRegistry.standard()} is the standard one;
 * a lambda {@code id -> ...} makes envs without potentials.
 */
@FunctionalInterface
public interface EnvFactory {
  /**
   * A new instance of the env {@code id}, not yet reset, with its time limit applied.
   *
   * @throws org.rewardlab.core.UserInputException if no env has that id
   */
  FlatEnv make(String id);

  /** The named state potentials registered for env {@code id} (for potential-based shaping terms); none by default. */
  default Map<String, ObservationPotential> potentials(String id) {
    return Map.of();
  }
}
