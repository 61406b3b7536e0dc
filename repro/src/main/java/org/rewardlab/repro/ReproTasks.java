package org.rewardlab.repro;

import java.io.Serializable;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.parallel.TaskFunction;

/**
 * A repro run cut into tasks for a {@link org.rewardlab.core.parallel.TaskEngine} ({@code rewardlab repro run ID
 * --engine local|spark}): one task per seed, or per (seed, arm) where the repro declares {@link Repro#arms}. A
 * task names everything it needs as plain data (paper id, scale, the run's seeds, its seed and arm, the output
 * directory), so any worker can run it: it looks the repro up in {@link ReproRegistry#standard()}, rebuilds the
 * config with {@link ReproRunner#config} and measures. Its result is a function of the task alone (same seed,
 * same numbers), so the engine, the number of workers and retries change no number.
 */
public final class ReproTasks {
  private ReproTasks() {}

  /**
   * One task.
   *
   * @param paperId the paper's id
   * @param scale the scale's label ({@code smoke}, {@code default}, {@code paper})
   * @param seeds the run's seeds, in the config's order (the config depends on them)
   * @param seed the seed this task measures
   * @param arm the arm it measures ({@link Repro#arms}), or null for the whole seed
   * @param outputDir the run's output directory on the worker's file system (created where missing)
   */
  public record Task(String paperId, String scale, ArrayList<Long> seeds, long seed, String arm, String outputDir)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    public Task {
      seeds = new ArrayList<>(seeds);
    }

    /** {@code seed 2} or {@code seed 2 arm krc}, for progress lines and errors. */
    public String label() {
      return "seed " + seed + (arm == null ? "" : " arm " + arm);
    }
  }

  /**
   * What a task measured, as it travels back to the driver.
   *
   * @param seed the seed
   * @param arm the arm, or null
   * @param values the measured numbers by name, in the order the repro put them
   * @param armSeconds wall seconds per timed arm ({@link ReproContext#timeArm}), in first-timed order
   * @param wallSeconds the task's wall time
   * @param host the machine that ran it
   */
  public record Outcome(long seed, String arm, LinkedHashMap<String, Double> values,
      LinkedHashMap<String, Double> armSeconds, double wallSeconds, String host) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The numbers as a {@link SeedResult}. */
    public SeedResult seedResult() {
      return new SeedResult(seed, values);
    }
  }

  /** The tasks of a run over {@code seeds} of {@code repro} at {@code scale}: seed-major, arms in declared order. */
  public static <C extends ReproConfig<C>> List<Task> plan(Repro<C> repro, Scale scale, C config, Path outputDir) {
    List<Task> tasks = new ArrayList<>();
    List<String> arms = repro.arms(config);
    ArrayList<Long> seeds = new ArrayList<>(config.seeds());
    String out = outputDir.toAbsolutePath().toString();
    for (long seed : seeds) {
      if (arms.isEmpty()) {
        tasks.add(new Task(repro.paper().id(), scale.label(), seeds, seed, null, out));
      } else {
        for (String arm : arms) tasks.add(new Task(repro.paper().id(), scale.label(), seeds, seed, arm, out));
      }
    }
    return List.copyOf(tasks);
  }

  /**
   * Runs one task on a worker. Progress lines of the repro go to the {@code progress} given at construction
   * where the function runs in the driver's JVM (the local engine); a copy shipped to another JVM drops them
   * (the field is transient), since the driver prints one line per finished task anyway.
   */
  public static final class Measure implements TaskFunction<Task, Outcome> {
    private static final long serialVersionUID = 1L;

    private final transient Consumer<String> progress;

    /** @param progress receives the repro's progress lines, prefixed with the task; null: discard */
    public Measure(Consumer<String> progress) {
      this.progress = progress;
    }

    @Override
    public Outcome apply(Task task) throws Exception {
      return measure(task, progress);
    }

    private static Outcome measure(Task task, Consumer<String> progress) throws Exception {
      Repro<?> repro = ReproRegistry.standard().repro(task.paperId()).orElseThrow(() -> new UserInputException(
          "repro " + task.paperId(), "this worker's build has no reproduction of '" + task.paperId() + "'",
          "run the workers from the same build as the driver (the application jar of this checkout)"));
      return run(repro, task, progress);
    }

    private static <C extends ReproConfig<C>> Outcome run(Repro<C> repro, Task task, Consumer<String> progress)
        throws Exception {
      C config = ReproRunner.config(repro, Scale.parse(task.scale()), task.seeds());
      Path out = Path.of(task.outputDir());
      Files.createDirectories(out);
      Consumer<String> sink = progress == null ? null : line -> progress.accept(task.label() + ": " + line);
      ReproContext ctx = new ReproContext(out, sink);
      long start = System.nanoTime();
      SeedResult r = task.arm() == null
          ? repro.measure(config, task.seed(), ctx)
          : repro.measureArm(config, task.seed(), task.arm(), ctx);
      double wall = (System.nanoTime() - start) / 1e9;
      if (r == null || r.seed() != task.seed()) {
        throw new IllegalStateException("repro for '" + task.paperId() + "' measured " + task.label()
            + " but returned " + (r == null ? "nothing" : "the result of seed " + r.seed()));
      }
      return new Outcome(task.seed(), task.arm(), new LinkedHashMap<>(r.values()),
          new LinkedHashMap<>(ctx.armSeconds()), wall, host());
    }
  }

  /** This machine's host name, or {@code unknown}. */
  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown";
    }
  }

  /** Sums per-arm seconds of {@code outcomes} in their (task) order, so the keys come in the sequential run's order. */
  static Map<String, Double> armSeconds(List<Outcome> outcomes) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Outcome o : outcomes) o.armSeconds().forEach((k, v) -> out.merge(k, v, Double::sum));
    return out;
  }
}
