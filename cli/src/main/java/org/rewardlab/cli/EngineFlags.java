package org.rewardlab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.parallel.EngineOptions;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.core.parallel.TaskEngines;
import picocli.CommandLine.Option;

/**
 * The engine flags of every command that runs independent tasks ({@code sweep}, {@code sweep resume},
 * {@code repro run}, {@code rm score}, {@code reward score}): {@code --engine}, {@code --master URL},
 * {@code --threads N}, {@code --conf k=v}. The engine is found by name through {@link TaskEngines}
 * (the {@code spark} engine only where the spark module is on the classpath), so the CLI never
 * depends on Spark. A picocli mixin.
 *
 * <p>Two uses: {@link #check}/{@link #open} for commands that otherwise run in this thread (the
 * engine flags need {@code --engine}); {@link #checkForSweep}/{@link #choose} for sweeps, whose
 * engine defaults to {@code auto}.
 */
final class EngineFlags {
  /** {@code --engine auto} runs at most this many tasks on local threads; more go to Spark when it is there. */
  static final int AUTO_LOCAL_MAX_TASKS = 8;

  @Option(names = "--engine", paramLabel = "NAME", description = "Where the tasks run: local (threads in this"
      + " process) or spark (Apache Spark: --master local[N] embedded, or spark://HOST:PORT); for sweep also auto,"
      + " its default (local threads for at most " + AUTO_LOCAL_MAX_TASKS + " tasks, else spark when it is on the"
      + " classpath). Other commands run their work in this thread without it.")
  String engine;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[N], local[*] or"
      + " spark://HOST:PORT (default: local[THREADS]); only for the spark engine.")
  String master;

  @Option(names = "--threads", paramLabel = "N", description = "Tasks at once on local threads, and the N of the"
      + " default local[N] master (default: one per core).")
  Integer threads;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "An engine setting, e.g."
      + " spark.executor.memory=2g (repeatable).")
  List<String> conf = new ArrayList<>();

  /** Whether an engine was asked for. */
  boolean given() {
    return engine != null;
  }

  /**
   * Checks the flags of a command that runs in this thread unless {@code --engine} is given:
   * {@code --master}, {@code --threads} and {@code --conf} need it; {@code --master} needs spark.
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
    checkValues();
    if (master != null && !engine.equals("spark")) {
      throw new UserInputException("--master", "only applies to --engine spark", "drop --master, or use --engine spark");
    }
  }

  /** Checks the flags of a sweep: {@code --engine} is auto, local or spark (default auto). */
  void checkForSweep() {
    String e = engine == null ? "auto" : engine;
    if (!List.of("auto", "local", "spark").contains(e)) {
      throw new UserInputException("--engine " + UserInputException.quote(e), "no such engine",
          "choose one of auto, local, spark");
    }
    checkValues();
    if (master != null && e.equals("local")) {
      throw new UserInputException("--master", "is a Spark setting; the local engine runs threads in this process",
          "drop --master, or use --engine spark");
    }
  }

  private void checkValues() {
    if (threads != null && threads < 1) {
      throw new UserInputException("--threads", "must be 1 or more, got " + threads,
          "use e.g. --threads 2, or leave it out for one per core");
    }
    options();
  }

  /** The options for {@link TaskEngines#open}. */
  EngineOptions options() {
    Map<String, String> m = new TreeMap<>();
    for (String c : conf) {
      int eq = c.indexOf('=');
      if (eq <= 0) {
        throw new UserInputException("--conf " + UserInputException.quote(c), "expected KEY=VALUE",
            "e.g. --conf spark.executor.memory=2g");
      }
      m.put(c.substring(0, eq).trim(), c.substring(eq + 1).trim());
    }
    return new EngineOptions(threads == null ? 0 : threads, master, m);
  }

  /**
   * Opens the engine (the caller closes it), or null when none was asked for.
   *
   * @throws UserInputException for an unknown engine or options it refuses (one line naming the flag)
   */
  TaskEngine open() {
    check();
    if (engine == null) return null;
    return TaskEngines.open(engine, options());
  }

  /** The sweep engine to open for {@code toRun} tasks, and a note when auto fell back to local threads. */
  String choose(int toRun, List<String> notes) {
    if (engine != null && !engine.equals("auto")) return engine;
    boolean spark = TaskEngines.available("spark");
    if (master != null) {
      if (!spark) notes.add("note: --master is given but the spark engine is not on the classpath (run through ./rewardlab);"
          + " running on local threads");
      return spark ? "spark" : "local";
    }
    if (toRun <= AUTO_LOCAL_MAX_TASKS) return "local";
    if (spark) return "spark";
    notes.add("note: the spark engine is not on the classpath (./rewardlab loads it); running on local threads");
    return "local";
  }
}
