package org.rewardlab.algos.experiment;

import java.util.List;
import java.util.Map;

/**
 * What an evaluation measured.
 *
 * @param metrics the numbers logged to {@code metrics.jsonl} at the end of training, keys prefixed
 *     {@code eval/} (e.g. {@code eval/mean_return})
 * @param details one line per episode or problem, for {@code rewardlab eval}
 * @param summary one line for people, e.g. {@code mean return 500.00 ± 0.00 over 10 episodes}
 */
public record EvalResult(Map<String, Double> metrics, List<String> details, String summary) {
  public EvalResult {
    metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    details = List.copyOf(details);
  }
}
