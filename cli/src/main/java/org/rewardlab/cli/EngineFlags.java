package org.rewardlab.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.parallel.EngineOptions;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.core.parallel.TaskEngines;
import picocli.CommandLine.Option;

/**
 * The engine flags of the commands that run independent tasks ({@code repro run}, {@code rm score}, {@code
 * reward score}): {@code --engine local|spark}, {@code --master URL}, {@code --threads N}, {@code --conf k=v}. The
 * engine is found by name through {@link TaskEngines} (the {@code spark} engine only where the spark module is on
 * the classpath), so the CLI never depends on Spark. A picocli mixin.
 */
final class EngineFlags {
  @Option(names = "--engine", paramLabel = "NAME", description = "Run the tasks on an engine: local (threads in this"
      + " process) or spark (Apache Spark: --master local[N] embedded, or spark://HOST:PORT). Without it the work runs"
      + " in this thread as before.")
  String engine;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[THREADS]); only with"
      + " --engine spark.")
  String master;

  @Option(names = "--threads", paramLabel = "N", description = "Tasks at once for --engine local, and the N of the"
      + " default local[N] master (default: one per core).")
  Integer threads;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "An engine setting, e.g. spark.executor.memory=2g"
      + " (repeatable).")
  Map<String, String> conf = new LinkedHashMap<>();

  /** Whether an engine was asked for. */
  boolean given() {
    return engine != null;
  }

  /**
   * Checks the flags without opening anything: {@code --master}, {@code --threads} and {@code --conf} need {@code
   * --engine}; threads are 1 or more.
   *
   * @throws UserInputException naming the flag and the fix
   */
  void check() {
    if (engine == null) {
      String stray = master != null ? "--master" : threads != null ? "--threads" : !conf.isEmpty() ? "--conf" : null;
      if (stray != null) {
        throw new UserInputException(stray, "only applies to an engine", "add --engine local or --engine spark");
      }
      return;
    }
    if (engine.isBlank()) {
      throw new UserInputException("--engine", "is empty", "use --engine local or --engine spark");
    }
    if (threads != null && threads < 1) {
      throw new UserInputException("--threads", "must be 1 or more, got " + threads,
          "use e.g. --threads 2, or leave it out for one per core");
    }
    if (master != null && !engine.equals("spark")) {
      throw new UserInputException("--master", "only applies to --engine spark", "drop --master, or use --engine spark");
    }
  }

  /**
   * Opens the engine (the caller closes it), or null when none was asked for.
   *
   * @throws UserInputException for an unknown engine or options it refuses (one line naming the flag)
   */
  TaskEngine open() {
    check();
    if (engine == null) return null;
    return TaskEngines.open(engine, new EngineOptions(threads == null ? 0 : threads, master, conf));
  }
}
