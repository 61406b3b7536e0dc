package org.rewardlab.algos.rl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.wrappers.RunningMeanStd;

/**
 * The layout of a PPO checkpoint, every entry name in one place: the learner's weights, Adam state
 * and minibatch stream; the collector's env state, action stream, carried observation, episode
 * tracker and normalizer statistics. The shared entries (experiment, step, iteration) come from
 * {@link org.rewardlab.algos.experiment.RunCheckpoints}.
 */
final class PpoCheckpoint {
  /** Layout name and version, checked on resume and evaluation. */
  static final String LAYOUT = "ppo/2";

  static final String WEIGHTS = "learner.weights.";
  static final String ADAM = "learner.adam";
  static final String RNG_MINIBATCH = "learner.rng.minibatch";
  static final String RNG_ACTIONS = "collector.rng.actions";
  static final String VENV = "collector.venv";
  static final String NEXT_OBS = "collector.nextObs";
  static final String NEXT_DONE = "collector.nextDone";
  static final String TRACKER = "collector.tracker";
  static final String STEPS = "collector.steps";
  static final String OBS_NORM = "collector.obsNorm.";
  static final String REWARD_NORM = "collector.rewardNorm.";
  static final String REWARD_NORM_RETURNS = "collector.rewardNorm.returns";

  private PpoCheckpoint() {}

  /** The network weights by parameter name. */
  static Map<String, float[]> weights(Checkpoint c) {
    Map<String, float[]> w = new LinkedHashMap<>();
    for (String name : c.floatNames()) {
      if (name.startsWith(WEIGHTS)) w.put(name.substring(WEIGHTS.length()), c.floats(name));
    }
    return w;
  }

  static void writeWeights(Checkpoint.Builder b, Map<String, float[]> weights) {
    b.floats(WEIGHTS, weights);
  }

  /** The observation statistics of env {@code i} (present when the experiment normalizes observations). */
  static RunningMeanStd.State observationStats(Checkpoint c, int i) {
    return readRms(c, OBS_NORM + i);
  }

  static void writeObservationStats(Checkpoint.Builder b, int i, RunningMeanStd.State s) {
    writeRms(b, OBS_NORM + i, s);
  }

  static RunningMeanStd.State rewardStats(Checkpoint c, int i) {
    return readRms(c, REWARD_NORM + i);
  }

  static void writeRewardStats(Checkpoint.Builder b, int i, RunningMeanStd.State s) {
    writeRms(b, REWARD_NORM + i, s);
  }

  private static void writeRms(Checkpoint.Builder b, String prefix, RunningMeanStd.State s) {
    b.doubles(prefix + ".mean", s.mean());
    b.doubles(prefix + ".var", s.var());
    b.scalar(prefix + ".count", s.count());
  }

  private static RunningMeanStd.State readRms(Checkpoint c, String prefix) {
    return new RunningMeanStd.State(c.doubles(prefix + ".mean"), c.doubles(prefix + ".var"), c.scalar(prefix + ".count"));
  }
}
