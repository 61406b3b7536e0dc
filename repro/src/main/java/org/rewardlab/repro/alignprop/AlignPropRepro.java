package org.rewardlab.repro.alignprop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.diffusion.CirclePrompts;
import org.rewardlab.algos.diffusion.FineTuneConfig;
import org.rewardlab.algos.diffusion.FineTuneRun;
import org.rewardlab.algos.diffusion.NoiseSchedule;
import org.rewardlab.algos.diffusion.PointDenoiser;
import org.rewardlab.algos.diffusion.PointReward;
import org.rewardlab.algos.diffusion.SampleStats;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.Comparison;
import org.rewardlab.repro.LearningCurves;
import org.rewardlab.repro.Paper;
import org.rewardlab.repro.PaperStatus;
import org.rewardlab.repro.Papers;
import org.rewardlab.repro.Repro;
import org.rewardlab.repro.ReproConfig;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;

/**
 * Paper #6, AlignProp — aligning text-to-image diffusion models with reward backpropagation (arXiv
 * 2310.03739; GEN §15 e). A conditional DDPM over 2-D points (4 prompts, each owning two of 8
 * Gaussians on a circle of radius 2) is pretrained per seed, then fine-tuned on the differentiable
 * reward {@code r(x) = -||x - (1.5, 1.5)||^2} by three arms from the same pretrained model, with the
 * same reward-query budget ({@code epochs x prompts x samplesPerPrompt}):
 *
 * <ul>
 *   <li>{@code alignprop}: reward backprop through the last K DDIM steps, K ~ N(8, 5) per batch (the
 *       code's default truncation), one Adam step per batch (lr 1e-3);
 *   <li>{@code alignprop-k1}: the same with K = 1 (only the last step);
 *   <li>{@code ddpo}: DDPO_IS with ddpo-pytorch's defaults (lr 3e-4, clip 1e-4, per-prompt advantage
 *       normalisation, 2 minibatches per epoch), the baseline.
 * </ul>
 *
 * Signals: on-policy mean reward against reward queries (the learning curve, {@code
 * seed-N/learning-curve.png}), the reward at a quarter of the budget, the final reward on a fixed
 * evaluation draw, the queries needed to reach half of the pretrained reward gap, and the cluster
 * entropy (mode collapse).
 */
public final class AlignPropRepro implements Repro<AlignPropRepro.Config> {
  static final String AP = "alignprop";
  static final String K1 = "alignprop-k1";
  static final String DDPO = "ddpo";
  static final List<String> ARMS = List.of(AP, K1, DDPO);

  /**
   * @param steps diffusion steps T (training and sampling)
   * @param hidden width of the denoiser's three hidden layers
   * @param pretrainSteps DDPM pretraining steps (batch 256, Adam 3e-3)
   * @param epochs fine-tuning epochs of every arm
   * @param samplesPerPrompt chains per prompt per epoch (4 prompts)
   * @param evalPerPrompt evaluation samples per prompt
   * @param seeds run seeds
   */
  public record Config(int steps, int hidden, int pretrainSteps, int epochs, int samplesPerPrompt, int evalPerPrompt,
      List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (steps < 2 || hidden < 1 || pretrainSteps < 1 || epochs < 4 || samplesPerPrompt < 2 || evalPerPrompt < 1) {
        throw new IllegalArgumentException("alignprop config: need steps >= 2, hidden >= 1, pretrainSteps >= 1, epochs >= 4, samplesPerPrompt >= 2");
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /** smoke: T 10, 3x16, 100 pretraining steps, 8 epochs of 4x4; default: T 50, 3x64, 2000 steps, 100 epochs of 4x16, seeds 1-5. */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(10, 16, 100, 8, 4, 16, List.of(1L, 2L));
        case DEFAULT -> new Config(50, 64, 2000, 100, 16, 128, List.of(1L, 2L, 3L, 4L, 5L));
        case PAPER -> throw Scale.PAPER.refused("alignprop", "the paper fine-tunes Stable Diffusion v1.5 (LoRA) on aesthetic and "
            + "HPSv2 rewards on GPUs");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(steps, hidden, pretrainSteps, epochs, samplesPerPrompt, evalPerPrompt, s);
    }

    FineTuneConfig fineTune(String arm) {
      FineTuneConfig base = FineTuneConfig.defaults().withBatch(4, samplesPerPrompt);
      return switch (arm) {
        case AP -> base.withMethod("alignprop");
        case K1 -> base.withMethod("alignprop").withTruncation("fixed", 1, 0);
        case DDPO -> base.withMethod("ddpo").withLearningRate(3e-4).withPpo(1e-4, 2, 1);
        default -> throw new IllegalArgumentException(arm);
      };
    }

    /** Reward queries of one arm's whole run. */
    long budget() {
      return (long) epochs * 4 * samplesPerPrompt;
    }
  }

