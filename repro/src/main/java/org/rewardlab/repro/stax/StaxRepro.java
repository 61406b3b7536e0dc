package org.rewardlab.repro.stax;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.qd.AutoencoderSpace;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.maze.MazeConfig;
import org.rewardlab.envs.maze.MazeImages;
import org.rewardlab.envs.maze.Mazes;
import org.rewardlab.envs.maze.PointMaze;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.MazeOverlays;
import org.rewardlab.repro.Comparison;
import org.rewardlab.repro.Paper;
import org.rewardlab.repro.PaperStatus;
import org.rewardlab.repro.Papers;
import org.rewardlab.repro.Repro;
import org.rewardlab.repro.ReproConfig;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;
import org.rewardlab.search.qd.BehaviourSpace;
import org.rewardlab.search.qd.Bounds;
import org.rewardlab.search.qd.GridArchive;
import org.rewardlab.search.qd.QdPictures;
import org.rewardlab.search.qd.RolloutEvaluator;
import org.rewardlab.search.qd.Serene;

/**
 * Paper #50, STAX (Paolo et al., GEN §6; TAXONS GEN §4, SERENE GEN §5): is a behaviour space learned
 * from raw observations as good as the hand-designed one? On the two-zone point maze
 * ({@code PointMazeTwoZones-v0}: a wide zone paying up to 1 per step, a narrow far zone paying up to
 * 10), with the same budget and seeds:
 * <ul>
 *   <li>{@code serene}: SERENE with the hand-designed descriptor, the final (x, y);
 *   <li>{@code stax}: SERENE in the latent space of an autoencoder (256-64-8) trained on the 16 × 16
 *       image of the final position (a blurred disc), selecting by novelty or surprise;
 *   <li>{@code taxons}: the same learned space without emitters (TAXONS);
 *   <li>{@code ns}: novelty search on the hand-designed descriptor (no emitters).
 * </ul>
 * Per arm and seed: coverage of a 50 × 50 grid over the true final positions, reward zones reached
 * (a final position inside the zone), whether the far zone was reached, and the best return.
 * Claims: STAX reaches ≥ 90% of SERENE's coverage, zones and best return (the paper's "matches the
 * hand-designed space"); STAX's best return is above TAXONS's (emitters exploit what the learned
 * space finds); TAXONS reaches ≥ 90% of NS's coverage (GEN §4 (e)); SERENE's best return is above
 * NS's (GEN §5 (e)). Immutable.
 */
public final class StaxRepro implements Repro<StaxRepro.Config> {
  static final String SERENE = "serene";
  static final String STAX = "stax";
  static final String TAXONS = "taxons";
  static final String NS = "ns";
  static final List<String> ARMS = List.of(SERENE, STAX, TAXONS, NS);
  static final int IMAGE = 16;
  static final double BLUR = 0.2;
  static final int[] HIDDEN = {5, 5};
  static final double MATCH = 0.9;

  /**
   * @param budget evaluations per arm and seed (GEN §5 (e): 20k)
   * @param mu NS population (GEN §3: 100)
   * @param chunkSize SERENE's chunk (GEN §5: 1000)
   * @param aeEpochs the autoencoder's epoch cap per retraining (GEN §4: 100)
   * @param seeds the run seeds
   */
  public record Config(int budget, int mu, int chunkSize, int aeEpochs, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (budget < 1 || mu < 1 || chunkSize < 1 || aeEpochs < 1) {
        throw new IllegalArgumentException("stax config needs budget, mu, chunkSize, aeEpochs >= 1 (default 20000, 100, 1000, 100)");
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /** smoke: 800 evaluations, μ 20, chunk 200, 5 epochs, seeds 1–2; default: 20k, μ 100, chunk 1000, 100 epochs, seeds 1–5. */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(800, 20, 200, 5, List.of(1L, 2L));
        case DEFAULT -> new Config(20_000, 100, 1000, 100, List.of(1L, 2L, 3L, 4L, 5L));
        case PAPER -> new Config(500_000, 100, 1000, 100, List.of(1L, 2L, 3L, 4L, 5L));
      };
    }

    @Override
    public Config withSeeds(List<Long> seeds) {
      return new Config(budget, mu, chunkSize, aeEpochs, seeds);
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("stax").orElseThrow();
  }

  @Override
  public PaperStatus status() {
    return PaperStatus.WORKING;
  }

  @Override
  public Config config(Scale scale) {
    return Config.forScale(scale);
  }

  @Override
  public String paperScale() {
    return "STAX code: 500k evaluations per run, 64x64x3 images and a conv autoencoder, mazes and robot arms, several seeds";
  }

