package org.rewardlab.algos.lm.train;

import java.util.List;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.GenerateOptions;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.RunContext;

/** {@code algo: {type: grpo}} on a text task (see {@link GrpoConfig}); registered in {@code META-INF/services}. */
public final class GrpoAlgorithm implements Algorithm<GrpoConfig> {
  @Override
  public String type() {
    return "grpo";
  }

  @Override
  public Class<GrpoConfig> specClass() {
    return GrpoConfig.class;
  }

  private static LmPlan plan(ExperimentSpec e) {
    return LmPlan.of((GrpoConfig) e.algo());
  }

  @Override
  public void validate(ExperimentSpec experiment, EnvFactory envs) {
    LmRuns.validate(plan(experiment));
  }

  @Override
  public Trainer start(ExperimentSpec experiment, RunContext ctx, EnvFactory envs) {
    return LmRuns.start(experiment, ctx, plan(experiment));
  }

  @Override
  public Trainer resume(ExperimentSpec experiment, RunContext ctx, EnvFactory envs, Checkpoint checkpoint) {
    return LmRuns.resume(experiment, ctx, plan(experiment), checkpoint);
  }

  @Override
  public EvalResult evaluate(ExperimentSpec experiment, Checkpoint checkpoint, EnvFactory envs, EvalOptions options) {
    return LmRuns.evaluate(experiment, plan(experiment), checkpoint, options);
  }

  @Override
  public List<String> generate(ExperimentSpec experiment, Checkpoint checkpoint, List<String> prompts, GenerateOptions options) {
    return LmRuns.generate(plan(experiment), checkpoint, prompts, options);
  }
}
