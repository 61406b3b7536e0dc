package org.rewardlab.repro;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What {@link Repro#measure} gets from the runner besides config and seed: where to write files, a
 * progress sink, and a stopwatch per arm. One context serves a whole run (all seeds), so the arm
 * times add up over seeds.
 *
 * <p>Wrap the work of each arm in {@link #timeArm}: {@code ctx.timeArm("epic", () -> epic.between(a,
 * b))}. Work shared by all arms (sampling the MDPs, the ground truth) may be timed under its own name;
 * untimed work only counts in the run's total. Timed sections must not nest (the inner time would be
 * counted twice). Not thread-safe: call it from the thread that runs {@code measure}.
 */
public final class ReproContext {
  private final Path outputDir;
  private final Consumer<String> progress;
  private final Map<String, Long> armNanos = new LinkedHashMap<>();

  /**
   * @param outputDir where the run may write its files (run dirs, plots); created by the caller
   * @param progress receives one line of progress at a time (no trailing newline); null: discard
   */
  public ReproContext(Path outputDir, Consumer<String> progress) {
    if (outputDir == null) {
      throw new IllegalArgumentException("a repro run needs an output directory");
    }
    this.outputDir = outputDir;
    this.progress = progress == null ? line -> { } : progress;
  }

  /** Where the run may write its files. */
  public Path outputDir() {
    return outputDir;
  }

  /** Reports one line of progress. */
  public void log(String line) {
    progress.accept(line);
  }

  /** Runs {@code work}, adds its wall time to arm {@code arm}, and returns its value. */
  public <T> T timeArm(String arm, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      armNanos.merge(requireName(arm), System.nanoTime() - start, Long::sum);
    }
  }

  /** Runs {@code work} and adds its wall time to arm {@code arm}. */
  public void timeArm(String arm, Runnable work) {
    timeArm(arm, () -> {
      work.run();
      return null;
    });
  }

  /** The wall time per arm so far, in seconds, in the order the arms were first timed. */
  public Map<String, Double> armSeconds() {
    Map<String, Double> out = new LinkedHashMap<>();
    armNanos.forEach((arm, nanos) -> out.put(arm, nanos / 1e9));
    return Collections.unmodifiableMap(out);
  }

  private static String requireName(String arm) {
    if (arm == null || arm.isBlank()) {
      throw new IllegalArgumentException("timeArm needs the name of the arm it times");
    }
    return arm;
  }
}
