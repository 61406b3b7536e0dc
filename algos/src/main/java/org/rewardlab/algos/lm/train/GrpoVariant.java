package org.rewardlab.algos.lm.train;

import java.util.List;
import java.util.Map;
import org.rewardlab.core.run.Checkpoint;

/**
 * How a member of the GRPO family turns a scored generation batch into the loss's advantages — the
 * one place paper variants plug into the GRPO loop, as parts, not copies of the trainer:
 *
 * <ol>
 *   <li>{@link #shape}: rewards after the variant's shaping (GRPO-λ's correctness-switched length
 *       penalty, CRF's conciseness bonus); by default unchanged;
 *   <li>{@link #advantages}: one or more advantage components, each with a weight per row. The loss is
 *       {@code Σ_c Σ_b w_{c,b} · ℓ_b(A_c)}, computed with the same ratios (COPO's gated local/global
 *       pair); GRPO is one component with weight 1.
 * </ol>
 *
 * Variants may keep state across batches (RiskPO's quantile tracker): it goes into checkpoints through
 * {@link #save}/{@link #restore} so resume stays bit for bit. Not thread-safe.
 */
public interface GrpoVariant {
  /**
   * One advantage component.
   *
   * @param name for metrics ({@code advantages/<name>_mean})
   * @param advantages per row (with {@code tokenAdvantages}: a per-row summary for logging, the token mean)
   * @param rowWeights per row weight of this component's loss (1 = plain)
   * @param tokenAdvantages null (every token of row b gets {@code advantages[b]}), or per row one advantage per
   *     completion token ({@code <eos>} included; tokens past the row's array get 0): process-level credit such
   *     as TP-GRPO's thought advantages
   */
  record Component(String name, double[] advantages, double[] rowWeights, double[][] tokenAdvantages) {
    /** A component with one advantage per row, broadcast to the row's tokens. */
    public Component(String name, double[] advantages, double[] rowWeights) {
      this(name, advantages, rowWeights, null);
    }

    /** The loss's per-token advantages, {@code [rows × width]} row-major. */
    public double[] perToken(int width) {
      if (tokenAdvantages == null) return org.rewardlab.algos.lm.grpo.TokenBatch.broadcast(advantages, width);
      double[] out = new double[advantages.length * width];
      for (int b = 0; b < advantages.length; b++) {
        double[] row = tokenAdvantages[b];
        for (int t = 0; t < Math.min(width, row.length); t++) out[b * width + t] = row[t];
      }
      return out;
    }
  }

  /** The rewards the advantages are computed from; by default the experiment's rewards unchanged. */
  default double[] shape(ScoredBatch batch) {
    return batch.rewards();
  }

  /** The advantage components of the batch, given the shaped rewards. */
  List<Component> advantages(ScoredBatch batch, double[] shapedRewards);

  /** Numbers the last batch produced, logged under {@code charts/} (e.g. the gate mean, quantiles). */
  default Map<String, Double> metrics() {
    return Map.of();
  }

  /** Writes the variant's state into a checkpoint under {@code prefix}. */
  default void save(Checkpoint.Builder b, String prefix) {}

  /** Restores what {@link #save} wrote. */
  default void restore(Checkpoint c, String prefix) {}
}
