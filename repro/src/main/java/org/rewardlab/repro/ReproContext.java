package org.rewardlab.repro;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a {@link Repro} run gets from its caller. Immutable; the progress sink is called from the
 * running thread only.
 *
 * @param seeds the run seeds, one per repetition of every arm; distinct, at least one
 * @param outputDir where the run may write its files (run dirs, plots); created by the caller
 * @param command the command line that started the run, for the result's provenance
 * @param progress receives one line of progress at a time (no trailing newline)
 */
public record ReproContext(List<Long> seeds, Path outputDir, String command, Consumer<String> progress) {
  public ReproContext {
    if (seeds == null || seeds.isEmpty()) {
      throw new IllegalArgumentException("a repro run needs at least one seed");
    }
    seeds = List.copyOf(seeds);
    if (new HashSet<>(seeds).size() != seeds.size()) {
      throw new IllegalArgumentException("repro seeds must be distinct, got " + seeds);
    }
    if (outputDir == null) {
      throw new IllegalArgumentException("a repro run needs an output directory");
    }
    command = command == null ? "" : command;
    progress = progress == null ? line -> { } : progress;
  }

  /** {@code count} consecutive seeds starting at {@code first}: first, first + 1, ... */
  public static List<Long> consecutiveSeeds(long first, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("seed count " + count + " must be 1 or more");
    }
    Long[] seeds = new Long[count];
    for (int i = 0; i < count; i++) {
      seeds[i] = first + i;
    }
    return List.of(seeds);
  }

  /** Reports one line of progress. */
  public void log(String line) {
    progress.accept(line);
  }
}
