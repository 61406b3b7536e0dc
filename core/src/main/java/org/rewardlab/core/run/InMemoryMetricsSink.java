package org.rewardlab.core.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Keeps records in a list (tests, in-process reports). Not thread-safe. */
public final class InMemoryMetricsSink implements MetricsSink {
  private final List<MetricsRecord> records = new ArrayList<>();

  @Override
  public void log(long step, Map<String, Double> metrics) {
    records.add(new MetricsRecord(step, metrics));
  }

  /** The records so far (read-only view). */
  public List<MetricsRecord> records() {
    return Collections.unmodifiableList(records);
  }

  /** Every logged value of {@code key}, in logging order. */
  public List<Double> values(String key) {
    List<Double> out = new ArrayList<>();
    for (MetricsRecord r : records) {
      Double v = r.values().get(key);
      if (v != null) out.add(v);
    }
    return out;
  }

  @Override
  public void close() {}
}
