package org.rewardlab.algos.tabular;

import org.rewardlab.algos.loop.Learner;
import org.rewardlab.core.run.Checkpoint;

/**
 * A tabular learner: updates its table from a {@link TransitionBatch}, acts as the collector's
 * behaviour policy, and checkpoints its table (and anything else it carries between batches).
 */
interface TabularLearner extends Learner<TransitionBatch>, TabularActor {
  /** The learned policy, for evaluation. */
  StatePolicy policy();

  void writeState(Checkpoint.Builder b);

  void readState(Checkpoint c);
}
