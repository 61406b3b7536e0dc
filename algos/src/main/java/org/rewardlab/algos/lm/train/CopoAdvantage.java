package org.rewardlab.algos.lm.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * COPO's global advantage and gate for one generation batch (formulas on {@link Copo}). Rows are laid
 * out as GRPO's: row p·G + g is completion g of prompt p. The local (GRPO) advantages are computed by the
 * caller and passed in. Immutable and thread-safe.
 */
public final class CopoAdvantage {
  private final Copo spec;

  public CopoAdvantage(Copo spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  /**
   * The parts of COPO's loss for one batch.
   *
   * @param global Â^G per row (the prompt's value broadcast)
   * @param localWeight w per row, the weight of the local loss (the global loss gets 1 − w)
   * @param entropy H_x per prompt, in bits
   * @param softGate σ(k(H_x − b)) per prompt, before any forcing
   * @param globalReward R_x per prompt
   * @param effectiveGradFraction prompts with some completion whose blended advantage (1 − w)Â^G + wÂ^L is
   *     non-zero (the gradient of a linear aggregation at ratio 1 is that of the blended advantage)
   * @param localNonZeroFraction prompts with some non-zero local advantage (GRPO's signal on this batch)
   */
  public record Result(double[] global, double[] localWeight, double[] entropy, double[] softGate, double[] globalReward,
      double effectiveGradFraction, double localNonZeroFraction) {}

  /**
   * @param rewards one per row
   * @param groupSize G
   * @param answers the extracted final answer of each row (null: none)
   * @param texts the completion text of each row, used where the answer is null
   * @param local Â^L per row
   */
  public Result compute(double[] rewards, int groupSize, List<String> answers, List<String> texts, double[] local) {
    int n = rewards.length;
    if (groupSize < 1 || n % groupSize != 0 || answers.size() != n || texts.size() != n || local.length != n) {
      throw new IllegalArgumentException("COPO needs rewards, answers, texts and local advantages for the same "
          + "rows in groups of " + groupSize + ", got " + n + ", " + answers.size() + ", " + texts.size() + ", " + local.length);
    }
    int g = groupSize;
    int prompts = n / g;
    double lambda = g > 1 ? (1 - 1.0 / g) / log2(g) : 0;
    double[] h = new double[prompts];
    double[] gate = new double[prompts];
    double[] big = new double[prompts];
    for (int p = 0; p < prompts; p++) {
      Map<String, Integer> counts = new HashMap<>();
      double mean = 0;
      for (int j = 0; j < g; j++) {
        int b = p * g + j;
        String a = answers.get(b) != null ? answers.get(b) : texts.get(b);
        counts.merge(a, 1, Integer::sum);
        mean += rewards[b];
      }
      mean /= g;
      double entropy = 0;
      for (int c : counts.values()) {
        double q = (double) c / g;
        entropy -= q * log2(q);
      }
      h[p] = entropy;
      gate[p] = sigmoid(spec.gateSharpness() * (entropy - spec.gateCenter()));
      big[p] = mean * (spec.rewardCoef() ? 1 - lambda * entropy : 1.0);
    }
    double mu = 0;
    for (double x : big) mu += x;
    mu /= prompts;
    double ss = 0;
    for (double x : big) ss += (x - mu) * (x - mu);
    double sd = prompts > 1 ? Math.sqrt(ss / (prompts - 1)) : 0;
    double[] global = new double[n];
    double[] weight = new double[n];
    int effective = 0;
    int localNonZero = 0;
    for (int p = 0; p < prompts; p++) {
      double adv = (big[p] - mu) / (sd + spec.epsilon());
      boolean any = false;
      boolean anyLocal = false;
      for (int j = 0; j < g; j++) {
        int b = p * g + j;
        global[b] = adv;
        boolean signal = local[b] != 0.0;
        weight[b] = switch (spec.blend()) {
          case SOFT -> gate[p];
          case SOFT_WITH_FORCED -> signal ? gate[p] : 0.0;
          case ONLY_FORCED -> signal ? 1.0 : 0.0;
          case ONLY_GLOBAL -> 0.0;
        };
        anyLocal |= signal;
        any |= (1 - weight[b]) * global[b] + weight[b] * local[b] != 0.0;
      }
      if (any) effective++;
      if (anyLocal) localNonZero++;
    }
    return new Result(global, weight, h, gate, big, prompts == 0 ? 0 : (double) effective / prompts,
        prompts == 0 ? 0 : (double) localNonZero / prompts);
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }
}
