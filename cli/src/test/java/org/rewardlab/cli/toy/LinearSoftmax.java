package org.rewardlab.cli.toy;

import org.rewardlab.core.policy.FlatPolicy;
import org.rewardlab.core.random.RandomSource;

/** π(a|s) = softmax(W s + b) over Discrete actions, weights in plain Java ({@code [A x (D + 1)]}, bias last). */
final class LinearSoftmax implements FlatPolicy {
  final int obsSize;
  final int numActions;
  final double[] w;
  private final double[] p;

  LinearSoftmax(int obsSize, int numActions) {
    this.obsSize = obsSize;
    this.numActions = numActions;
    this.w = new double[numActions * (obsSize + 1)];
    this.p = new double[numActions];
  }

  @Override
  public int observationSize() {
    return obsSize;
  }

  @Override
  public int actionSize() {
    return 1;
  }

  /** Softmax probabilities of observation row {@code i} into {@code out}. */
  void probabilities(float[] obs, int i, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < numActions; a++) {
      double z = w[a * (obsSize + 1) + obsSize];
      for (int d = 0; d < obsSize; d++) z += w[a * (obsSize + 1) + d] * obs[i * obsSize + d];
      out[a] = z;
      max = Math.max(max, z);
    }
    double sum = 0;
    for (int a = 0; a < numActions; a++) sum += out[a] = Math.exp(out[a] - max);
    for (int a = 0; a < numActions; a++) out[a] /= sum;
  }

  @Override
  public void act(float[] obs, int n, RandomSource rng, float[] actions, float[] logProbs) {
    for (int i = 0; i < n; i++) {
      probabilities(obs, i, p);
      double u = rng.nextDouble();
      int chosen = numActions - 1;
      double c = 0;
      for (int a = 0; a < numActions; a++) {
        c += p[a];
        if (u < c) {
          chosen = a;
          break;
        }
      }
      actions[i] = chosen;
      logProbs[i] = (float) Math.log(p[chosen]);
    }
  }

  @Override
  public void actDeterministic(float[] obs, int n, float[] actions) {
    for (int i = 0; i < n; i++) {
      probabilities(obs, i, p);
      int best = 0;
      for (int a = 1; a < numActions; a++) if (p[a] > p[best]) best = a;
      actions[i] = best;
    }
  }
}
