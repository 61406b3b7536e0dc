package org.rewardlab.algos.lm.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.algos.lm.grpo.GroupAdvantageConfig;
import org.rewardlab.algos.lm.grpo.GroupRelativeAdvantage;
import org.rewardlab.envs.text.Completion;

/**
 * The {@link GrpoVariant} of {@link Copo}: the local advantage is the run's GRPO advantage, the global one
 * and the gate come from {@link CopoAdvantage}; two components, {@code global} (row weights 1 − w) and
 * {@code local} (w), or {@code global} alone for {@code only-global}. No state across batches.
 *
 * <p>Metrics ({@code charts/variant/...}): {@code gate_mean} (mean local-loss weight w over completions,
 * after forcing: lower means more of the global loss), {@code gate_soft_mean} (mean σ(k(H − b)) over
 * prompts), {@code answer_entropy_mean} (bits), {@code effective_grad_frac} (prompts with a non-zero
 * blended advantage), {@code local_nonzero_frac} (prompts with a non-zero GRPO advantage on the same
 * batch), {@code global_reward_mean}. Not thread-safe.
 */
final class CopoVariant implements GrpoVariant {
  private final Copo spec;
  private final GroupRelativeAdvantage local;
  private final CopoAdvantage estimator;
  private Map<String, Double> metrics = Map.of();

  CopoVariant(Copo spec, GroupAdvantageConfig localAdvantage) {
    this.spec = spec;
    this.local = new GroupRelativeAdvantage(localAdvantage);
    this.estimator = new CopoAdvantage(spec);
  }

  @Override
  public List<Component> advantages(ScoredBatch batch, double[] shapedRewards) {
    double[] localAdv = local.compute(shapedRewards, batch.groupIds()).advantages();
    List<String> answers = new ArrayList<>(batch.size());
    List<String> texts = new ArrayList<>(batch.size());
    for (Completion c : batch.completions()) {
      answers.add(c.verdict().answer());
      texts.add(c.text());
    }
    CopoAdvantage.Result r = estimator.compute(shapedRewards, batch.groupSize(), answers, texts, localAdv);
    double[] w = r.localWeight();
    double[] globalWeight = new double[w.length];
    for (int b = 0; b < w.length; b++) globalWeight[b] = 1 - w[b];
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("variant/gate_mean", mean(w));
    m.put("variant/gate_soft_mean", mean(r.softGate()));
    m.put("variant/answer_entropy_mean", mean(r.entropy()));
    m.put("variant/effective_grad_frac", r.effectiveGradFraction());
    m.put("variant/local_nonzero_frac", r.localNonZeroFraction());
    m.put("variant/global_reward_mean", mean(r.globalReward()));
    metrics = m;
    if (spec.blend() == Copo.Blend.ONLY_GLOBAL) return List.of(new Component("global", r.global(), globalWeight));
    return List.of(new Component("global", r.global(), globalWeight), new Component("local", localAdv, w));
  }

  private static double mean(double[] xs) {
    double s = 0;
    for (double x : xs) s += x;
    return xs.length == 0 ? Double.NaN : s / xs.length;
  }

  @Override
  public Map<String, Double> metrics() {
    return metrics;
  }
}
