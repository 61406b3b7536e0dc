package org.rewardlab.algos.lm.train;

import java.util.List;
import org.rewardlab.algos.experiment.AlgoSpec;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.GenerateOptions;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.RunContext;

/**
 * What the language-model algorithms share: each turns its config into an {@link LmPlan}, and
 * {@link LmRuns} does the rest (a subclass per algorithm only because {@code ServiceLoader} needs a
 * class with a no-argument constructor).
 */
abstract class LmAlgorithm<S extends AlgoSpec> implements Algorithm<S> {
  /** The run this config asks for. */
  abstract LmPlan plan(S spec);

  @SuppressWarnings("unchecked")
  private LmPlan planOf(ExperimentSpec e) {
    return plan((S) e.algo()).withReward(e.reward());
  }

  @Override
  public void validate(ExperimentSpec experiment, EnvFactory envs) {
    LmRuns.validate(planOf(experiment));
  }

  @Override
  public Trainer start(ExperimentSpec experiment, RunContext ctx, EnvFactory envs) {
    return LmRuns.start(experiment, ctx, planOf(experiment));
  }

  @Override
  public Trainer resume(ExperimentSpec experiment, RunContext ctx, EnvFactory envs, Checkpoint checkpoint) {
    return LmRuns.resume(experiment, ctx, planOf(experiment), checkpoint);
  }

  @Override
  public EvalResult evaluate(ExperimentSpec experiment, Checkpoint checkpoint, EnvFactory envs, EvalOptions options) {
    return LmRuns.evaluate(experiment, planOf(experiment), checkpoint, options);
  }

  @Override
  public List<String> generate(ExperimentSpec experiment, Checkpoint checkpoint, List<String> prompts, GenerateOptions options) {
    return LmRuns.generate(planOf(experiment), checkpoint, prompts, options);
  }
}