  static PointReward reward() {
    return PointReward.targetDistance(1.5, 1.5);
  }

  @Override
  public Paper paper() {
    return Papers.find("alignprop").orElseThrow();
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
    return "Stable Diffusion v1.5 with LoRA, 50 DDIM steps, aesthetic / HPSv2 / compressibility rewards, batch 128 for "
        + "tens of epochs on 4 A100s, against DDPO at equal reward queries";
  }

  @Override
  public SeedResult measure(Config config, long seed, ReproContext ctx) {
    CirclePrompts prompts = CirclePrompts.defaults();
    PointDenoiser base = ctx.timeArm("pretrain", () -> FineTuneRun.pretrain(NoiseSchedule.defaults(config.steps()), prompts,
        new int[] {config.hidden(), config.hidden(), config.hidden()}, 4, config.pretrainSteps(), 256, 3e-3, seed));
    PointReward reward = reward();
    SampleStats before = SampleStats.of(base, reward, config.evalPerPrompt(), 64, 1.0,
        org.rewardlab.core.random.RandomSource.of(seed).derive("eval").seed());
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("reward/pretrained", before.meanReward());
    values.put("entropy/pretrained", before.clusterEntropy());
    double threshold = before.meanReward() / 2;
    List<LearningCurves.Series> curves = new ArrayList<>();
    for (String arm : ARMS) {
      FineTuneRun.Result r = ctx.timeArm(arm, () -> FineTuneRun.run(base, config.fineTune(arm), reward, config.epochs(), seed,
          config.evalPerPrompt(), null));
      int e = config.epochs();
      values.put("reward_quarter/" + arm, meanOf(r.reward(), (int) Math.floor(0.2 * e), (int) Math.ceil(0.3 * e)));
      values.put("reward_end/" + arm, r.end().meanReward());
      values.put("entropy_end/" + arm, r.end().clusterEntropy());
      values.put("queries_to_half/" + arm, (double) queriesToReach(r, threshold, config.budget() / e));
      double[] x = new double[e];
      for (int i = 0; i < e; i++) x[i] = r.queries()[i];
      curves.add(new LearningCurves.Series(arm, x, smooth(r.reward(), 5)));
      ctx.log(String.format(Locale.ROOT, "seed %d %-12s reward %.3f -> quarter %.3f, end %.3f; queries to %.2f: %.0f; "
              + "cluster entropy %.3f (%.1fs)", seed, arm, before.meanReward(), values.get("reward_quarter/" + arm),
          r.end().meanReward(), threshold, values.get("queries_to_half/" + arm), r.end().clusterEntropy(), r.seconds()));
    }
    Path png = ctx.outputDir().resolve("seed-" + seed).resolve("learning-curve.png");
    LearningCurves.write(String.format(Locale.ROOT, "alignprop repro, seed %d: reward -|x-(1.5,1.5)|^2 (5-epoch mean)", seed),
        "reward queries", "on-policy mean reward", curves, png);
    return new SeedResult(seed, values);
  }

