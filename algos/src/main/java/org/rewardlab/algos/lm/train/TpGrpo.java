package org.rewardlab.algos.lm.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.lm.grpo.RewardScaling;
import org.rewardlab.algos.lm.grpo.ThoughtAdvantage;
import org.rewardlab.algos.lm.grpo.ThoughtAdvantage.Gate;
import org.rewardlab.algos.lm.grpo.ThoughtAdvantage.Thought;
import org.rewardlab.core.UserInputException;
import org.rewardlab.envs.text.ArithConfig;
import org.rewardlab.envs.text.ArithProblem;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.ScratchpadSteps;

/**
 * TP-GRPO (He et al. 2025, "Good Learners Think Their Thinking: Generative PRM Makes Large Reasoning Model
 * More Efficient Math Learner"; PO §10) as a GRPO variant ({@code variant: {type: tp-grpo}}): thought-level
 * process rewards with a capability-adaptive gate, credited per token ({@link ThoughtAdvantage}).
 *
 * <p>The toy of PO §10(e): on T-ARITH scratchpads the "generative PRM" is the exact step check
 * ({@link ArithProblem#steps}): each {@code '='}-terminated step is correct when its value is the problem's
 * result, and the final answer (the text after the last {@code '='}, with {@code <eos>}) is one more step,
 * correct when the completion is. Runs of equal labels are thoughts; a step's tokens are its characters and
 * its closing {@code '='}. The outcome R_i is the experiment's reward (0/1 correctness by default), the
 * solution is right when the completion is correct and finished, and acc_x is the group's fraction of such
 * completions.
 *
 * @param beta β ≥ 0, the process bonus/penalty (default 0.5; the paper's value is not recovered)
 * @param tauLow τ_lo ∈ [0, 1]: bonus for correct thoughts of wrong solutions when acc_x ≤ τ_lo (default 0.25)
 * @param tauHigh τ_hi ∈ [0, 1]: penalty for incorrect thoughts of right solutions when acc_x ≥ τ_hi (default
 *     0.75)
 * @param gate {@code adaptive} (the paper's, the thresholds above), {@code always} (both parts at every
 *     accuracy: the ungated ablation) or {@code off} (no process reward: exactly GRPO's advantages)
 */
public record TpGrpo(double beta, double tauLow, double tauHigh, GateMode gate) implements GrpoVariantSpec {
  /** When the process parts apply. */
  public enum GateMode {
    /** The capability-adaptive gate of τ_lo, τ_hi. */
    ADAPTIVE("adaptive"),
    /** Bonus and penalty at every group accuracy. */
    ALWAYS("always"),
    /** Neither: thought rewards are the outcome. */
    OFF("off");

    private final String label;

    GateMode(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }

    @JsonCreator
    public static GateMode fromName(String name) {
      for (GateMode g : values()) {
        if (g.label.equals(name) || g.name().equals(String.valueOf(name).toUpperCase(Locale.ROOT))) return g;
      }
      throw new UserInputException("gate", "unknown gate '" + name + "'", "use adaptive, always or off");
    }
  }

  public TpGrpo {
    if (gate == null) gate = GateMode.ADAPTIVE;
    if (!(beta >= 0) || Double.isInfinite(beta)) throw new UserInputException("beta", "must be a finite number >= 0, got " + beta, "e.g. 0.5");
    if (!(tauLow >= 0 && tauLow <= 1)) throw new UserInputException("tauLow", "must lie in [0, 1], got " + tauLow, "e.g. 0.25");
    if (!(tauHigh >= 0 && tauHigh <= 1)) throw new UserInputException("tauHigh", "must lie in [0, 1], got " + tauHigh, "e.g. 0.75");
    if (gate == GateMode.ADAPTIVE && tauLow >= tauHigh) {
      throw new UserInputException("tauHigh", "τ_hi = " + tauHigh + " must be above τ_lo = " + tauLow
          + " (otherwise a group could get bonus and penalty at once)", "e.g. tauLow: 0.25, tauHigh: 0.75, or gate: always");
    }
  }

