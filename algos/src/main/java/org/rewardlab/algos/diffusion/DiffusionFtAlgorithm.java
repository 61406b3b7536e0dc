package org.rewardlab.algos.diffusion;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.RunContext;

/**
 * Reward fine-tuning of a 2-D point-diffusion model through the experiment runner ({@code algo: {type:
 * diffusion-ft, method: ddpo | alignprop | prdp}}; {@link DiffusionFtSpec}). Evaluation samples the
 * checkpoint's model on a fixed draw of {@code evalPerPrompt} points per prompt.
 */
public final class DiffusionFtAlgorithm implements Algorithm<DiffusionFtSpec> {
  static final String LAYOUT = "diffusion-ft/1";

  @Override
  public String type() {
    return "diffusion-ft";
  }

  @Override
  public Class<DiffusionFtSpec> specClass() {
    return DiffusionFtSpec.class;
  }

  @Override
  public String description() {
    return "reward fine-tuning of a 2-D point diffusion model: DDPO, AlignProp, PRDP";
  }

  @Override
  public Trainer start(ExperimentSpec experiment, RunContext ctx, EnvFactory envs) {
    return new DiffusionFtTrainer(experiment, ctx, true);
  }

  @Override
  public Trainer resume(ExperimentSpec experiment, RunContext ctx, EnvFactory envs, Checkpoint checkpoint) {
    RunCheckpoints.requireLayout(checkpoint, LAYOUT);
    DiffusionFtTrainer t = new DiffusionFtTrainer(experiment, ctx, false);
    t.restore(checkpoint);
    return t;
  }

  @Override
  public EvalResult evaluate(ExperimentSpec experiment, Checkpoint checkpoint, EnvFactory envs, EvalOptions options) {
    RunCheckpoints.requireLayout(checkpoint, LAYOUT);
    DiffusionFtSpec cfg = (DiffusionFtSpec) experiment.algo();
    PointDenoiser model = DiffusionFtTrainer.newModel(cfg, experiment.seed(), RandomSource.of(0));
    DiffusionFtTrainer.importWeights(model, checkpoint, "net.");
    PointReward reward = cfg.buildReward();
    SampleStats e = DiffusionFtTrainer.evaluation(model, cfg, reward, options.seed());
    Map<String, Double> m = Map.of("eval/reward_mean", e.meanReward(), "eval/cluster_entropy", e.clusterEntropy());
    String summary = String.format(Locale.ROOT, "%s on %s: mean reward %.4f over %d samples, cluster entropy %.3f nats",
        cfg.method(), reward.name(), e.meanReward(), e.prompts().length, e.clusterEntropy());
    return new EvalResult(new java.util.LinkedHashMap<>(m), List.of(), summary);
  }
}
