package org.rewardlab.algos.lm.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.lm.grpo.GroupAdvantages;
import org.rewardlab.algos.lm.grpo.GroupRelativeAdvantage;
import org.rewardlab.core.UserInputException;

/**
 * A length penalty on <em>every</em> group ({@code variant: {type: length-penalty}}): the "always-on"
 * baseline that GRPO-λ (PO §5) and CRF (PO §11) are measured against, then GRPO's group-relative
 * advantage of {@code algo.advantage}. Two forms:
 *
 * <ul>
 *   <li>{@code group_sigmoid} (default): GRPO-λ's efficiency reward applied to all groups (the paper's
 *       "GRPO + length penalty" arm, Kimi-1.5 style). For group k with correct completions of token
 *       lengths {L_j}: μ_k^c and σ_k^c = their mean and population std (ddof 0), σ floored at
 *       {@code stdFloor} (one correct completion, or equal lengths); a correct completion gets
 *       r = 1 − α·σ((L − μ_k^c)/σ_k^c), an incorrect one r = 0. Since σ(0) = 1/2, a group whose correct
 *       completions all have the same length gets 1 − α/2 for each — the same advantages as 0/1.
 *   <li>{@code additive}: r = R − λ·L on every completion, correct or not (R = the experiment's reward,
 *       {@code correct} + {@code formatWeight}·{@code format}; L in tokens, {@code <eos>} included) —
 *       the additive penalty whose "length collapse" CRF avoids. A negative λ rewards length.
 * </ul>
 *
 * L is the completion's token count including {@code <eos>} ({@link ScoredBatch#lengths()}); a shift of
 * every length by one token changes neither form's advantages. Immutable; the variant it creates has
 * no state across batches.
 *
 * @param form {@code group_sigmoid} or {@code additive}
 * @param alpha α of {@code group_sigmoid}: the largest penalty, ≥ 0 (GRPO-λ's reimplementation: 0.6)
 * @param stdFloor the floor of σ_k^c in {@code group_sigmoid}, > 0 (1e-4 as in the reimplementation)
 * @param coefficient λ of {@code additive}: reward per token of length subtracted, finite
 */
public record LengthPenalty(Form form, double alpha, double stdFloor, double coefficient) implements GrpoVariantSpec {

  /** Which length penalty. */
  public enum Form {
    /** 1 − α·σ(z) for correct completions, 0 for incorrect ones, on every group. */
    GROUP_SIGMOID("group_sigmoid"),
    /** R − λ·L on every completion. */
    ADDITIVE("additive");

    private final String label;

    Form(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }

    @JsonCreator
    public static Form fromName(String name) {
      for (Form f : values()) {
        if (f.label.equals(name) || f.name().equals(String.valueOf(name).toUpperCase(Locale.ROOT))) return f;
      }
      throw new UserInputException("form", "unknown length penalty form '" + name + "'", "use group_sigmoid or additive");
    }
  }

