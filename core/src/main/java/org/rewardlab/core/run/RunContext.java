package org.rewardlab.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.Seeds;

/**
 * Everything a run needs, passed explicitly: its directory, its {@link Seeds}, its
 * {@link RunManifest} and its {@link MetricsSink}. Layout of a run directory:
 *
 * <pre>
 *   runs/&lt;name&gt;-&lt;yyyyMMdd-HHmmss&gt;/
 *     manifest.json    resolved config, seeds, git, versions, start/end time
 *     metrics.jsonl    one JSON record per log call (source of truth)
 *     metrics.csv      wide CSV view, regenerated on close
 *     checkpoints/     (written by the training loop)
 *     plots/
 * </pre>
 *
 * {@link #create} starts a run; {@link #open(Path, long)} continues one from a checkpoint (metrics
 * after the checkpoint's step are dropped, the seeds are the same). {@link #close} records the end
 * time and the named seeds handed out, and writes {@code metrics.csv}.
 *
 * <p>Not thread-safe.
 */
public final class RunContext implements AutoCloseable {
  public static final String METRICS_FILE = "metrics.jsonl";
  public static final String METRICS_CSV_FILE = "metrics.csv";
  public static final String CHECKPOINTS_DIR = "checkpoints";
  public static final String PLOTS_DIR = "plots";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path runDir;
  private final Seeds seeds;
  private final Clock clock;
  private final JsonlMetricsSink metrics;
  private RunManifest manifest;
  private boolean closed;

  private RunContext(Path runDir, RunManifest manifest, JsonlMetricsSink metrics, Clock clock) {
    this.runDir = runDir;
    this.manifest = manifest;
    this.seeds = new Seeds(manifest.seed());
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Starts a run under {@code runsRoot} at the system clock's time; see {@link #create(Path, String, long, Object, Clock)}. */
  public static RunContext create(Path runsRoot, String name, long seed, Object config) {
    return create(runsRoot, name, seed, config, Clock.systemDefaultZone());
  }

  /**
   * Starts a run: makes {@code runsRoot/<name>-<yyyyMMdd-HHmmss>/} (with {@code -2}, {@code -3}, ... if
   * that exists), writes its manifest and opens {@code metrics.jsonl}. The git state is read from the
   * process's working directory.
   *
   * @param config the resolved config record (stored in the manifest)
   * @throws UserInputException if {@code name} is not usable as a directory name
   */
  public static RunContext create(Path runsRoot, String name, long seed, Object config, Clock clock) {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw new UserInputException("run name '" + name + "'", "not usable as a directory name",
          "use letters, digits, '.', '_' and '-' (at most 100, starting with a letter or digit)");
    }
    String base = name + "-" + LocalDateTime.now(clock).format(STAMP);
    Path dir;
    try {
      Files.createDirectories(runsRoot);
      dir = null;
      for (int i = 1; dir == null; i++) {
        Path candidate = runsRoot.resolve(i == 1 ? base : base + "-" + i);
        try {
          Files.createDirectory(candidate);
          dir = candidate;
        } catch (FileAlreadyExistsException e) {
          // another run started in the same second: take the next suffix
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a run directory under " + runsRoot, e);
    }
    // the git state of the code that runs: the repository the launcher names, else the working directory
    Path code = Path.of(System.getProperty("rewardlab.repoRoot", ""));
    RunManifest m = RunManifest.start(name, config, seed, code, clock.instant());
    m.write(dir);
    return new RunContext(dir, m, JsonlMetricsSink.create(dir.resolve(METRICS_FILE)), clock);
  }

  /**
   * Starts a run in exactly {@code runDir} (a sweep task's deterministic place, {@code
   * <runsRoot>/<cell>/seed-<n>}) instead of a time-stamped one: makes the directory and its parents,
   * writes the manifest and opens {@code metrics.jsonl}. The directory must not exist yet, so two
   * runs never share one; a caller that retries a task deletes the old directory first.
   *
   * @param name the run name stored in the manifest
   * @param config the resolved config record (stored in the manifest)
   * @throws IllegalStateException if {@code runDir} already exists
   */
  public static RunContext createAt(Path runDir, String name, long seed, Object config) {
    Clock clock = Clock.systemDefaultZone();
    try {
      Path parent = runDir.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.createDirectory(runDir);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException("run directory " + runDir + " already exists; delete it first to start over", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the run directory " + runDir, e);
    }
    Path code = Path.of(System.getProperty("rewardlab.repoRoot", ""));
    RunManifest m = RunManifest.start(name, config, seed, code, clock.instant());
    m.write(runDir);
    return new RunContext(runDir, m, JsonlMetricsSink.create(runDir.resolve(METRICS_FILE)), clock);
  }

  /** Reopens a run directory, appending to its metrics as they are; see {@link #open(Path, long)}. */
  public static RunContext open(Path runDir) {
    return open(runDir, Long.MAX_VALUE);
  }

  /**
   * Reopens a run directory to resume it from a checkpoint taken at global step {@code resumeStep}:
   * metrics logged after that step are dropped ({@link JsonlMetricsSink#openForResume}) and the end
   * time is cleared until {@link #close}. Seeds are re-derived from the manifest's run seed, so every
   * named stream starts where it did in the first run.
   *
   * @throws UserInputException if {@code runDir} is not a run directory
   */
  public static RunContext open(Path runDir, long resumeStep) {
    RunManifest m = RunManifest.read(runDir).withEndTime(null);
    // the metrics are read (and checked) before the manifest is touched, so bad metrics change nothing
    JsonlMetricsSink sink = JsonlMetricsSink.openForResume(runDir.resolve(METRICS_FILE), resumeStep);
    m.write(runDir);
    return new RunContext(runDir, m, sink, Clock.systemDefaultZone());
  }

  public Path runDir() {
    return runDir;
  }

  public Seeds seeds() {
    return seeds;
  }

  /** The manifest as last written, with the named seeds issued so far. */
  public RunManifest manifest() {
    return manifest.withSeeds(allSeeds());
  }

  /** Seeds recorded before a resume plus those issued since (the same names give the same seeds). */
  private Map<String, Long> allSeeds() {
    Map<String, Long> all = new LinkedHashMap<>(manifest.seeds());
    all.putAll(seeds.issued());
    return all;
  }

  public MetricsSink metrics() {
    return metrics;
  }

  /** {@code runDir/checkpoints}, created if needed. */
  public Path checkpointsDir() {
    return subdir(CHECKPOINTS_DIR);
  }

  /** {@code runDir/plots}, created if needed. */
  public Path plotsDir() {
    return subdir(PLOTS_DIR);
  }

  private Path subdir(String name) {
    Path p = runDir.resolve(name);
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + p, e);
    }
    return p;
  }

  /** Rewrites the manifest with the named seeds issued so far (e.g. before a checkpoint). */
  public void writeManifest() {
    manifest = manifest.withSeeds(allSeeds());
    manifest.write(runDir);
  }

  /** Finishes the run: closes the metrics, writes {@code metrics.csv} and the manifest's end time. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    metrics.close();
    MetricsCsv.writeFromJsonl(runDir.resolve(METRICS_FILE), runDir.resolve(METRICS_CSV_FILE));
    manifest = manifest.withSeeds(allSeeds()).withEndTime(clock.instant());
    manifest.write(runDir);
  }
}
