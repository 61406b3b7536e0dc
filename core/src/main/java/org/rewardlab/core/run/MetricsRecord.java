package org.rewardlab.core.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One logged record: the global step and its metrics in a deterministic order (see
 * {@link MetricsSink}).
 */
public record MetricsRecord(long step, Map<String, Double> values) {
  public MetricsRecord {
    values = Collections.unmodifiableMap(ordered(values));
  }

  /** A copy of {@code m} in its own order when it has one, else in sorted key order. */
  static Map<String, Double> ordered(Map<String, Double> m) {
    Map<String, Double> out;
    if (m instanceof LinkedHashMap || m instanceof SortedMap) {
      out = new LinkedHashMap<>(m);
    } else {
      out = new LinkedHashMap<>(new TreeMap<>(m));
    }
    for (Map.Entry<String, Double> e : out.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException("metric keys and values must not be null: " + e);
      }
      if (e.getKey().equals("step")) {
        throw new IllegalArgumentException("\"step\" is reserved for the global step; rename the metric");
      }
    }
    return out;
  }
}
