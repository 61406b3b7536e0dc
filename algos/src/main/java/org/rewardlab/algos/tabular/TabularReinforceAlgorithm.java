package org.rewardlab.algos.tabular;

import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.RunContext;

/**
 * Tabular softmax REINFORCE with a baseline ({@code algo: {type: tabular-reinforce}}) as the runner
 * sees it; registered in {@code META-INF/services}. Deterministic evaluation plays argmax θ[s].
 */
public final class TabularReinforceAlgorithm implements Algorithm<TabularReinforceConfig> {
  private static final String NAME = "tabular REINFORCE";

  @Override
  public String type() {
    return "tabular-reinforce";
  }

  @Override
  public Class<TabularReinforceConfig> specClass() {
    return TabularReinforceConfig.class;
  }

  @Override
  public String description() {
    return "REINFORCE with a tabular softmax policy and a baseline (grid envs, one-hot observations)";
  }

  @Override
  public void validate(ExperimentSpec experiment, EnvFactory envs) {
    TabularTrainer.validate(experiment, envs, NAME);
  }

  @Override
  public Trainer start(ExperimentSpec experiment, RunContext ctx, EnvFactory envs) {
    TabularReinforceConfig c = (TabularReinforceConfig) experiment.algo();
    return TabularTrainer.start(experiment, ctx, envs, TabularCheckpoint.REINFORCE, NAME, c.numEnvs(), c.numSteps(),
        c.numIterations(), c.learningRate(), factory(c));
  }

  @Override
  public Trainer resume(ExperimentSpec experiment, RunContext ctx, EnvFactory envs, Checkpoint checkpoint) {
    TabularReinforceConfig c = (TabularReinforceConfig) experiment.algo();
    return TabularTrainer.resume(experiment, ctx, envs, checkpoint, TabularCheckpoint.REINFORCE, NAME, c.numEnvs(),
        c.numSteps(), c.numIterations(), c.learningRate(), factory(c));
  }

  @Override
  public EvalResult evaluate(ExperimentSpec experiment, Checkpoint checkpoint, EnvFactory envs, EvalOptions options) {
    return TabularTrainer.evaluate(experiment, checkpoint, envs, options, TabularCheckpoint.REINFORCE, NAME,
        factory((TabularReinforceConfig) experiment.algo()));
  }

  private static TabularTrainer.LearnerFactory factory(TabularReinforceConfig c) {
    return (nS, nA) -> new SoftmaxReinforce(c, nS, nA);
  }
}