  static RolloutEvaluator evaluator(MazeConfig maze) {
    return new RolloutEvaluator(() -> new PointMaze(maze), HIDDEN, maze.maxEpisodeSteps(), 0,
        obs -> MazeImages.disc(obs[0], obs[1], IMAGE, BLUR));
  }

  static Serene.Config serene(Config c, boolean emitters, Serene.Selection selection) {
    return new Serene.Config(c.mu(), 2, 0.05, new Bounds(-5, 5), 15, 5, c.chunkSize(), emitters, 6, 5, selection, true, 1);
  }

  @Override
  public SeedResult measure(Config config, long seed, ReproContext ctx) {
    RandomSource root = RandomSource.of(seed);
    MazeConfig maze = Mazes.TWO_ZONES;
    Map<String, Double> values = new LinkedHashMap<>();
    Map<String, double[][]> coverageCurves = new LinkedHashMap<>();
    Map<String, double[][]> bestCurves = new LinkedHashMap<>();
    boolean pictures = seed == config.seeds().get(0);
    for (String arm : ARMS) {
      Serene.Result r = ctx.timeArm(arm, () -> run(arm, config, maze, root.derive(arm), pictures, ctx.outputDir()));
      List<double[]> finals = r.history().finalMeasures();
      int zones = 0;
      for (MazeConfig.Zone z : maze.zones()) zones += reached(z, finals) ? 1 : 0;
      MazeConfig.Zone far = maze.zones().get(1);
      values.put("coverage/" + arm, r.history().finalCoverage());
      values.put("zones/" + arm, (double) zones);
      values.put("far-zone/" + arm, reached(far, finals) ? 1.0 : 0.0);
      values.put("best-return/" + arm, Math.max(0, r.history().bestObjective()));
      values.put("retrains/" + arm, (double) r.retrains());
      values.put("emitters/" + arm, (double) r.emittersCreated());
      values.put("emitter-evaluations/" + arm, (double) r.emitterEvaluations());
      coverageCurves.put(arm, curve(r.history().evaluations(), r.history().coverage()));
      bestCurves.put(arm, curve(r.history().evaluations(), r.bestCurve()));
      ctx.log(String.format(Locale.ROOT, "seed %d %-7s coverage %.3f  zones %d  best return %.1f  retrains %d  emitters %d"
          + " (promoted %d, %d evaluations)", seed, arm, r.history().finalCoverage(), zones, r.history().bestObjective(),
          r.retrains(), r.emittersCreated(), r.emittersPromoted(), r.emitterEvaluations()));
    }
    if (pictures) {
      QdPictures.curves(coverageCurves, "coverage of the 50x50 final-position grid", "stax seed " + seed + ": coverage",
          ctx.outputDir().resolve("coverage.png"));
      QdPictures.curves(bestCurves, "best return", "stax seed " + seed + ": best return so far",
          ctx.outputDir().resolve("best-return.png"));
    }
    return new SeedResult(seed, values);
  }

  private static Serene.Result run(String arm, Config config, MazeConfig maze, RandomSource rng, boolean pictures, Path dir) {
    RolloutEvaluator ev = evaluator(maze);
    GridArchive truth = GridArchive.mapElites(ev.genomeSize(), new int[] {50, 50}, new double[] {-1, -1}, new double[] {1, 1});
    boolean learned = arm.equals(STAX) || arm.equals(TAXONS);
    boolean emitters = arm.equals(STAX) || arm.equals(SERENE);
    Serene.Selection sel = learned ? Serene.Selection.NOVELTY_OR_SURPRISE : Serene.Selection.NOVELTY;
    AutoencoderSpace ae = learned
        ? new AutoencoderSpace(new AutoencoderSpace.Config(IMAGE * IMAGE, new int[] {64}, 8, 128, config.aeEpochs(), 1e-3),
            rng.derive("autoencoder"))
        : null;
    try {
      BehaviourSpace space = learned ? ae : BehaviourSpace.handDesigned(2);
      Serene.Result r = new Serene(serene(config, emitters, sel), ev::evaluate, space, truth, rng.derive("search"))
          .run(config.budget(), ev.genomeSize());
      if (pictures) {
        QdPictures.Overlay overlay = MazeOverlays.of(maze);
        QdPictures.scatter(r.history().finalMeasures(), new double[] {-1, -1}, new double[] {1, 1}, overlay,
            "stax " + arm + ": final positions", dir.resolve("final-positions-" + arm + ".png"));
        QdPictures.heatMap(truth, overlay, "stax " + arm + ": best return per final-position cell",
            dir.resolve("archive-" + arm + ".png"));
      }
      return r;
    } finally {
      if (ae != null) ae.close();
    }
  }

