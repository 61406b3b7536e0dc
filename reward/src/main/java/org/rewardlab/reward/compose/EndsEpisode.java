package org.rewardlab.reward.compose;

/**
 * A reward part that can end an episode (CaRL's hard infractions). The reward wrapper asks every
 * such part of its reward, before scoring a transition, whether it ends the episode there; if one
 * does, the transition is scored as terminal (so potential-based shaping takes Φ(s') = 0) and the
 * wrapper reports {@code terminated()}.
 *
 * <p>{@link #endsEpisode} must not change the part's state: it is called besides
 * {@link org.rewardlab.core.reward.RewardFn#evaluate} on the same input.
 *
 * @param <X> what is scored
 */
public interface EndsEpisode<X> {

  /** Whether {@code x} ends the episode. */
  boolean endsEpisode(X x);
}