  /** β = 0.5, τ_lo = 0.25, τ_hi = 0.75, adaptive gate. */
  public static TpGrpo defaults() {
    return new TpGrpo(0.5, 0.25, 0.75, GateMode.ADAPTIVE);
  }

  /** A copy with another gate mode. */
  public TpGrpo withGate(GateMode g) {
    return new TpGrpo(beta, tauLow, tauHigh, g);
  }

  /** A copy with another β. */
  public TpGrpo withBeta(double b) {
    return new TpGrpo(b, tauLow, tauHigh, gate);
  }

  /** The gate of {@link ThoughtAdvantage}. */
  public Gate toGate() {
    return switch (gate) {
      case ADAPTIVE -> new Gate(beta, tauLow, tauHigh);
      case ALWAYS -> Gate.always(beta);
      case OFF -> Gate.off();
    };
  }

  @Override
  public GrpoVariant create(GrpoConfig config) {
    if (!(config.task() instanceof ArithConfig a) || !a.scratchpad()) {
      throw new UserInputException("algo.variant.type", "tp-grpo labels T-ARITH scratchpad steps with the exact step "
          + "check, and the task is not T-ARITH with a scratchpad",
          "use `task: {type: arith, scratchpad: true, ...}`, or another variant");
    }
    if (config.advantage().scaling() == RewardScaling.BATCH) {
      throw new UserInputException("algo.advantage.scaling", "tp-grpo normalises thought rewards within each group; "
          + "batch scaling is not supported", "use `scaling: group` (default) or `scaling: none`");
    }
    boolean byStd = config.advantage().scaling() != RewardScaling.NONE;
    double eps = config.advantage().epsilon();
    Gate g = toGate();
    return new GrpoVariant() {
      private final Map<String, Double> metrics = new LinkedHashMap<>();

      @Override
      public List<Component> advantages(ScoredBatch batch, double[] shapedRewards) {
        metrics.clear();
        return List.of(component(batch, shapedRewards, g, byStd, eps, metrics));
      }

      @Override
      public Map<String, Double> metrics() {
        return Map.copyOf(metrics);
      }
    };
  }

  /**
   * The step labels of a T-ARITH completion: one per {@code '='}-terminated step (its value is the result),
   * then the final answer's (the completion is correct and finished).
   */
  static boolean[] labels(Completion c, boolean solutionCorrect) {
    ScratchpadSteps s = ((ArithProblem) c.problem()).steps(c.text());
    boolean[] l = new boolean[s.count() + 1];
    for (int j = 0; j < s.count(); j++) l[j] = s.valid().get(j);
    l[s.count()] = solutionCorrect;
    return l;
  }

  /**
   * The step of each completion token: token t is character t of the text (T-ARITH's tokenizer has one token
   * per character); step j ends at the j-th {@code '='} (inclusive); the final answer takes the rest, {@code <eos>}
   * and any token past the text.
   */
  static int[] stepOfToken(String text, int tokens) {
    int[] out = new int[tokens];
    int step = 0;
    for (int t = 0; t < tokens; t++) {
      out[t] = step;
      if (t < text.length() && text.charAt(t) == '=') step++;
    }
    return out;
  }

