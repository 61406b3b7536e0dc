package org.rewardlab.reward;

import java.util.List;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.reward.RewardFn;

/** The environment's own reward as one named term. Stateless and thread-safe. */
public final class EnvRewardTerm implements RewardFn<FlatTransition> {
  private final List<String> names;

  public EnvRewardTerm(String name) {
    this.names = List.of(name);
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public double evaluate(FlatTransition t, double[] termsOut) {
    termsOut[0] = t.envReward();
    return termsOut[0];
  }
}
