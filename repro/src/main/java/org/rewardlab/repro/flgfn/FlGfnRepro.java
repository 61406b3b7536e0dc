package org.rewardlab.repro.flgfn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.gfn.GfnConfig;
import org.rewardlab.algos.gfn.GfnEnvSpec;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.Comparison;
import org.rewardlab.repro.GfnRuns;
import org.rewardlab.repro.Paper;
import org.rewardlab.repro.PaperStatus;
import org.rewardlab.repro.Papers;
import org.rewardlab.repro.Repro;
import org.rewardlab.repro.ReproConfig;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;

/**
 * Paper #31, FL-GFN — Forward-looking GFlowNets (arXiv 2302.01687; GEN §2 e), on the set-generation
 * task with an additive energy: |U| = 10, sets of 4 (210 sets, exact target). Every arm is {@code
 * algo: {type: gfn}} through the runner on the same seeds, budget, network and exploration:
 *
 * <ul>
 *   <li>{@code fldb}: forward-looking DB (loss {@code fldb});
 *   <li>{@code db}, {@code tb}: the baselines;
 *   <li>{@code fldb-trunc}, {@code db-trunc}: the same two trained only on prefixes of 2 of the 4
 *       transitions, which never reach a terminal (GEN §2 e, signal 2).
 * </ul>
 *
 * Signals: the exact L1 (sum) between P_T and R/Z, averaged over the evaluations of a run (the area
 * under the L1 curve: lower means faster convergence), and the final L1 of the truncated arms.
 */
public final class FlGfnRepro implements Repro<FlGfnRepro.Config> {
  static final String FLDB = "fldb";
  static final String DB = "db";
  static final String TB = "tb";
  static final String FLDB_T = "fldb-trunc";
  static final String DB_T = "db-trunc";

  /**
   * @param universe |U|
   * @param setSize set size
   * @param batchSize trajectories per iteration
   * @param iterations iterations per arm
   * @param hidden MLP width (two layers)
   * @param epsilon ε-uniform exploration of every arm
   * @param truncateAfter prefix length of the truncated arms
   * @param seeds run seeds
   */
  public record Config(int universe, int setSize, int batchSize, int iterations, int hidden, double epsilon,
      int truncateAfter, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (setSize < 2 || universe <= setSize || batchSize < 2 || iterations < 8 || hidden < 1
          || truncateAfter < 1 || truncateAfter >= setSize || !(epsilon >= 0 && epsilon <= 1)) {
        throw new IllegalArgumentException("fl-gfn config: need 2 <= setSize < universe, 1 <= truncateAfter < setSize, "
            + "batchSize >= 2, iterations >= 8, hidden >= 1, epsilon in [0, 1]");
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /** smoke: |U| 6, sets of 3, 16 iterations of 8; default: |U| 10, sets of 4, 500 iterations of 16, MLP 2x64, seeds 1-5. */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(6, 3, 8, 16, 16, 0.1, 2, List.of(1L, 2L));
        case DEFAULT -> new Config(10, 4, 16, 500, 64, 0.1, 2, List.of(1L, 2L, 3L, 4L, 5L));
        case PAPER -> throw Scale.PAPER.refused("fl-gfn", "the paper's set tasks reach |U| = 100 with sets of 80 "
            + "(no exact target) and 10k steps, plus molecule generation; only the exact small case runs here");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(universe, setSize, batchSize, iterations, hidden, epsilon, truncateAfter, s);
    }

    GfnConfig gfn(String arm) {
      String loss = arm.startsWith(FLDB) ? "fldb" : arm.startsWith(DB) ? "db" : "tb";
      return GfnConfig.defaults().withEnv(GfnEnvSpec.set(universe, setSize, 1)).withLoss(loss)
          .withNetwork(List.of(hidden, hidden), 1e-3, 0.1).withBudget(batchSize, iterations, Math.max(1, iterations / 20))
          .withExploration(epsilon, arm.endsWith("-trunc") ? truncateAfter : 0);
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("fl-gfn").orElseThrow();
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
    return "set generation with |U| up to 100 (sets of 80), 10k steps of batch 16, MLP 2x256, plus molecule "
        + "generation (sEH); top-100 mean reward instead of an exact distribution";
  }

  @Override
  public SeedResult measure(Config config, long seed, ReproContext ctx) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String arm : List.of(FLDB, DB, TB, FLDB_T, DB_T)) {
      GfnRuns.Series s = ctx.timeArm(arm, () ->
          GfnRuns.train("fl-gfn-" + arm, config.gfn(arm), seed, ctx.outputDir().resolve("seed-" + seed)));
      List<Double> l1 = s.of("charts/l1");
      values.put("l1_mean/" + arm, s.mean("charts/l1"));
      values.put("l1_first/" + arm, l1.get(0));
      values.put("l1_end/" + arm, l1.get(l1.size() - 1));
      ctx.log(String.format(Locale.ROOT, "seed %d %-10s L1 first %.3f  mean %.3f  end %.3f", seed, arm,
          values.get("l1_first/" + arm), values.get("l1_mean/" + arm), values.get("l1_end/" + arm)));
    }
    return new SeedResult(seed, values);
  }

  @Override
  public List<Claim> claims(Config config, List<SeedResult> perSeed) {
    List<Claim> claims = new ArrayList<>();
    String what = "exact L1 (sum) to R/Z, mean over the run's evaluations (area under the curve)";
    claims.add(Claim.of(what, "", new Comparison.Less(FLDB, DB, 0),
        SeedResult.arm(FLDB, perSeed, "l1_mean/" + FLDB), SeedResult.arm(DB, perSeed, "l1_mean/" + DB)));
    claims.add(Claim.of(what, "", new Comparison.Less(FLDB, TB, 0),
        SeedResult.arm(FLDB, perSeed, "l1_mean/" + FLDB), SeedResult.arm(TB, perSeed, "l1_mean/" + TB)));
    claims.add(Claim.of("final exact L1, trained only on prefixes of " + config.truncateAfter() + " transitions", "",
        new Comparison.Less(FLDB_T, DB_T, 0), SeedResult.arm(FLDB_T, perSeed, "l1_end/" + FLDB_T),
        SeedResult.arm(DB_T, perSeed, "l1_end/" + DB_T)));
    return claims;
  }

  @Override
  public List<String> notes(Config config, List<SeedResult> perSeed) {
    return List.of("every arm uses the same epsilon (" + config.epsilon() + "), network and budget; the FL-GFN code tunes "
            + "epsilon per method (FL-DB 0.5-1.0, DB 1.0, TB 0-0.0625), which this repro does not",
        "the truncated arms never see a terminal reward: DB's residuals then carry no reward at all, FL-DB's carry the"
            + " energy differences of each transition");
  }
}
