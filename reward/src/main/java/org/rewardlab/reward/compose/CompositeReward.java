package org.rewardlab.reward.compose;

import java.util.List;
import org.rewardlab.core.reward.RewardFn;

/**
 * A reward function built from others. {@link RewardTree} walks composites through
 * {@link #children()} to find the stateful parts to checkpoint and the parts that may end an
 * episode, so a composite lists every child it evaluates, its hidden operands included, in a fixed
 * order.
 *
 * @param <X> what is scored
 */
public interface CompositeReward<X> extends RewardFn<X> {

  /** Every reward function this one evaluates, in a fixed order. */
  List<? extends RewardFn<X>> children();
}
