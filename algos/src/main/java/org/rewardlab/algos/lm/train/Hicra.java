package org.rewardlab.algos.lm.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.algos.lm.grpo.GroupAdvantages;
import org.rewardlab.algos.lm.grpo.GroupRelativeAdvantage;
import org.rewardlab.algos.lm.grpo.PlanningCredit;
import org.rewardlab.core.UserInputException;
import org.rewardlab.envs.text.Completion;

/**
 * HICRA (PO §8) as a GRPO variant ({@code variant: {type: hicra, grams: [...]}}): GRPO's group-relative advantage
 * of {@code algo.advantage}, then on the planning tokens — the characters of every occurrence of a strategic gram
 * in the completion — Â^H = Â + α|Â| ({@link PlanningCredit}). Logs the batch's semantic entropy over the grams.
 * The grams are the experiment's (the paper extracts and curates them from successful solutions; PO §8(b)).
 *
 * @param alpha α ≥ 0 (default: the paper's 0.2)
 * @param grams the strategic grams, non-empty strings (matched exactly, case-sensitive); required: they are task-specific
 */
public record Hicra(Double alpha, List<String> grams) implements GrpoVariantSpec {
  /** The paper's α. */
  public static final double DEFAULT_ALPHA = 0.2;

  public Hicra {
    if (alpha == null) alpha = DEFAULT_ALPHA;
    if (!(alpha >= 0) || Double.isInfinite(alpha)) throw new UserInputException("alpha", "must be a finite number >= 0, got " + alpha, "e.g. 0.2");
    if (grams == null || grams.isEmpty()) {
      throw new UserInputException("grams", "no strategic grams given", "list the planning strings, e.g. `grams: [\"let's try\"]`");
    }
    for (int i = 0; i < grams.size(); i++) {
      if (grams.get(i) == null || grams.get(i).isEmpty()) {
        throw new UserInputException("grams." + i, "the gram is empty", "write a non-empty string, or remove the entry");
      }
    }
    grams = List.copyOf(grams);
  }

  /** α = 0.2 on {@code grams}. */
  public static Hicra of(List<String> grams) {
    return new Hicra(DEFAULT_ALPHA, grams);
  }

  @Override
  public GrpoVariant create(GrpoConfig config) {
    GroupRelativeAdvantage estimator = new GroupRelativeAdvantage(config.advantage());
    return new GrpoVariant() {
      private final Map<String, Double> metrics = new LinkedHashMap<>();

      @Override
      public List<Component> advantages(ScoredBatch batch, double[] shapedRewards) {
        metrics.clear();
        GroupAdvantages a = estimator.compute(shapedRewards, batch.groupIds());
        return List.of(component(batch, a.advantages(), alpha, grams, metrics));
      }

      @Override
      public Map<String, Double> metrics() {
        return Map.copyOf(metrics);
      }
    };
  }

  /**
   * The HICRA component of a batch with row advantages {@code rowAdv}: per-token Â^H, the token mean as the row
   * summary. Writes {@code variant/planning_token_frac} (planning tokens over all tokens),
   * {@code variant/planning_rows} (completions with a planning token) and {@code variant/semantic_entropy} (nats).
   */
  static GrpoVariant.Component component(ScoredBatch batch, double[] rowAdv, double alpha, List<String> grams,
      Map<String, Double> metrics) {
    int n = batch.size();
    double[][] tok = new double[n][];
    double[] mean = new double[n];
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    long planning = 0;
    long tokens = 0;
    int rows = 0;
    List<String> texts = new ArrayList<>(n);
    for (int b = 0; b < n; b++) {
      Completion c = batch.completions().get(b);
      texts.add(c.text());
      int len = batch.lengths()[b];
      boolean[] m = PlanningCredit.mask(c.text(), len, grams);
      double[] base = new double[len];
      Arrays.fill(base, rowAdv[b]);
      tok[b] = PlanningCredit.amplify(base, m, alpha);
      double s = 0;
      boolean any = false;
      for (int t = 0; t < len; t++) {
        s += tok[b][t];
        if (m[t]) {
          planning++;
          any = true;
        }
      }
      if (any) rows++;
      tokens += len;
      mean[b] = len == 0 ? 0 : s / len;
    }
    metrics.put("variant/planning_token_frac", tokens == 0 ? 0.0 : (double) planning / tokens);
    metrics.put("variant/planning_rows", n == 0 ? 0.0 : (double) rows / n);
    metrics.put("variant/semantic_entropy", PlanningCredit.semanticEntropy(texts, grams));
    return new GrpoVariant.Component("hicra", mean, w, tok);
  }
}
