package org.rewardlab.envs.text;

import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

/**
 * A text task whose problems have an <em>analogue</em>: the same question written another way, with the
 * same answer (Co-Reward's rephrased question, PO §12; on T-ARITH the commuted expression, {@code 12+34=}
 * ↔ {@code 34+12=}). Label-free rewards compare the answers a model gives to a problem and to its
 * analogue without knowing the answer.
 *
 * <p>{@link #analogue} is a fixed function of the problem (no randomness), so a run's pairs are a function
 * of its problem stream. Implementations are immutable and thread-safe.
 *
 * @param <P> the problem type
 */
public interface AnalogicalTask<P extends Problem> extends TextTask<P> {

  /**
   * The problem written another way: same final answer (a completion correct for one is correct for the
   * other), usually another prompt. A problem may be its own analogue (e.g. {@code 12+12}).
   */
  P analogue(P problem);

  /**
   * A train problem of {@code split} drawn from {@code rng} whose analogue is not a test problem either,
   * so neither prompt of a training pair is ever a held-out prompt.
   *
   * @throws UserInputException when no such problem turns up in 1000 draws (a task with too few problems)
   */
  default P sampleTrainWithAnalogue(Split<P> split, RandomSource rng) {
    for (int i = 0; i < 1000; i++) {
      P p = split.sampleTrain(rng);
      if (!split.isTest(analogue(p))) return p;
    }
    throw new UserInputException("train split", "could not draw a train problem of task " + name()
        + " whose analogue is not a test problem", "make the task larger or the test split smaller");
  }
}
