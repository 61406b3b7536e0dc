package org.rewardlab.algos.tabular;

/**
 * The layouts of the tabular learners' checkpoints, every entry name in one place: the collector's
 * env state, action stream, current states, episode tracker and step count; Q-learning's Q table;
 * REINFORCE's logits, baseline values and the episodes still running. The shared entries
 * (experiment, step, iteration) come from {@link org.rewardlab.algos.experiment.RunCheckpoints}.
 */
final class TabularCheckpoint {
  /** Q-learning's layout name and version. */
  static final String QLEARNING = "qlearning/1";
  /** Tabular REINFORCE's layout name and version. */
  static final String REINFORCE = "tabular-reinforce/1";

  static final String RNG_ACTIONS = "collector.rng.actions";
  static final String VENV = "collector.venv";
  static final String STATES = "collector.states";
  static final String TRACKER = "collector.tracker";
  static final String STEPS = "collector.steps";
  static final String Q = "learner.q";
  static final String COUNTS = "learner.counts";
  static final String LOGITS = "learner.logits";
  static final String VALUES = "learner.values";
  static final String PENDING = "learner.pending";

  private TabularCheckpoint() {}
}
