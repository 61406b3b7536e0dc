package org.rewardlab.reward.compose;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.reward.RewardFn;

/**
 * Walks a reward function's parts ({@link CompositeReward#children()}, depth first, parents before
 * children): the stateful ones ({@link Checkpointable}: running statistics, a previous step's value,
 * an episode's deferred sums) and the ones that may end an episode ({@link EndsEpisode}).
 *
 * <p>{@link #saveState}/{@link #loadState} write and read every stateful part in that order; a reward
 * without one writes nothing, so checkpoints of stateless rewards keep their layout. Trainers that
 * score completions use them to checkpoint a completion reward (running normalization).
 */
public final class RewardTree {
  private RewardTree() {}

  /** Every part of {@code fn}, {@code fn} first, depth first. */
  public static List<RewardFn<?>> parts(RewardFn<?> fn) {
    List<RewardFn<?>> out = new ArrayList<>();
    collect(fn, out);
    return out;
  }

  private static void collect(RewardFn<?> fn, List<RewardFn<?>> out) {
    out.add(fn);
    if (fn instanceof CompositeReward<?> c) {
      for (RewardFn<?> child : c.children()) collect(child, out);
    }
  }

  /** The stateful parts of {@code fn}, in checkpoint order. */
  public static List<Checkpointable> statefulParts(RewardFn<?> fn) {
    List<Checkpointable> out = new ArrayList<>();
    for (RewardFn<?> p : parts(fn)) if (p instanceof Checkpointable c) out.add(c);
    return out;
  }

  /** Whether {@code fn} keeps state between evaluations (beyond {@link RewardFn#reset()}). */
  public static boolean isStateful(RewardFn<?> fn) {
    return !statefulParts(fn).isEmpty();
  }

  /** The parts of {@code fn} that may end an episode. */
  @SuppressWarnings("unchecked")
  public static <X> List<EndsEpisode<X>> episodeEnders(RewardFn<X> fn) {
    List<EndsEpisode<X>> out = new ArrayList<>();
    for (RewardFn<?> p : parts(fn)) if (p instanceof EndsEpisode<?> e) out.add((EndsEpisode<X>) e);
    return out;
  }

  /** Writes the state of every stateful part of {@code fn} (nothing for a stateless reward). */
  public static void saveState(RewardFn<?> fn, StateBuffer out) {
    for (Checkpointable c : statefulParts(fn)) c.saveState(out);
  }

  /** Restores what {@link #saveState} wrote, into a reward built from the same spec. */
  public static void loadState(RewardFn<?> fn, StateBuffer in) {
    for (Checkpointable c : statefulParts(fn)) c.loadState(in);
  }
}
