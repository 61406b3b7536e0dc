package org.rewardlab.core.env;

import java.util.Map;

/**
 * What {@link Env#step} returns (Gymnasium's 5-tuple).
 *
 * @param observation the observation after the action
 * @param reward the raw task reward of this transition (shaping lives in the reward module)
 * @param terminated the episode reached a terminal state of the MDP: do not bootstrap
 * @param truncated the episode was cut short (time limit, out of bounds of the simulation): the
 *     state is not terminal and its value should be bootstrapped
 * @param info diagnostic values; empty when there are none
 */
public record Step<O>(O observation, double reward, boolean terminated, boolean truncated, Map<String, Object> info) {
  public Step {
    info = info == null ? Map.of() : info;
  }

  /** Whether the episode is over, for either reason. */
  public boolean done() {
    return terminated || truncated;
  }
}
