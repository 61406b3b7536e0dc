package org.rewardlab.algos.tabular;

import org.rewardlab.algos.experiment.AlgoSpec;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.RunContext;

/**
 * What the tabular algorithms share: each names its learner, its checkpoint layout, its rollout shape
 * and how to make its learner, and {@link TabularTrainer} does the rest (a subclass per algorithm only
 * because {@code ServiceLoader} needs a class with a no-argument constructor).
 */
abstract class TabularAlgorithm<S extends AlgoSpec> implements Algorithm<S> {
  /**
   * The rollout and schedule of a config.
   *
   * @param numEnvs parallel envs
   * @param numSteps steps per env per iteration
   * @param numIterations iterations of the run
   * @param learningRate the learner's step size
   */
  record Shape(int numEnvs, int numSteps, int numIterations, double learningRate) {}

  /** The learner's name in messages ({@code Q-learning}). */
  abstract String learnerName();

  /** The checkpoint layout ({@link TabularCheckpoint}). */
  abstract String layout();

  abstract Shape shape(S config);

  abstract TabularTrainer.LearnerFactory factory(S config);

  @SuppressWarnings("unchecked")
  private S config(ExperimentSpec e) {
    return (S) e.algo();
  }

  @Override
  public void validate(ExperimentSpec experiment, EnvFactory envs) {
    TabularTrainer.validate(experiment, envs, learnerName());
  }

  @Override
  public Trainer start(ExperimentSpec experiment, RunContext ctx, EnvFactory envs) {
    S c = config(experiment);
    Shape s = shape(c);
    return TabularTrainer.start(experiment, ctx, envs, layout(), learnerName(), s.numEnvs(), s.numSteps(),
        s.numIterations(), s.learningRate(), factory(c));
  }

  @Override
  public Trainer resume(ExperimentSpec experiment, RunContext ctx, EnvFactory envs, Checkpoint checkpoint) {
    S c = config(experiment);
    Shape s = shape(c);
    return TabularTrainer.resume(experiment, ctx, envs, checkpoint, layout(), learnerName(), s.numEnvs(), s.numSteps(),
        s.numIterations(), s.learningRate(), factory(c));
  }

  @Override
  public EvalResult evaluate(ExperimentSpec experiment, Checkpoint checkpoint, EnvFactory envs, EvalOptions options) {
    return TabularTrainer.evaluate(experiment, checkpoint, envs, options, layout(), learnerName(), factory(config(experiment)));
  }
}
