package org.rewardlab.repro;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.core.run.RunManifest;

/**
 * Runs a {@link Repro}: resolves its config at a scale, measures every seed, builds the claims, and
 * stamps the result with scale, config, seeds, per-arm wall times, git state and versions. Stateless.
 */
public final class ReproRunner {
  private ReproRunner() {}

  /**
   * Where and how a run happens (not what it computes).
   *
   * @param outputDir where the repro may write files; created by the caller
   * @param sourceDir the working tree of the code that runs, for the git commit; a directory outside
   *     git gives {@code "unknown"}
   * @param command the command line that started the run, for the result's provenance
   * @param progress receives one line of progress at a time; null: discard
   */
  public record Settings(Path outputDir, Path sourceDir, String command, Consumer<String> progress) {
    public Settings {
      if (outputDir == null) {
        throw new IllegalArgumentException("a repro run needs an output directory");
      }
      sourceDir = sourceDir == null ? Path.of("") : sourceDir;
      command = command == null ? "" : command;
      progress = progress == null ? line -> { } : progress;
    }
  }

  /**
   * The config {@code repro} runs at {@code scale}, with {@code seeds} instead of its own when given.
   *
   * @param seeds null or empty: the config's own seeds
   * @throws org.rewardlab.core.UserInputException if the repro refuses the scale
   */
  public static <C extends ReproConfig<C>> C config(Repro<C> repro, Scale scale, List<Long> seeds) {
    if (scale == null) {
      throw new IllegalArgumentException("a repro run needs a scale (Scale.DEFAULT for the CPU-scale run)");
    }
    C config = repro.config(scale);
    if (config == null) {
      throw new IllegalStateException("repro for '" + repro.paper().id() + "' returned no config at scale "
          + scale.label());
    }
    return seeds == null || seeds.isEmpty() ? config : config.withSeeds(seeds);
  }

  /**
   * Runs {@code repro} at {@code scale}: {@link Repro#measure} once per seed, in seed order, then
   * {@link Repro#claims} and {@link Repro#notes}.
   *
   * @param seeds null or empty: the config's own seeds at that scale
   * @throws org.rewardlab.core.UserInputException if the repro refuses the scale
   * @throws IllegalStateException if the repro returns a seed result for another seed, or no claims
   */
  public static <C extends ReproConfig<C>> ReproResult run(
      Repro<C> repro, Scale scale, List<Long> seeds, Settings settings) {
    C config = config(repro, scale, seeds);
    String id = repro.paper().id();
    ReproContext ctx = new ReproContext(settings.outputDir(), settings.progress());
    List<Long> runSeeds = config.seeds();
    List<SeedResult> perSeed = new ArrayList<>();
    RunManifest.GitState git = RunManifest.GitState.of(settings.sourceDir());
    long start = System.nanoTime();
    for (int k = 0; k < runSeeds.size(); k++) {
      long seed = runSeeds.get(k);
      ctx.log(String.format(Locale.ROOT, "[%d/%d] seed %d", k + 1, runSeeds.size(), seed));
      long seedStart = System.nanoTime();
      SeedResult r = repro.measure(config, seed, ctx);
      if (r == null || r.seed() != seed) {
        throw new IllegalStateException("repro for '" + id + "' measured seed " + seed + " but returned "
            + (r == null ? "nothing" : "the result of seed " + r.seed()));
      }
      perSeed.add(r);
      ctx.log(String.format(Locale.ROOT, "[%d/%d] seed %d done in %.1f s", k + 1, runSeeds.size(), seed,
          (System.nanoTime() - seedStart) / 1e9));
    }
    return result(repro, scale, config, List.copyOf(perSeed), settings, git, start, ctx.armSeconds());
  }

