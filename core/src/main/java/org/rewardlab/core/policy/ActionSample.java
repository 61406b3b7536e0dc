package org.rewardlab.core.policy;

import java.util.Map;

/**
 * One action drawn from a policy, with what a learner needs to score it later.
 *
 * @param action the action, in the env's action type
 * @param logProb log π(a|s) of the drawn action under the policy that drew it
 * @param extras named per-sample quantities the policy computed on the way (e.g. {@code value}
 *     for an actor-critic); empty when none
 * @param <A> the action type
 */
public record ActionSample<A>(A action, double logProb, Map<String, Double> extras) {
  public ActionSample {
    extras = extras == null ? Map.of() : Map.copyOf(extras);
  }
}
