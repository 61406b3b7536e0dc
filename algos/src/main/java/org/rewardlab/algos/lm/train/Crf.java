package org.rewardlab.algos.lm.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.lm.grpo.GroupRelativeAdvantage;
import org.rewardlab.core.UserInputException;
import org.rewardlab.envs.text.ArithProblem;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.ScratchpadSteps;
import org.rewardlab.envs.text.TextTasks;

/**
 * CRF, the Conciseness Reward Function (Wang et al. 2025, "Efficient Reasoning via Reward Model";
 * PO §11), then GRPO's group-relative advantage ({@code variant: {type: crf}}):
 *
 * <pre>
 *   R̂_i = R^o_i · [1 + α · c_i · (s + d_q)]
 * </pre>
 *
 * <ul>
 *   <li>R^o_i ∈ {0, 1}: the completion is correct (and finished) — the conciseness bonus exists only for
 *       correct answers, so it cannot pay for a short wrong one (the experiment's {@code format} term is
 *       not part of R̂);
 *   <li>c_i ∈ [0.1, 1]: the conciseness score. The paper's is a learned 3B "CRM"; ours
 *       ({@code conciseness}) is {@code steps}: the toy CRM of PO §11(e), c = 1 − redundant/steps from
 *       the exact scratchpad checker ({@link ArithProblem#steps}: steps that repeat an earlier step's
 *       text), 1 for a completion without steps; for a problem without a scratchpad it falls back to
 *       {@code length}: c = 1 − L/L_max (L tokens with {@code <eos>}, L_max = {@code maxLength}, or
 *       {@code algo.maxNewTokens}, or the task's longest answer + 1). Either is clipped to [0.1, 1];
 *   <li>s: the annealing coefficient, from 1 at the first GRPO iteration to 0 at the last
 *       ({@link ScoredBatch#rlProgress()} = p): {@code cosine} (1 + cos πp)/2 (default), {@code linear}
 *       1 − p, {@code constant} 1, {@code none} 0;
 *   <li>d_q = 1 − (group accuracy) with {@code difficulty} on, else 0: hard questions weigh conciseness
 *       more (PO §11 marks s and d_q as readings of the paper's digest).
 * </ul>
 *
 * Every factor but c_i is the same for all completions of a group, so under a group z-score the
 * correct completions of a group differ only through c_i, and s + d_q sets how much a concise correct
 * answer beats a verbose correct one relative to the correct/incorrect gap. Immutable; the variant it
 * creates has no state across batches (s comes from the batch's iteration).
 *
 * @param alpha α, the scale of the bonus, ≥ 0 (not recovered from the paper; default 0.5)
 * @param conciseness {@code steps} (toy CRM, length fallback) or {@code length}
 * @param annealing the schedule of s
 * @param difficulty whether d_q = 1 − group accuracy is added to s
 * @param maxLength L_max of the {@code length} score, in tokens; 0 = {@code algo.maxNewTokens} or the
 *     task's longest answer plus {@code <eos>}
 */
