package org.rewardlab.algos.lm.grpo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one loss call logs, under both peers' names. Token means run over tokens with mask m.
 *
 * @param clipRatioLowMean TRL {@code clip_ratio/low_mean}: fraction of tokens with ρ < 1 - ε_low and Â < 0
 * @param clipRatioHighMean TRL {@code clip_ratio/high_mean}: fraction with ρ > 1 + ε_high and Â > 0
 * @param clipRatioRegionMean TRL {@code clip_ratio/region_mean}: either of the two
 * @param clipRatioLowMin TRL {@code clip_ratio/low_min}: smallest per-completion low fraction (empty rows
 *     skipped; NaN if all are empty)
 * @param clipRatioHighMax TRL {@code clip_ratio/high_max}: largest per-completion high fraction
 * @param kl TRL {@code kl}: token mean of the per-token KL estimate (NaN when β = 0, where TRL logs nothing)
 * @param entropy TRL {@code entropy}: token mean of H (NaN when no entropies were given)
 * @param pgClipfrac verl {@code actor/pg_clipfrac}: fraction of tokens where the clipped branch is larger (verl
 *     divides by tokens + 1e-8)
 * @param ppoKl verl {@code actor/ppo_kl}: token mean of log π_old - log π_θ (log-ratio clamp applied)
 * @param pgClipfracLower verl {@code actor/pg_clipfrac_lower}: fraction of tokens where the dual clip is active
 */
public record PolicyMetrics(double clipRatioLowMean, double clipRatioHighMean, double clipRatioRegionMean,
    double clipRatioLowMin, double clipRatioHighMax, double kl, double entropy, double pgClipfrac, double ppoKl,
    double pgClipfracLower) {

  /** Every metric under its peer key ({@code clip_ratio/low_mean}, ..., {@code actor/pg_clipfrac}, ...). */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("clip_ratio/low_mean", clipRatioLowMean);
    m.put("clip_ratio/high_mean", clipRatioHighMean);
    m.put("clip_ratio/region_mean", clipRatioRegionMean);
    m.put("clip_ratio/low_min", clipRatioLowMin);
    m.put("clip_ratio/high_max", clipRatioHighMax);
    m.put("kl", kl);
    m.put("entropy", entropy);
    m.put("actor/pg_clipfrac", pgClipfrac);
    m.put("actor/ppo_kl", ppoKl);
    m.put("actor/pg_clipfrac_lower", pgClipfracLower);
    return m;
  }
}
