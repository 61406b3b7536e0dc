package org.rewardlab.algos.prefgame;

import java.util.function.Function;
import org.rewardlab.core.random.RandomSource;

/**
 * One iteration of on-policy iterated contrastive optimization with the previous iterate as reference, DNO-Prct's
 * step (PO §14): for each of B prompts sample K responses from π_t, score them, take the best as y⁺ and the worst as
 * y⁻, keep the pair when the score margin exceeds the threshold, then fit π_{t+1} by gradient descent on the DPO
 * loss with β = η and reference π_t. With the score r_t(y) = P(y ≻ π_t), the expected win rate against the current
 * policy, this is DNO; with a fixed scalar reward model it is iterated DPO against that model (DNO's baseline).
 *
 * <p>Stateless; draws only from the stream it is given.
 *
 * @param samples K responses per prompt
 * @param prompts B prompts per iteration
 * @param eta η (DPO's β)
 * @param marginThreshold keep a pair only when score(y⁺) − score(y⁻) exceeds this
 * @param steps gradient steps per iteration
 * @param learningRate gradient step size
 */
public record IteratedDpo(int samples, int prompts, double eta, double marginThreshold, int steps, double learningRate) {
  public IteratedDpo {
    if (samples < 2 || prompts < 1 || !(eta > 0) || steps < 1 || !(learningRate > 0)) {
      throw new IllegalArgumentException("iterated DPO: need K >= 2, B >= 1, η > 0, steps >= 1, lr > 0");
    }
  }

  /** What one iteration did: the new logits and the pairs it kept. */
  public record Step(double[] theta, int pairs) {}

  /** One iteration from θ_t; {@code score} maps π_t to a score per response. */
  public Step step(double[] theta, Function<double[], double[]> score, RandomSource rng) {
    double[] pi = SoftmaxPolicy.probs(theta);
    double[] s = score.apply(pi);
    int[] w = new int[prompts];
    int[] l = new int[prompts];
    int n = 0;
    for (int b = 0; b < prompts; b++) {
      int best = -1;
      int worst = -1;
      for (int k = 0; k < samples; k++) {
        int y = SoftmaxPolicy.sample(pi, rng);
        if (best < 0 || s[y] > s[best]) best = y;
        if (worst < 0 || s[y] < s[worst]) worst = y;
      }
      if (s[best] - s[worst] > marginThreshold) {
        w[n] = best;
        l[n] = worst;
        n++;
      }
    }
    if (n == 0) return new Step(theta.clone(), 0);
    double[] betas = new double[n];
    java.util.Arrays.fill(betas, eta);
    double[] next = TabularDpo.fit(theta, theta, java.util.Arrays.copyOf(w, n), java.util.Arrays.copyOf(l, n), betas,
        steps, learningRate);
    return new Step(next, n);
  }
}
