package org.rewardlab.repro;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.rewardlab.core.config.Configs;
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
    JsonNode configJson = Configs.toJsonTree(config);
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
    List<SeedResult> measured = List.copyOf(perSeed);
    List<Claim> claims = repro.claims(config, measured);
    if (claims == null || claims.isEmpty()) {
      throw new IllegalStateException("repro for '" + id + "' built no claims from its measurements");
    }
    List<String> notes = repro.notes(config, measured);
    double wallSeconds = (System.nanoTime() - start) / 1e9;
    return new ReproResult(id, settings.command(), scale, repro.paperScale(), runSeeds, configJson, git.commit(),
        git.dirty(), RunManifest.environment(), wallSeconds, ctx.armSeconds(), claims, notes);
  }
}
