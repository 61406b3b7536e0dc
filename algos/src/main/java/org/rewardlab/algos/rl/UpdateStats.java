package org.rewardlab.algos.rl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.rewardlab.algos.loop.Learner;

/**
 * What one {@link PpoLearner#update} reports, with CleanRL's metric names. Loss and KL values are
 * those of the last minibatch trained (as CleanRL logs them); clipfrac and gradNorm are means over
 * all minibatches trained.
 *
 * @param policyLoss {@code losses/policy_loss}
 * @param valueLoss {@code losses/value_loss}
 * @param entropy {@code losses/entropy}
 * @param oldApproxKl {@code losses/old_approx_kl}: mean(-log r)
 * @param approxKl {@code losses/approx_kl}: mean((r - 1) - log r)
 * @param clipfrac {@code losses/clipfrac}: fraction of samples with |r - 1| &gt; ε
 * @param explainedVariance {@code losses/explained_variance}: 1 - Var[R - V] / Var[R] over the whole
 *     batch (NaN when Var[R] = 0)
 * @param gradNorm global gradient norm before clipping
 * @param learningRate {@code charts/learning_rate}
 * @param epochsRun epochs completed (fewer than {@code updateEpochs} after a target-KL stop)
 * @param extra further metrics of parts added to PPO (RND: {@code losses/int_value_loss},
 *     {@code losses/rnd_forward_loss}), logged after the others in key order
 */
public record UpdateStats(
    double policyLoss,
    double valueLoss,
    double entropy,
    double oldApproxKl,
    double approxKl,
    double clipfrac,
    double explainedVariance,
    double gradNorm,
    double learningRate,
    int epochsRun,
    Map<String, Double> extra) implements Learner.Stats {

  /** Plain PPO's statistics (no extra metrics). */
  public UpdateStats(double policyLoss, double valueLoss, double entropy, double oldApproxKl, double approxKl,
      double clipfrac, double explainedVariance, double gradNorm, double learningRate, int epochsRun) {
    this(policyLoss, valueLoss, entropy, oldApproxKl, approxKl, clipfrac, explainedVariance, gradNorm, learningRate,
        epochsRun, Map.of());
  }

  public UpdateStats {
    extra = extra == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(extra));
  }

  private static final Set<String> MUST_BE_FINITE = Set.of(
      "losses/policy_loss", "losses/value_loss", "losses/entropy", "losses/approx_kl", "losses/grad_norm");

  /** CleanRL's keys, in the order {@code ppo.py} logs them. */
  @Override
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("charts/learning_rate", learningRate);
    m.put("losses/value_loss", valueLoss);
    m.put("losses/policy_loss", policyLoss);
    m.put("losses/entropy", entropy);
    m.put("losses/old_approx_kl", oldApproxKl);
    m.put("losses/approx_kl", approxKl);
    m.put("losses/clipfrac", clipfrac);
    m.put("losses/explained_variance", explainedVariance);
    m.put("losses/grad_norm", gradNorm);
    m.put("losses/epochs", (double) epochsRun);
    new java.util.TreeMap<>(extra).forEach(m::put);
    return m;
  }

  /** Explained variance may be NaN (constant returns) and clipfrac/KL diagnostics are not load-bearing. */
  @Override
  public Set<String> mustBeFinite() {
    return MUST_BE_FINITE;
  }
}
