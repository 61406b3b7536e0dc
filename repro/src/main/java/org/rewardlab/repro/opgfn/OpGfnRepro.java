package org.rewardlab.repro.opgfn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.gfn.GfnConfig;
import org.rewardlab.algos.gfn.GfnEnvSpec;
import org.rewardlab.repro.Arm;
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
 * Paper #10, OP-GFN — Order-Preserving GFlowNets (arXiv 2310.00386; GEN §1 e), on torchgfn's
 * exact-reward hypergrid with a sparse R0 = 1e-3. The utility is {@code u(x) = R(x)}; every arm is
 * {@code algo: {type: gfn}} through the runner on the same seeds and budget:
 *
 * <ul>
 *   <li>{@code op-tb}: the order-preserving TB objective, which sees only the order of {@code u} within
 *       random pairs of each batch (loss {@code optb});
 *   <li>{@code tb}: TB on {@code R = u} (the reward scale as given);
 *   <li>{@code tb-u8}: TB on {@code R = u^8}, the baseline that is given a tuned reward exponent.
 * </ul>
 *
 * Signals from the exact terminal distribution {@code P_T} (dynamic programming): the mass on the
 * modes (the argmax set) at the end, and its entropy early (after a quarter of training) and at the
 * end — the sparsification toward the top.
 */
public final class OpGfnRepro implements Repro<OpGfnRepro.Config> {
  static final String OP = "op-tb";
  static final String TB = "tb";
  static final String TB8 = "tb-u8";

