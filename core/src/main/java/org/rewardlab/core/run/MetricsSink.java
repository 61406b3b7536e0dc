package org.rewardlab.core.run;

import java.util.Map;

/**
 * Where a run's scalar metrics go: one record per call, tagged with the global step (env steps
 * taken so far, CleanRL's {@code global_step}). Keys follow CleanRL ({@code charts/episodic_return},
 * {@code losses/policy_loss}, {@code reward/<term>}); {@code "step"} is reserved.
 *
 * <p>Key order in the output is the map's iteration order when it has a defined one
 * ({@link java.util.LinkedHashMap}, {@link java.util.SortedMap}); other maps (e.g. {@code Map.of},
 * whose order changes between JVM runs) are written in sorted key order so files stay deterministic.
 *
 * <p>Implementations are not thread-safe unless they say so.
 */
public interface MetricsSink extends AutoCloseable {

  /** Records {@code metrics} at global step {@code step}. */
  void log(long step, Map<String, Double> metrics);

  /** Records a single metric. */
  default void log(long step, String key, double value) {
    log(step, Map.of(key, value));
  }

  /** Pushes buffered records to storage. */
  default void flush() {}

  @Override
  void close();

  /** A sink that drops everything. */
  static MetricsSink discard() {
    return new MetricsSink() {
      @Override
      public void log(long step, Map<String, Double> metrics) {}

      @Override
      public void close() {}
    };
  }

  /** A sink that forwards every record to each of {@code sinks}, in order. */
  static MetricsSink tee(MetricsSink... sinks) {
    MetricsSink[] copy = sinks.clone();
    return new MetricsSink() {
      @Override
      public void log(long step, Map<String, Double> metrics) {
        for (MetricsSink s : copy) s.log(step, metrics);
      }

      @Override
      public void flush() {
        for (MetricsSink s : copy) s.flush();
      }

      @Override
      public void close() {
        for (MetricsSink s : copy) s.close();
      }
    };
  }
}
