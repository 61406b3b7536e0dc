package org.rewardlab.algos.tabular;

/**
 * Tabular softmax REINFORCE with a baseline ({@code algo: {type: tabular-reinforce}}) as the runner
 * sees it; registered in {@code META-INF/services}. Deterministic evaluation plays argmax θ[s].
 */
public final class TabularReinforceAlgorithm extends TabularAlgorithm<TabularReinforceConfig> {
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
  String learnerName() {
    return NAME;
  }

  @Override
  String layout() {
    return TabularCheckpoint.REINFORCE;
  }

  @Override
  Shape shape(TabularReinforceConfig c) {
    return new Shape(c.numEnvs(), c.numSteps(), c.numIterations(), c.learningRate());
  }

  @Override
  TabularTrainer.LearnerFactory factory(TabularReinforceConfig c) {
    return (nS, nA) -> new SoftmaxReinforce(c, nS, nA);
  }
}