  static boolean reached(MazeConfig.Zone z, List<double[]> finals) {
    for (double[] p : finals) if (Math.hypot(p[0] - z.x(), p[1] - z.y()) < z.radius()) return true;
    return false;
  }

  private static double[][] curve(List<Long> xs, List<Double> ys) {
    double[] x = new double[xs.size()];
    double[] y = new double[xs.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = xs.get(i);
      y[i] = Math.max(0, ys.get(i));
    }
    return new double[][] {x, y};
  }


  @Override
  public List<Claim> claims(Config config, List<SeedResult> perSeed) {
    List<Claim> out = new ArrayList<>();
    out.add(new Claim("coverage of a 50x50 grid over true final positions (learned vs hand-designed space)", "",
        ARMS.stream().map(a -> SeedResult.arm(a, perSeed, "coverage/" + a)).toList(),
        new Comparison.RatioAtLeast(STAX, SERENE, MATCH), Claim.DEFAULT_NOISE_Z));
    out.add(new Claim("reward zones reached (of 2)", "",
        ARMS.stream().map(a -> SeedResult.arm(a, perSeed, "zones/" + a)).toList(),
        new Comparison.RatioAtLeast(STAX, SERENE, MATCH), Claim.DEFAULT_NOISE_Z));
    out.add(new Claim("best episode return", "",
        ARMS.stream().map(a -> SeedResult.arm(a, perSeed, "best-return/" + a)).toList(),
        new Comparison.RatioAtLeast(STAX, SERENE, MATCH), Claim.DEFAULT_NOISE_Z));
    out.add(new Claim("best episode return, STAX vs TAXONS (emitters exploit the learned space)", "",
        List.of(SeedResult.arm(STAX, perSeed, "best-return/" + STAX), SeedResult.arm(TAXONS, perSeed, "best-return/" + TAXONS)),
        new Comparison.Greater(STAX, TAXONS, 0), Claim.DEFAULT_NOISE_Z));
    out.add(new Claim("coverage, TAXONS vs NS on the hand-designed space (GEN §4 (e))", "",
        List.of(SeedResult.arm(TAXONS, perSeed, "coverage/" + TAXONS), SeedResult.arm(NS, perSeed, "coverage/" + NS)),
        new Comparison.RatioAtLeast(TAXONS, NS, MATCH), Claim.DEFAULT_NOISE_Z));
    out.add(new Claim("best episode return, SERENE vs NS on the hand-designed space (GEN §5 (e))", "",
        List.of(SeedResult.arm(SERENE, perSeed, "best-return/" + SERENE), SeedResult.arm(NS, perSeed, "best-return/" + NS)),
        new Comparison.Greater(SERENE, NS, 0), Claim.DEFAULT_NOISE_Z));
    return out;
  }

  @Override
  public List<String> notes(Config config, List<SeedResult> perSeed) {
    StringBuilder far = new StringBuilder("far zone (reward up to 10) reached in seeds, per arm (not a claim):");
    for (String a : ARMS) {
      double s = 0;
      for (double v : SeedResult.column(perSeed, "far-zone/" + a)) s += v;
      far.append(String.format(Locale.ROOT, " %s %d/%d", a, (int) s, perSeed.size()));
    }
    StringBuilder spent = new StringBuilder("mean evaluations spent in exploitation chunks / emitters created:");
    for (String a : List.of(SERENE, STAX)) {
      spent.append(String.format(Locale.ROOT, " %s %.0f / %.0f", a, mean(SeedResult.column(perSeed, "emitter-evaluations/" + a)),
          mean(SeedResult.column(perSeed, "emitters/" + a))));
    }
    return List.of(
        String.format(Locale.ROOT, "budget %d evaluations per arm and seed, NS population %d, chunk %d; maze"
            + " PointMazeTwoZones-v0 (our layout: wide zone r=0.25 up to 1/step, far zone r=0.08 up to 10/step); controller"
            + " 2-5-5-2 tanh MLP", config.budget(), config.mu(), config.chunkSize()),
        "learned space: MLP autoencoder 256-64-8 (tanh) on a 16x16 blurred-disc image of the final position, retrained on"
            + " TAXONS's growing-interval schedule (at most " + config.aeEpochs() + " epochs, early stopping); the paper uses a"
            + " conv AE on 64x64x3 renders",
        far.toString(), spent.toString(),
        "serene and stax spend about half of the budget in exploitation chunks (as soon as a rewarded solution exists),"
            + " so their novelty search gets about half of what ns and taxons get; the paper's runs have 500k evaluations",
        "pictures of the first seed: coverage.png, best-return.png, final-positions-<arm>.png, archive-<arm>.png");
  }

  private static double mean(double[] a) {
    double s = 0;
    for (double v : a) s += v;
    return s / a.length;
  }
}
