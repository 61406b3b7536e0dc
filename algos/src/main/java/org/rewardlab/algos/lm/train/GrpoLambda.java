package org.rewardlab.algos.lm.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.algos.lm.grpo.GroupRelativeAdvantage;
import org.rewardlab.core.UserInputException;

/**
 * GRPO-λ (Dai, Liu, Si 2025, "Stable Reinforcement Learning for Efficient Reasoning"; PO §5): a length
 * penalty switched on only for the groups the model already solves ({@code variant: {type:
 * grpo-lambda}}).
 *
 * <p>Per generation batch of K groups: each group's correctness ratio acc_k = #correct / G; the groups
 * are ranked by acc_k, highest first, and the top ⌈λ·K⌉ are "efficiency-first": a correct completion of
 * length L gets r = 1 − α·σ((L − μ_k^c)/σ_k^c), μ_k^c and σ_k^c the mean and population std of the
 * token lengths of that group's <em>correct</em> completions (σ floored at {@code stdFloor}: one
 * correct completion, or equal lengths), and an incorrect one r = 0 (the paper's text; a circulating
 * reimplementation also length-rewards incorrect completions, which PO §5(b) flags as a bug). All other
 * groups are "accuracy-first": r = 1[correct]. The advantage is GRPO's group z-score of
 * {@code algo.advantage} on these rewards.
 *
 * <p><b>Ties</b> in acc_k are broken by batch order, the earlier group first (a stable sort on acc_k
 * descending, as Python's {@code sorted} in the reimplementation). Prompts are drawn at random, so this
 * is a deterministic tie-break that favours no problem. ⌈λ·K⌉ is computed as ⌈λ·K − 1e-9⌉ so that
 * λ·K = 3.0000000000000004 selects 3 groups; with λ > 0 at least one group is selected. A selected
 * group with no correct completion keeps all zeros (as 1[correct]).
 *
 * <p>Correctness is the trainer's ({@code correct} and finished); the experiment's {@code format} term
 * is not part of these rewards. The always-on arm is {@link LengthPenalty} ({@code group_sigmoid}), i.e.
 * this variant with λ = 1. Immutable; the variant it creates has no state across batches.
 *
 * @param lambda λ, the fraction of groups per batch that get the length reward, in (0, 1] (paper: 0.2)
 * @param alpha α, the largest length penalty, ≥ 0 (reimplementation: 0.6; the paper's value is not
 *     confirmed)
 * @param stdFloor the floor of σ_k^c, > 0 (1e-4)
 */
public record GrpoLambda(double lambda, double alpha, double stdFloor) implements GrpoVariantSpec {
  /** The σ floor of the reimplementation. */
  public static final double STD_FLOOR = 1e-4;

  public GrpoLambda {
    if (!(lambda > 0 && lambda <= 1)) {
      throw new UserInputException("lambda", "must lie in (0, 1] (the fraction of groups that get the length reward), got "
          + lambda, "e.g. 0.2");
    }
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new UserInputException("alpha", "must be a finite number >= 0, got " + alpha, "e.g. 0.6");
    }
    if (!(stdFloor > 0) || Double.isInfinite(stdFloor)) {
      throw new UserInputException("stdFloor", "must be a finite number > 0, got " + stdFloor, "e.g. 1e-4");
    }
  }

  /** λ = 0.2, α = 0.6, σ floor 1e-4. */
  public static GrpoLambda defaults() {
    return new GrpoLambda(0.2, 0.6, STD_FLOOR);
  }

  @Override
  public GrpoVariant create(GrpoConfig config) {
    GroupRelativeAdvantage estimator = new GroupRelativeAdvantage(config.advantage());
    return new GrpoVariant() {
      private final Map<String, Double> metrics = new LinkedHashMap<>();

      @Override
      public double[] shape(ScoredBatch batch) {
        metrics.clear();
        double[] acc = accuracies(batch);
        boolean[] top = topGroups(acc, lambda);
        double lowest = Double.NaN;
        for (int k = 0; k < top.length; k++) if (top[k]) lowest = Double.isNaN(lowest) ? acc[k] : Math.min(lowest, acc[k]);
        metrics.put("variant/top_min_accuracy", lowest);
        return LengthPenalty.groupLengthRewards(batch, top, alpha, stdFloor, metrics);
      }

      @Override
      public List<Component> advantages(ScoredBatch batch, double[] shapedRewards) {
        return LengthPenalty.singleComponent("grpo-lambda", estimator, batch, shapedRewards, metrics);
      }

      @Override
      public Map<String, Double> metrics() {
        return Map.copyOf(metrics);
      }
    };
  }

  /** The correctness ratio of each group: #correct / G. */
  static double[] accuracies(ScoredBatch batch) {
    int gs = batch.groupSize();
    double[] acc = new double[batch.groups()];
    boolean[] correct = batch.correct();
    for (int b = 0; b < correct.length; b++) if (correct[b]) acc[b / gs]++;
    for (int k = 0; k < acc.length; k++) acc[k] /= gs;
    return acc;
  }

  /**
   * The top ⌈λ·K⌉ groups by accuracy, highest first, ties to the earlier group.
   *
   * @return per group, whether it is selected
   */
  static boolean[] topGroups(double[] accuracy, double lambda) {
    int k = accuracy.length;
    int count = Math.min(k, Math.max(1, (int) Math.ceil(lambda * k - 1e-9)));
    Integer[] order = new Integer[k];
    for (int i = 0; i < k; i++) order[i] = i;
    // Arrays.sort on objects is a stable merge sort: equal accuracies keep batch order
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -accuracy[i]));
    boolean[] top = new boolean[k];
    for (int i = 0; i < count; i++) top[order[i]] = true;
    return top;
  }
}
