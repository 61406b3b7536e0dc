package org.rewardlab.core.env;

import java.util.Map;

/**
 * What {@link Env#reset} returns: the first observation of an episode and auxiliary info.
 *
 * @param observation the first observation
 * @param info diagnostic values (never needed to act); empty when there are none
 */
public record Reset<O>(O observation, Map<String, Object> info) {
  public Reset {
    info = info == null ? Map.of() : info;
  }

  public static <O> Reset<O> of(O observation) {
    return new Reset<>(observation, Map.of());
  }
}
