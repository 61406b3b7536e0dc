package org.rewardlab.core.env;

/**
 * Makes environments by id: what a trainer is given instead of reaching for a global registry, so
 * that tests and embedding applications can pass their own envs. {@code EnvRegistry::make} is the
 * standard one.
 */
@FunctionalInterface
public interface EnvFactory {
  /**
   * A new instance of the env {@code id}, not yet reset, with its time limit applied.
   *
   * @throws org.rewardlab.core.UserInputException if no env has that id
   */
  FlatEnv make(String id);
}