public record Crf(double alpha, Conciseness conciseness, Annealing annealing, boolean difficulty, int maxLength)
    implements GrpoVariantSpec {
  /** The smallest conciseness score (the paper's CRM scores lie in [0.1, 1]). */
  public static final double MIN_SCORE = 0.1;

  /** How c_i is scored. */
  public enum Conciseness {
    /** 1 − redundant/steps of a T-ARITH scratchpad; {@code length} for other problems. */
    STEPS("steps"),
    /** 1 − L/L_max. */
    LENGTH("length");

    private final String label;

    Conciseness(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }

    @JsonCreator
    public static Conciseness fromName(String name) {
      for (Conciseness c : values()) {
        if (c.label.equals(name) || c.name().equals(String.valueOf(name).toUpperCase(Locale.ROOT))) return c;
      }
      throw new UserInputException("conciseness", "unknown conciseness score '" + name + "'", "use steps or length");
    }
  }

  /** The schedule of s over the GRPO phase, p = progress in [0, 1]. */
  public enum Annealing {
    /** s = (1 + cos πp)/2. */
    COSINE("cosine"),
    /** s = 1 − p. */
    LINEAR("linear"),
    /** s = 1. */
    CONSTANT("constant"),
    /** s = 0. */
    NONE("none");

    private final String label;

    Annealing(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }

    /** s at progress p ∈ [0, 1]. */
    public double at(double p) {
      return switch (this) {
        case COSINE -> 0.5 * (1 + Math.cos(Math.PI * p));
        case LINEAR -> 1 - p;
        case CONSTANT -> 1;
        case NONE -> 0;
      };
    }

    @JsonCreator
    public static Annealing fromName(String name) {
      for (Annealing a : values()) {
        if (a.label.equals(name) || a.name().equals(String.valueOf(name).toUpperCase(Locale.ROOT))) return a;
      }
      throw new UserInputException("annealing", "unknown annealing schedule '" + name + "'",
          "use cosine, linear, constant or none");
    }
  }

  public Crf {
    if (conciseness == null) conciseness = Conciseness.STEPS;
    if (annealing == null) annealing = Annealing.COSINE;
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new UserInputException("alpha", "must be a finite number >= 0, got " + alpha, "e.g. 0.5");
    }
    if (maxLength < 0) {
      throw new UserInputException("maxLength", "must be >= 0 (0 = the completion limit), got " + maxLength, "e.g. 0");
    }
  }

  /** α = 0.5, the toy CRM, cosine annealing, d_q on, L_max from the run. */
  public static Crf defaults() {
    return new Crf(0.5, Conciseness.STEPS, Annealing.COSINE, true, 0);
  }

  /** A copy with another α. */
  public Crf withAlpha(double a) {
    return new Crf(a, conciseness, annealing, difficulty, maxLength);
  }

  @Override
  public GrpoVariant create(GrpoConfig config) {
    GroupRelativeAdvantage estimator = new GroupRelativeAdvantage(config.advantage());
    int lMax = maxLength > 0 ? maxLength
        : config.maxNewTokens() > 0 ? config.maxNewTokens() : TextTasks.make(config.task()).maxAnswerLength() + 1;
    return new GrpoVariant() {
      private final Map<String, Double> metrics = new LinkedHashMap<>();

      @Override
      public double[] shape(ScoredBatch batch) {
        metrics.clear();
        return rewards(batch, lMax, metrics);
      }

      @Override
      public List<Component> advantages(ScoredBatch batch, double[] shapedRewards) {
        return LengthPenalty.singleComponent("crf", estimator, batch, shapedRewards, metrics);
      }

      @Override
      public Map<String, Double> metrics() {
        return Map.copyOf(metrics);
      }
    };
  }

  /**
   * R̂ for every row of {@code batch}; writes {@code variant/s}, {@code variant/conciseness_correct}
   * (mean c over correct rows; NaN when none) and {@code variant/redundant_frac} (fraction of rows with
   * at least one repeated scratchpad step) into {@code metrics}.
   */
  double[] rewards(ScoredBatch batch, int lMax, Map<String, Double> metrics) {
    double s = annealing.at(batch.rlProgress());
    double[] acc = GrpoLambda.accuracies(batch);
    boolean[] correct = batch.correct();
    double[] r = new double[batch.size()];
    double cSum = 0;
    int nCorrect = 0;
    int redundantRows = 0;
    for (int b = 0; b < r.length; b++) {
      Completion comp = batch.completions().get(b);
      ScratchpadSteps steps = scratchpad(comp);
      if (steps != null && steps.redundant() > 0) redundantRows++;
      if (!correct[b]) continue;
      double c = score(steps, batch.lengths()[b], lMax);
      double dq = difficulty ? 1 - acc[batch.group(b)] : 0;
      r[b] = 1 + alpha * c * (s + dq);
      cSum += c;
      nCorrect++;
    }
    metrics.put("variant/s", s);
    metrics.put("variant/conciseness_correct", nCorrect == 0 ? Double.NaN : cSum / nCorrect);
    metrics.put("variant/redundant_frac", r.length == 0 ? 0.0 : (double) redundantRows / r.length);
    return r;
  }

  /**
   * The fraction of the batch's completions whose T-ARITH scratchpad repeats a step (0 when the
   * problems have no scratchpad): whether there is redundancy for a conciseness reward to cut.
   */
  static double redundantFraction(ScoredBatch batch) {
    int n = 0;
    for (Completion c : batch.completions()) {
      if (c.problem() instanceof ArithProblem p && p.scratchpad() && p.steps(c.text()).redundant() > 0) n++;
    }
    return batch.size() == 0 ? 0.0 : (double) n / batch.size();
  }

  /** The step check of a T-ARITH scratchpad completion, or null when the problem has no scratchpad. */
  private ScratchpadSteps scratchpad(Completion c) {
    if (conciseness == Conciseness.STEPS && c.problem() instanceof ArithProblem p && p.scratchpad()) return p.steps(c.text());
    return null;
  }

  /** c ∈ [0.1, 1]: the toy CRM when there is a step check, else 1 − L/L_max. */
  static double score(ScratchpadSteps steps, int length, int lMax) {
    double c;
    if (steps != null) {
      c = steps.count() == 0 ? 1.0 : 1.0 - (double) steps.redundant() / steps.count();
    } else {
      c = 1.0 - (double) length / lMax;
    }
    return Math.min(1.0, Math.max(MIN_SCORE, c));
  }
}
