package org.rewardlab.algos.tabular;

/**
 * Tabular Q-learning ({@code algo: {type: qlearning}}) as the runner sees it; registered in
 * {@code META-INF/services}. Evaluation plays the greedy policy.
 */
public final class QLearningAlgorithm extends TabularAlgorithm<QLearningConfig> {
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
  String learnerName() {
    return NAME;
  }

  @Override
  String layout() {
    return TabularCheckpoint.QLEARNING;
  }

  @Override
  Shape shape(QLearningConfig c) {
    return new Shape(c.numEnvs(), c.numSteps(), c.numIterations(), c.learningRate());
  }

  @Override
  TabularTrainer.LearnerFactory factory(QLearningConfig c) {
    return (nS, nA) -> new QLearning(c, nS, nA);
  }
}