  public LengthPenalty {
    if (form == null) form = Form.GROUP_SIGMOID;
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new UserInputException("alpha", "must be a finite number >= 0, got " + alpha, "e.g. 0.6");
    }
    if (!(stdFloor > 0) || Double.isInfinite(stdFloor)) {
      throw new UserInputException("stdFloor", "must be a finite number > 0, got " + stdFloor, "e.g. 1e-4");
    }
    if (!Double.isFinite(coefficient)) {
      throw new UserInputException("coefficient", "must be a finite number, got " + coefficient, "e.g. 0.01 (reward per token)");
    }
  }

  /** GRPO-λ's length reward on every group: α = 0.6, σ floor 1e-4. */
  public static LengthPenalty defaults() {
    return groupSigmoid(0.6);
  }

  /** The {@code group_sigmoid} form with penalty α (σ floor 1e-4). */
  public static LengthPenalty groupSigmoid(double alpha) {
    return new LengthPenalty(Form.GROUP_SIGMOID, alpha, GrpoLambda.STD_FLOOR, 0.0);
  }

  /** The {@code additive} form r − λ·L. */
  public static LengthPenalty additive(double coefficient) {
    return new LengthPenalty(Form.ADDITIVE, 0.6, GrpoLambda.STD_FLOOR, coefficient);
  }

  @Override
  public GrpoVariant create(GrpoConfig config) {
    GroupRelativeAdvantage estimator = new GroupRelativeAdvantage(config.advantage());
    return new GrpoVariant() {
      private final Map<String, Double> metrics = new LinkedHashMap<>();

      @Override
      public double[] shape(ScoredBatch batch) {
        metrics.clear();
        if (form == Form.ADDITIVE) {
          double[] r = batch.rewards().clone();
          for (int b = 0; b < r.length; b++) r[b] -= coefficient * batch.lengths()[b];
          metrics.put("variant/redundant_frac", Crf.redundantFraction(batch));
          return r;
        }
        boolean[] all = new boolean[batch.groups()];
        Arrays.fill(all, true);
        return groupLengthRewards(batch, all, alpha, stdFloor, metrics);
      }

      @Override
      public List<Component> advantages(ScoredBatch batch, double[] shapedRewards) {
        return singleComponent("length-penalty", estimator, batch, shapedRewards, metrics);
      }

      @Override
      public Map<String, Double> metrics() {
        return Map.copyOf(metrics);
      }
    };
  }

  /**
   * GRPO-λ's rewards: groups with {@code penalized[k]} get the length reward (correct: 1 − α·σ((L −
   * μ_k^c)/max(σ_k^c, floor)); incorrect: 0), the others 1[correct]. Writes
   * {@code variant/penalized_groups} (fraction of groups), {@code variant/correct_length_std} (mean
   * σ_k^c over penalized groups with two or more correct completions; NaN when none) and
   * {@code variant/length_reward_spread} (mean over penalized groups of max − min shaped reward among
   * their correct completions: 0 means the penalty changed no advantage) and
   * {@code variant/redundant_frac} (completions whose scratchpad repeats a step) into {@code metrics}.
   *
   * @return one reward per row
   */
  static double[] groupLengthRewards(ScoredBatch batch, boolean[] penalized, double alpha, double stdFloor,
      Map<String, Double> metrics) {
    int gs = batch.groupSize();
    boolean[] correct = batch.correct();
    int[] len = batch.lengths();
    double[] r = new double[batch.size()];
    int penalizedGroups = 0;
    int withSpread = 0;
    double stdSum = 0;
    double spreadSum = 0;
    for (int k = 0; k < batch.groups(); k++) {
      int from = k * gs;
      int to = from + gs;
      if (!penalized[k]) {
        for (int b = from; b < to; b++) r[b] = correct[b] ? 1.0 : 0.0;
        continue;
      }
      penalizedGroups++;
      int n = 0;
      double sum = 0;
      for (int b = from; b < to; b++) {
        if (correct[b]) {
          n++;
          sum += len[b];
        }
      }
      double mu = n == 0 ? 0 : sum / n;
      double ss = 0;
      for (int b = from; b < to; b++) if (correct[b]) ss += (len[b] - mu) * (len[b] - mu);
      double std = n == 0 ? 0 : Math.sqrt(ss / n);
      if (n >= 2) {
        withSpread++;
        stdSum += std;
      }
      double sd = Math.max(std, stdFloor);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int b = from; b < to; b++) {
        if (correct[b]) {
          r[b] = 1.0 - alpha * sigmoid((len[b] - mu) / sd);
          lo = Math.min(lo, r[b]);
          hi = Math.max(hi, r[b]);
        } else {
          r[b] = 0.0;
        }
      }
      if (n > 0) spreadSum += hi - lo;
    }
    metrics.put("variant/penalized_groups", batch.groups() == 0 ? 0.0 : (double) penalizedGroups / batch.groups());
    metrics.put("variant/correct_length_std", withSpread == 0 ? Double.NaN : stdSum / withSpread);
    metrics.put("variant/length_reward_spread", penalizedGroups == 0 ? 0.0 : spreadSum / penalizedGroups);
    metrics.put("variant/redundant_frac", Crf.redundantFraction(batch));
    return r;
  }

  /** The logistic function, without overflow for large |x|. */
  static double sigmoid(double x) {
    return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
  }

  /**
   * One group-relative advantage component of weight 1 over {@code shaped}; writes
   * {@code variant/frac_groups_zero_std}, {@code variant/shaped_reward_mean} and
   * {@code variant/advantage_var} (variance of the advantages over the batch's rows) into {@code metrics}.
   */
  static List<GrpoVariant.Component> singleComponent(String name, GroupRelativeAdvantage estimator, ScoredBatch batch,
      double[] shaped, Map<String, Double> metrics) {
    GroupAdvantages a = estimator.compute(shaped, batch.groupIds());
    double[] w = new double[shaped.length];
    Arrays.fill(w, 1.0);
    metrics.put("variant/frac_groups_zero_std", a.fracRewardZeroStd());
    metrics.put("variant/shaped_reward_mean", mean(shaped));
    metrics.put("variant/advantage_var", variance(a.advantages()));
    return List.of(new GrpoVariant.Component(name, a.advantages(), w));
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) s += v;
    return x.length == 0 ? Double.NaN : s / x.length;
  }

  /** Population variance (ddof 0); NaN for no values. */
  static double variance(double[] x) {
    if (x.length == 0) return Double.NaN;
    double m = mean(x);
    double s = 0;
    for (double v : x) s += (v - m) * (v - m);
    return s / x.length;
  }
}
