package org.rewardlab.algos.rm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.rewardlab.core.random.RandomSource;

/**
 * POLAR's policy-discriminative pre-training (RM §4, Dou et al. 2025) for feature-vector reward models. The reward
 * model reads a reference and a candidate, r(y_ref, y); its input here is the vector [y_ref, y, y_ref ⊙ y] (the
 * element-wise product lets even a linear model score similarity to the reference). Pre-training triples need no
 * labels: draw two different policies π_i ≠ π_j of a family, y_ref, y⁺ ~ π_i and y⁻ ~ π_j; the pair
 * (chosen = (y_ref, y⁺), rejected = (y_ref, y⁻)) is trained with the same Bradley–Terry loss
 * −log σ(r(y_ref, y⁺) − r(y_ref, y⁻)). Fine-tuning uses human-ranked triples A ≻ B ≻ C as (reference A,
 * chosen B, rejected C). Stateless.
 */
public final class PolicyDiscrimination {
  private PolicyDiscrimination() {}

  /** The model input [ref, y, ref ⊙ y]. */
  public static float[] input(float[] ref, float[] y) {
    if (ref.length != y.length) throw new IllegalArgumentException("reference has " + ref.length + " numbers, candidate " + y.length);
    int d = y.length;
    float[] x = new float[3 * d];
    for (int j = 0; j < d; j++) {
      x[j] = ref[j];
      x[d + j] = y[j];
      x[2 * d + j] = ref[j] * y[j];
    }
    return x;
  }

  /** The pair scoring y_chosen against y_rejected relative to {@code ref}. */
  public static RmPair pair(float[] ref, float[] chosen, float[] rejected) {
    return RmPair.of(RmInput.vector(input(ref, chosen)), RmInput.vector(input(ref, rejected)));
  }

  /**
   * {@code n} pre-training pairs from a family of policies (each draws one sample from the stream it is given):
   * per pair a random ordered pair of distinct policies i ≠ j, y_ref and y⁺ from π_i, y⁻ from π_j.
   */
  public static List<RmPair> pretrainingPairs(List<Function<RandomSource, float[]>> policies, int n, RandomSource rng) {
    if (policies.size() < 2) throw new IllegalArgumentException("policy discrimination needs at least 2 policies, got " + policies.size());
    List<RmPair> out = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      int i = rng.nextInt(policies.size());
      int j = rng.nextInt(policies.size() - 1);
      if (j >= i) j++;
      float[] ref = policies.get(i).apply(rng);
      float[] pos = policies.get(i).apply(rng);
      float[] neg = policies.get(j).apply(rng);
      out.add(pair(ref, pos, neg));
    }
    return out;
  }

  /** Further Bradley–Terry training of every member of {@code model} on {@code pairs} with {@code cfg}'s settings. */
  public static List<RmTrainer.Report> fineTune(TrainedRewardModel model, List<RmPair> pairs, RmConfig cfg, RandomSource rng) {
    List<RmTrainer.Report> reports = new ArrayList<>();
    for (int k = 0; k < model.members().size(); k++) {
      reports.add(RmTrainer.train(model.members().get(k), pairs, cfg, rng.derive("finetune." + k)));
    }
    return reports;
  }
}