  static double meanOf(double[] a, int from, int to) {
    to = Math.max(to, from + 1);
    double s = 0;
    for (int i = from; i < to; i++) s += a[i];
    return s / (to - from);
  }

  static double[] smooth(double[] a, int w) {
    double[] o = new double[a.length];
    for (int i = 0; i < a.length; i++) o[i] = meanOf(a, Math.max(0, i - w + 1), i + 1);
    return o;
  }

  /**
   * Reward queries until the 5-epoch running mean of the on-policy reward first reaches {@code
   * threshold}; the budget plus one epoch when it never does (censored).
   */
  static long queriesToReach(FineTuneRun.Result r, double threshold, long perEpoch) {
    double[] s = smooth(r.reward(), 5);
    for (int i = 0; i < s.length; i++) if (s[i] >= threshold) return r.queries()[i];
    return r.queries()[s.length - 1] + perEpoch;
  }

  @Override
  public List<Claim> claims(Config config, List<SeedResult> perSeed) {
    List<Claim> claims = new ArrayList<>();
    claims.add(Claim.of("on-policy mean reward at a quarter of the query budget (epochs 20-30%)", "",
        new Comparison.Greater(AP, DDPO, 0), SeedResult.arm(AP, perSeed, "reward_quarter/" + AP),
        SeedResult.arm(DDPO, perSeed, "reward_quarter/" + DDPO)));
    claims.add(Claim.of("mean reward at the end of the budget (fixed evaluation draw)", "",
        new Comparison.Greater(AP, DDPO, 0), SeedResult.arm(AP, perSeed, "reward_end/" + AP),
        SeedResult.arm(DDPO, perSeed, "reward_end/" + DDPO)));
    claims.add(Claim.of("reward queries until the 5-epoch mean reward halves the pretrained gap (budget + 1 epoch if never)",
        "queries", new Comparison.Less(AP, DDPO, 0), SeedResult.arm(AP, perSeed, "queries_to_half/" + AP),
        SeedResult.arm(DDPO, perSeed, "queries_to_half/" + DDPO)));
    claims.add(Claim.of("mean reward at the end of the budget, K = 1 (last step only) vs DDPO", "",
        new Comparison.Greater(K1, DDPO, 0), SeedResult.arm(K1, perSeed, "reward_end/" + K1),
        SeedResult.arm(DDPO, perSeed, "reward_end/" + DDPO)));
    return claims;
  }

  @Override
  public List<String> notes(Config config, List<SeedResult> perSeed) {
    List<String> notes = new ArrayList<>();
    notes.add(String.format(Locale.ROOT, "pretrained model: mean reward %.3f, cluster entropy %.3f nats per prompt (ln 2 = 0.693: "
            + "both modes of each prompt)", SeedResult.meanOf(perSeed, "reward/pretrained"),
        SeedResult.meanOf(perSeed, "entropy/pretrained")));
    StringBuilder ent = new StringBuilder("cluster entropy at the end (mode collapse lowers it):");
    for (String arm : ARMS) {
      ent.append(String.format(Locale.ROOT, " %s %.3f", arm, SeedResult.meanOf(perSeed, "entropy_end/" + arm)));
    }
    notes.add(ent.toString());
    notes.add(String.format(Locale.ROOT, "budget: %d epochs x 4 prompts x %d samples = %d reward queries per arm; AlignProp takes "
        + "one optimizer step per epoch, DDPO two (2 minibatches)", config.epochs(), config.samplesPerPrompt(), config.budget()));
    notes.add("deviations: full fine-tuning of a 3 x " + config.hidden() + " SiLU MLP instead of LoRA on a UNet, no weight decay, "
        + "no classifier-free guidance, T = " + config.steps() + " DDIM steps (eta 1) = the training steps; the last DDIM step is "
        + "deterministic (alphaBar_{-1} = 1), so DDPO trains the other T - 1 steps");
    notes.add("learning curves: runs/repro/alignprop/seed-N/learning-curve.png (on-policy reward vs queries, 5-epoch mean)");
    return notes;
  }
}
