package org.rewardlab.algos.topo;

import org.rewardlab.algos.experiment.AlgoSpec;
import org.rewardlab.core.UserInputException;

/**
 * TopoNav as a runner algorithm ({@code algo: {type: toponav, ...}}): the {@link TopoNavAgent} on a
 * gridworld for a budget of env steps; subgoal score and option rewards are {@link
 * SubgoalScore#defaults()} and {@link OptionReward#defaults()}.
 *
 * @param totalTimesteps env steps of the run
 * @param stepsPerIteration env steps per iteration (one metrics line; checkpoints every {@code
 *     run.checkpointEvery} iterations)
 * @param dNew distance (cells) beyond which a position becomes a node [4]
 * @param senseRange Chebyshev radius of the sensor (cells) [2]
 * @param optionTimeout most steps of one option [50]
 * @param epsilon the meta-controller's exploration rate [0.1]
 * @param metaAlpha the meta-controller's step size [0.1]
 */
public record TopoNavConfig(long totalTimesteps, int stepsPerIteration, double dNew, int senseRange, int optionTimeout,
    double epsilon, double metaAlpha) implements AlgoSpec {
  public TopoNavConfig {
    if (totalTimesteps < 1) throw new UserInputException("algo.totalTimesteps", "must be >= 1, got " + totalTimesteps, "e.g. 20000");
    if (stepsPerIteration < 1) throw new UserInputException("algo.stepsPerIteration", "must be >= 1, got " + stepsPerIteration, "e.g. 1000");
    if (!(dNew > 0) || Double.isInfinite(dNew)) throw new UserInputException("algo.dNew", "must be a finite number > 0, got " + dNew, "e.g. 4");
    if (senseRange < 1) throw new UserInputException("algo.senseRange", "must be >= 1, got " + senseRange, "e.g. 2");
    if (optionTimeout < 1) throw new UserInputException("algo.optionTimeout", "must be >= 1, got " + optionTimeout, "e.g. 50");
    if (!(epsilon >= 0 && epsilon <= 1)) throw new UserInputException("algo.epsilon", "must lie in [0, 1], got " + epsilon, "e.g. 0.1");
    if (!(metaAlpha > 0 && metaAlpha <= 1)) throw new UserInputException("algo.metaAlpha", "must lie in (0, 1], got " + metaAlpha, "e.g. 0.1");
  }

  /** 20k steps in iterations of 1000, and {@link TopoNavAgent.Config#defaults()}. */
  public static TopoNavConfig defaults() {
    TopoNavAgent.Config d = TopoNavAgent.Config.defaults();
    return new TopoNavConfig(20_000, 1000, d.dNew(), d.senseRange(), d.optionTimeout(), d.epsilon(), d.metaAlpha());
  }

  /** The agent's config. */
  public TopoNavAgent.Config agent() {
    return new TopoNavAgent.Config(dNew, senseRange, optionTimeout, epsilon, metaAlpha, SubgoalScore.defaults(), OptionReward.defaults());
  }

  /** Iterations of the run (the last may be shorter). */
  public int numIterations() {
    return (int) ((totalTimesteps + stepsPerIteration - 1) / stepsPerIteration);
  }
}
