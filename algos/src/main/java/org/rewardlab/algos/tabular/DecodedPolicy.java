package org.rewardlab.algos.tabular;

import org.rewardlab.core.policy.FlatPolicy;
import org.rewardlab.core.random.RandomSource;

/**
 * A {@link StatePolicy} as a {@link FlatPolicy} on the env's observations: each observation row is
 * decoded to its state, then the table acts. What {@code Evaluation.play} runs. Not thread-safe (the
 * learners' policies compute in scratch arrays).
 */
final class DecodedPolicy implements FlatPolicy {
  private final StateDecoder decoder;
  private final StatePolicy policy;

  DecodedPolicy(StateDecoder decoder, StatePolicy policy) {
    this.decoder = decoder;
    this.policy = policy;
  }

  @Override
  public int observationSize() {
    return decoder.observationSize();
  }

  @Override
  public int actionSize() {
    return 1;
  }

  @Override
  public void act(float[] obs, int n, RandomSource rng, float[] actions, float[] logProbs) {
    for (int i = 0; i < n; i++) {
      int s = decoder.decode(obs, i);
      int a = policy.sample(s, rng);
      actions[i] = a;
      logProbs[i] = (float) policy.logProb(s, a);
    }
  }

  @Override
  public void actDeterministic(float[] obs, int n, float[] actions) {
    for (int i = 0; i < n; i++) actions[i] = policy.mode(decoder.decode(obs, i));
  }
}
