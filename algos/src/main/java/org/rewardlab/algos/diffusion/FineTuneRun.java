package org.rewardlab.algos.diffusion;

import java.util.function.Consumer;
import org.rewardlab.core.random.RandomSource;

/**
 * One fine-tuning run from a pretrained model: a copy of {@code pretrained} is fine-tuned by {@code
 * cfg.method()} for {@code epochs} epochs (the pretrained model is PRDP's reference and is not
 * changed), recording each epoch's on-policy mean reward against the reward queries so far, and the
 * model is evaluated at the end with {@link SampleStats}. Stateless.
 */
public final class FineTuneRun {
  private FineTuneRun() {}

  /**
   * The curve and the final evaluation of a run.
   *
   * @param queries reward queries after each epoch
   * @param reward on-policy mean reward of each epoch's samples (drawn before that epoch's update)
   * @param seconds wall time of the fine-tuning
   * @param end the final model's evaluation
   */
  public record Result(long[] queries, double[] reward, double seconds, SampleStats end) {}

  /**
   * @param seed derives the run's randomness ({@code "ft." + method}) and the evaluation draw
   *     ({@code "eval"}, shared by every method)
   * @param evalPerPrompt evaluation samples per prompt (at most 64 prompts evaluated)
   * @param log one line per tenth of the run, or null
   */
  public static Result run(PointDenoiser pretrained, FineTuneConfig cfg, PointReward reward, int epochs, long seed,
      int evalPerPrompt, Consumer<String> log) {
    PointDenoiser model = pretrained.copy();
    RandomSource root = RandomSource.of(seed);
    FineTuner ft = FineTuner.create(cfg, model, pretrained, reward, root.derive("ft." + cfg.method()));
    long[] q = new long[epochs];
    double[] r = new double[epochs];
    long t0 = System.nanoTime();
    for (int e = 0; e < epochs; e++) {
      FineTuner.EpochStats s = ft.epoch();
      q[e] = s.rewardQueries();
      r[e] = s.meanReward();
      if (!Double.isFinite(r[e])) throw new IllegalStateException(cfg.method() + ": non-finite reward at epoch " + e);
      if (log != null && (e + 1) % Math.max(1, epochs / 10) == 0) {
        log.accept(String.format(java.util.Locale.ROOT, "%s epoch %d/%d: reward %.4f, loss %.4g, grad norm %.3g",
            cfg.method(), e + 1, epochs, r[e], s.loss(), s.gradNorm()));
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    SampleStats end = SampleStats.of(model, reward, evalPerPrompt, 64, cfg.eta(), root.derive("eval").seed());
    return new Result(q, r, secs, end);
  }

  /** The pretrained model of a seed: {@code PointDenoiser.create} from {@code "init"}, DDPM from {@code "pretrain"}. */
  public static PointDenoiser pretrain(NoiseSchedule schedule, Prompts prompts, int[] hidden, int timeFeatures, int steps,
      int batch, double learningRate, long seed) {
    RandomSource root = RandomSource.of(seed);
    PointDenoiser m = PointDenoiser.create(schedule, prompts, hidden, timeFeatures, root.derive("init"));
    Pretraining.train(m, steps, batch, learningRate, root.derive("pretrain"));
    return m;
  }
}
