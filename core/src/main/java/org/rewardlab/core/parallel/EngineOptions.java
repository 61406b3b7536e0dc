package org.rewardlab.core.parallel;

import java.util.Map;
import java.util.TreeMap;

/**
 * How to open an engine, as the command line gives it.
 *
 * @param threads tasks at once for the local engine, and the {@code N} of Spark's default {@code
 *     local[N]}; 0 means one per core
 * @param master the Spark master URL ({@code local[*]}, {@code local[2]}, {@code spark://host:port});
 *     null means {@code local[threads]}; ignored by the local engine
 * @param conf extra engine settings ({@code spark.executor.memory=2g}); ignored where unknown to the
 *     engine
 */
public record EngineOptions(int threads, String master, Map<String, String> conf) {
  public EngineOptions {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0: one per core), got " + threads);
    }
    conf = conf == null ? Map.of() : Map.copyOf(new TreeMap<>(conf));
  }

  /** One thread per core, the default master, no extra settings. */
  public static EngineOptions defaults() {
    return new EngineOptions(0, null, Map.of());
  }

  /** The thread count, with 0 resolved to the number of cores. */
  public int resolvedThreads() {
    return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
  }
}