  /**
   * Runs {@code repro} at {@code scale} on {@code engine}: every seed, or every (seed, arm) where the repro
   * declares {@link Repro#arms}, is a task ({@link ReproTasks}); the driver puts the results back in the
   * config's seed order (arms merged by {@link Repro#mergeArms}) and builds the same {@link ReproResult} as
   * {@link #run(Repro, Scale, List, Settings)}: same claims, notes, config and seeds; only the wall times
   * differ. Progress: one line per finished task, plus the repro's own lines where the engine runs tasks in
   * this JVM.
   *
   * @param seeds null or empty: the config's own seeds at that scale
   * @throws org.rewardlab.core.UserInputException if the repro refuses the scale
   * @throws org.rewardlab.core.parallel.TaskFailedException if a task failed on every attempt the engine allows
   */
  public static <C extends ReproConfig<C>> ReproResult run(
      Repro<C> repro, Scale scale, List<Long> seeds, Settings settings, TaskEngine engine) {
    if (engine == null) return run(repro, scale, seeds, settings);
    C config = config(repro, scale, seeds);
    String id = repro.paper().id();
    List<ReproTasks.Task> tasks = ReproTasks.plan(repro, scale, config, settings.outputDir());
    RunManifest.GitState git = RunManifest.GitState.of(settings.sourceDir());
    Consumer<String> progress = settings.progress();
    progress.accept(String.format(Locale.ROOT, "%d tasks (%s) on %s", tasks.size(),
        repro.arms(config).isEmpty() ? "one per seed" : "seeds x " + repro.arms(config).size() + " arms",
        engine.name() + ", " + engine.describe()));
    long start = System.nanoTime();
    ReproTasks.Outcome[] outcomes = new ReproTasks.Outcome[tasks.size()];
    int[] done = {0};
    Consumer<String> inner = line -> {
      synchronized (progress) {
        progress.accept(line);
      }
    };
    engine.run(tasks, new ReproTasks.Measure(inner), (i, task, r) -> {
      if (r.seed() != task.seed() || !java.util.Objects.equals(r.arm(), task.arm())) {
        throw new IllegalStateException("repro for '" + id + "': task " + task.label() + " came back as "
            + new ReproTasks.Task(id, task.scale(), task.seeds(), r.seed(), r.arm(), task.outputDir()).label());
      }
      if (outcomes[i] == null) done[0]++;
      outcomes[i] = r;
      synchronized (progress) {
        progress.accept(String.format(Locale.ROOT, "[%d/%d] %s done in %.1f s on %s", done[0], tasks.size(),
            task.label(), r.wallSeconds(), r.host()));
      }
    });
    List<ReproTasks.Outcome> all = new ArrayList<>();
    for (int i = 0; i < outcomes.length; i++) {
      if (outcomes[i] == null) {
        throw new IllegalStateException("repro for '" + id + "': the engine returned no result for task "
            + tasks.get(i).label());
      }
      all.add(outcomes[i]);
    }
    List<SeedResult> perSeed = new ArrayList<>();
    boolean byArms = !repro.arms(config).isEmpty();
    for (long seed : config.seeds()) {
      List<SeedResult> parts = new ArrayList<>();
      for (ReproTasks.Outcome o : all) if (o.seed() == seed) parts.add(o.seedResult());
      perSeed.add(byArms ? repro.mergeArms(config, seed, parts) : parts.get(0));
    }
    return result(repro, scale, config, List.copyOf(perSeed), settings, git, start, ReproTasks.armSeconds(all));
  }

  private static <C extends ReproConfig<C>> ReproResult result(Repro<C> repro, Scale scale, C config,
      List<SeedResult> measured, Settings settings, RunManifest.GitState git, long start, Map<String, Double> armSeconds) {
    String id = repro.paper().id();
    List<Claim> claims = repro.claims(config, measured);
    if (claims == null || claims.isEmpty()) {
      throw new IllegalStateException("repro for '" + id + "' built no claims from its measurements");
    }
    List<String> notes = repro.notes(config, measured);
    double wallSeconds = (System.nanoTime() - start) / 1e9;
    return new ReproResult(id, settings.command(), scale, repro.paperScale(), config.seeds(), Configs.toJsonTree(config),
        git.commit(), git.dirty(), RunManifest.environment(), wallSeconds, armSeconds, claims, notes);
  }
}