  /**
   * The thought-level component of a batch: per-token advantages, the per-row token mean as its summary.
   * Writes {@code variant/…} metrics (see the docs) into {@code metrics}.
   */
  static GrpoVariant.Component component(ScoredBatch batch, double[] outcome, Gate gate, boolean byStd, double eps,
      Map<String, Double> metrics) {
    int n = batch.size();
    double[] acc = GrpoLambda.accuracies(batch);
    boolean[] correct = batch.correct();
    List<List<Thought>> thoughts = new ArrayList<>(n);
    double[][] rewards = new double[n][];
    int[][] stepOf = new int[n][];
    int bonusRows = 0;
    int penaltyRows = 0;
    double thoughtCount = 0;
    double wrongSteps = 0;
    double wrongCorrectSteps = 0;
    int wrong = 0;
    for (int b = 0; b < n; b++) {
      Completion c = batch.completions().get(b);
      boolean[] l = labels(c, correct[b]);
      List<Thought> th = ThoughtAdvantage.merge(l);
      thoughts.add(th);
      double a = acc[batch.group(b)];
      rewards[b] = ThoughtAdvantage.rewards(outcome[b], correct[b], th, a, gate);
      for (int k = 0; k < th.size(); k++) {
        double d = rewards[b][k] - outcome[b];
        if (d > 0) bonusRows++;
        if (d < 0) penaltyRows++;
        if (d != 0) break;
      }
      stepOf[b] = stepOfToken(c.text(), batch.lengths()[b]);
      thoughtCount += th.size();
      if (!correct[b]) {
        wrong++;
        wrongSteps += l.length - 1;
        for (int j = 0; j < l.length - 1; j++) if (l[j]) wrongCorrectSteps++;
      }
    }
    int[] groups = batch.groupIds();
    ThoughtAdvantage.Result r = ThoughtAdvantage.compute(rewards, groups, byStd, eps);
    double[][] tokenAdv = new double[n][];
    double[] rowMean = new double[n];
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    for (int b = 0; b < n; b++) {
      List<Thought> th = thoughts.get(b);
      int[] thoughtOfStep = new int[th.get(th.size() - 1).last() + 1];
      for (int k = 0; k < th.size(); k++) for (int j = th.get(k).first(); j <= th.get(k).last(); j++) thoughtOfStep[j] = k;
      tokenAdv[b] = new double[stepOf[b].length];
      double s = 0;
      for (int t = 0; t < tokenAdv[b].length; t++) {
        int step = Math.min(stepOf[b][t], thoughtOfStep.length - 1);
        tokenAdv[b][t] = r.advantages()[b][thoughtOfStep[step]];
        s += tokenAdv[b][t];
      }
      rowMean[b] = tokenAdv[b].length == 0 ? 0 : s / tokenAdv[b].length;
    }
    int groupsN = batch.groups();
    int bonusGroups = 0;
    int penaltyGroups = 0;
    int zeroStd = 0;
    for (int k = 0; k < groupsN; k++) {
      if (gate.bonus(acc[k])) bonusGroups++;
      if (gate.penalty(acc[k])) penaltyGroups++;
      boolean same = true;
      for (int g = 1; g < batch.groupSize(); g++) same &= outcome[k * batch.groupSize() + g] == outcome[k * batch.groupSize()];
      if (same) zeroStd++;
    }
    metrics.put("variant/bonus_groups", groupsN == 0 ? 0.0 : (double) bonusGroups / groupsN);
    metrics.put("variant/penalty_groups", groupsN == 0 ? 0.0 : (double) penaltyGroups / groupsN);
    metrics.put("variant/bonus_rows", n == 0 ? 0.0 : (double) bonusRows / n);
    metrics.put("variant/penalty_rows", n == 0 ? 0.0 : (double) penaltyRows / n);
    metrics.put("variant/thoughts_per_completion", n == 0 ? 0.0 : thoughtCount / n);
    metrics.put("variant/frac_groups_zero_std", groupsN == 0 ? 0.0 : (double) zeroStd / groupsN);
    metrics.put("variant/frac_groups_zero_adv", r.fracGroupsZero(groups));
    metrics.put("variant/wrong_steps", wrong == 0 ? Double.NaN : wrongSteps / wrong);
    metrics.put("variant/wrong_correct_step_frac", wrongSteps == 0 ? Double.NaN : wrongCorrectSteps / wrongSteps);
    return new GrpoVariant.Component("tp-grpo", rowMean, w, tokenAdv);
  }
}
