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
 * Tabular Q-learning ({@code algo: {type: qlearning}}) as the runner sees it; registered in
 * {@code META-INF/services}. Evaluation plays the greedy policy.
 */
public final class QLearningAlgorithm implements Algorithm<QLearningConfig> {
  private static final String NAME = "Q-learning";

  @Override
  public String type() {
    return "qlearning";
  }

  @Override
  public Class<QLearningConfig> specClass() {
    return QLearningConfig.class;
  }

  @Override
  public String description() {
    return "tabular Q-learning with an ε-greedy schedule (grid envs, one-hot observations)";
  }

  @Override
  public void validate(ExperimentSpec experiment, EnvFactory envs) {
    TabularTrainer.validate(experiment, envs, NAME);
  }

  @Override
  public Trainer start(ExperimentSpec experiment, RunContext ctx, EnvFactory envs) {
    QLearningConfig c = (QLearningConfig) experiment.algo();
    return TabularTrainer.start(experiment, ctx, envs, TabularCheckpoint.QLEARNING, NAME, c.numEnvs(), c.numSteps(),
        c.numIterations(), c.learningRate(), factory(c));
  }

  @Override
  public Trainer resume(ExperimentSpec experiment, RunContext ctx, EnvFactory envs, Checkpoint checkpoint) {
    QLearningConfig c = (QLearningConfig) experiment.algo();
    return TabularTrainer.resume(experiment, ctx, envs, checkpoint, TabularCheckpoint.QLEARNING, NAME, c.numEnvs(),
        c.numSteps(), c.numIterations(), c.learningRate(), factory(c));
  }

  @Override
  public EvalResult evaluate(ExperimentSpec experiment, Checkpoint checkpoint, EnvFactory envs, EvalOptions options) {
    return TabularTrainer.evaluate(experiment, checkpoint, envs, options, TabularCheckpoint.QLEARNING, NAME,
        factory((QLearningConfig) experiment.algo()));
  }

  private static TabularTrainer.LearnerFactory factory(QLearningConfig c) {
    return (nS, nA) -> new QLearning(c, nS, nA);
  }
}
