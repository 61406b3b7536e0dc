package org.rewardlab.core.env;

import java.util.Map;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Space;

/**
 * A {@link FlatEnv} that wraps another and passes through what it does not change (spec, spaces,
 * flags, info, the unwrapped kernel, close); an implementation overrides only what it alters, as
 * Gymnasium's {@code Wrapper} does.
 */
public interface FlatEnvWrapper extends FlatEnv {
  /** The wrapped env. */
  FlatEnv inner();

  @Override
  default EnvSpec spec() {
    return inner().spec();
  }

  @Override
  default Box observationSpace() {
    return inner().observationSpace();
  }

  @Override
  default Space<?> actionSpace() {
    return inner().actionSpace();
  }

  @Override
  default boolean terminated() {
    return inner().terminated();
  }

  @Override
  default boolean truncated() {
    return inner().truncated();
  }

  @Override
  default Map<String, Object> info() {
    return inner().info();
  }

  @Override
  default FlatEnv unwrapped() {
    return inner().unwrapped();
  }

  @Override
  default void close() {
    inner().close();
  }
}