  /**
   * @param height grid side (2-D)
   * @param r0 the hypergrid's R0
   * @param batchSize trajectories per iteration
   * @param iterations iterations per arm
   * @param hidden MLP width (two layers)
   * @param exponent the baseline's reward exponent
   * @param seeds run seeds
   */
  public record Config(int height, double r0, int batchSize, int iterations, int hidden, double exponent, List<Long> seeds)
      implements ReproConfig<Config> {
    public Config {
      if (height < 3 || batchSize < 2 || iterations < 8 || hidden < 1 || !(r0 > 0) || !(exponent > 0)) {
        throw new IllegalArgumentException("op-gfn config: need height >= 3, batchSize >= 2, iterations >= 8, hidden >= 1, r0 > 0, exponent > 0");
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /** smoke: 4x4, 16 iterations of 16; default: 8x8, R0 1e-3, 300 iterations of 64, MLP 2x64, seeds 1-5. */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(4, 1e-3, 16, 16, 16, 8, List.of(1L, 2L));
        case DEFAULT -> new Config(8, 1e-3, 64, 300, 64, 8, List.of(1L, 2L, 3L, 4L, 5L));
        case PAPER -> throw Scale.PAPER.refused("op-gfn", "the paper's hypergrid runs are larger (up to 4-D, H = 20+, "
            + "thousands of iterations) and its NAS / molecule tasks need GPU-trained models");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(height, r0, batchSize, iterations, hidden, exponent, s);
    }

    GfnConfig gfn(String arm) {
      GfnEnvSpec env = GfnEnvSpec.hypergrid(2, height, r0);
      if (arm.equals(TB8)) env = env.withRewardExponent(exponent);
      return GfnConfig.defaults().withEnv(env).withLoss(arm.equals(OP) ? "optb" : "tb")
          .withNetwork(List.of(hidden, hidden), 1e-3, 0.1).withBudget(batchSize, iterations, Math.max(1, iterations / 8));
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("op-gfn").orElseThrow();
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
    return "hypergrids up to 4-D with several R0, plus NAS-Bench-201, molecular design and multi-objective tasks, "
        + "each for thousands of iterations on GPU";
  }

  @Override
  public SeedResult measure(Config config, long seed, ReproContext ctx) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (String arm : List.of(OP, TB, TB8)) {
      GfnRuns.Series s = ctx.timeArm(arm, () ->
          GfnRuns.train("op-gfn-" + arm, config.gfn(arm), seed, ctx.outputDir().resolve("seed-" + seed)));
      List<Double> entropy = s.of("charts/entropy");
      values.put("mode_mass/" + arm, s.last("charts/mode_mass"));
      values.put("entropy_early/" + arm, entropy.get(Math.min(entropy.size() - 1, entropy.size() / 4)));
      values.put("entropy_end/" + arm, entropy.get(entropy.size() - 1));
      values.put("modes_found/" + arm, s.last("charts/modes_found"));
      ctx.log(String.format(Locale.ROOT, "seed %d %-6s mode mass %.3f  entropy %.3f -> %.3f  modes found %.0f", seed, arm,
          values.get("mode_mass/" + arm), values.get("entropy_early/" + arm), values.get("entropy_end/" + arm),
          values.get("modes_found/" + arm)));
    }
    return new SeedResult(seed, values);
  }

  @Override
  public List<Claim> claims(Config config, List<SeedResult> perSeed) {
    List<Claim> claims = new ArrayList<>();
    // sparsifies toward the top: more mass on the argmax set than TB with the reward as given
    claims.add(Claim.of("exact P_T mass on the modes (argmax set), end of training", "",
        new Comparison.Greater(OP, TB, 0), SeedResult.arm(OP, perSeed, "mode_mass/" + OP),
        SeedResult.arm(TB, perSeed, "mode_mass/" + TB)));
    // matches TB that was given the reward scale (R = u^8): at least as much mass on the top, within 0.1
    claims.add(Claim.of("exact P_T mass on the modes, op-tb vs TB on u^" + (int) config.exponent() + " (op-tb not worse by 0.1)", "",
        new Comparison.Greater(OP, TB8, -0.1), SeedResult.arm(OP, perSeed, "mode_mass/" + OP),
        SeedResult.arm(TB8, perSeed, "mode_mass/" + TB8)));
    // the learned reward sparsifies during training: the entropy of P_T falls
    double[] early = SeedResult.column(perSeed, "entropy_early/" + OP);
    double[] end = SeedResult.column(perSeed, "entropy_end/" + OP);
    claims.add(Claim.of("op-tb entropy of P_T (nats), a quarter into training vs the end", "nats",
        new Comparison.Greater("op-tb early", "op-tb end", 0), Arm.of("op-tb early", early), Arm.of("op-tb end", end)));
    return claims;
  }

  @Override
  public List<String> notes(Config config, List<SeedResult> perSeed) {
    double tb8 = 0;
    for (double v : SeedResult.column(perSeed, "mode_mass/" + TB8)) tb8 += v / perSeed.size();
    return List.of(
        "the target of tb (R = u) puts " + String.format(Locale.ROOT, "%.3f", targetModeMass(config, 1))
            + " of its mass on the modes and that of tb-u8 " + String.format(Locale.ROOT, "%.3f", targetModeMass(config, config.exponent()))
            + "; op-tb has no target distribution, only the order",
        "\"matches TB given the scale\" is measured as op-tb >= tb-u8 - 0.1; a two-sided |op-tb - tb-u8| <= 0.1 would"
            + " fail whenever tb-u8 falls short" + (tb8 < 0.5 ? String.format(Locale.ROOT,
                " (here tb-u8 reaches only %.3f mode mass at this budget: with R0^8 = 1e-24 its TB residuals start"
                    + " near 55^2 and it concentrates on few cells)", tb8) : ""),
        "the sparsification signal is the exact entropy of op-tb's P_T falling from a quarter into training to the end");
  }

  static double targetModeMass(Config c, double beta) {
    org.rewardlab.envs.gfn.ExactDistribution d = new org.rewardlab.envs.gfn.ExactDistribution(
        GfnEnvSpec.hypergrid(2, c.height(), c.r0()).withRewardExponent(beta).build());
    double[] p = d.target();
    boolean[] m = d.modes();
    double s = 0;
    for (int i = 0; i < p.length; i++) if (m[i]) s += p[i];
    return s;
  }
}
