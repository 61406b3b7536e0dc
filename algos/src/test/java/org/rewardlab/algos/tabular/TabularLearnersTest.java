package org.rewardlab.algos.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;

/** The learners' updates against hand-computed numbers. */
class TabularLearnersTest {

  /** A batch of one env with the given rows: {s, a, next, terminated, done} and rewards. */
  static TransitionBatch batch(int[][] rows, double[] rewards) {
    TransitionBatch b = new TransitionBatch(rows.length, 1);
    for (int k = 0; k < rows.length; k++) {
      b.states[k] = rows[k][0];
      b.actions[k] = rows[k][1];
      b.next[k] = rows[k][2];
      b.terminated[k] = rows[k][3] == 1;
      b.done[k] = rows[k][4] == 1;
      b.rewards[k] = rewards[k];
    }
    b.endStep = 1000;
    return b;
  }

  static QLearningConfig q(double gamma, double alpha) {
    return new QLearningConfig(1, 3, 2000, alpha, gamma, 1.0, 0.05, 0.5, 0.0);
  }

  @Test
  void qLearningUpdatesInTimeOrderAndBootstrapsOnlyWhereNotTerminal() {
    QLearning learner = new QLearning(q(0.9, 0.5), 3, 2);
    double[] table = learner.q();
    table[2] = 0.2; // Q(1, 0)
    table[3] = 0.6; // Q(1, 1)
    TransitionBatch b = batch(new int[][] {
        {0, 1, 1, 0, 0}, // r=1 into s1: target 1 + 0.9 * 0.6 = 1.54, δ = 1.54
        {1, 0, 2, 1, 1}, // r=0.5, terminal: target 0.5, δ = 0.3
        {1, 1, 0, 0, 1}, // r=0, truncated: bootstraps from s0 updated above, target 0.9 * 0.77 = 0.693, δ = 0.093
    }, new double[] {1.0, 0.5, 0.0});
    var stats = learner.update(b, 0.5);
    assertThat(table[1]).isCloseTo(0.77, within(1e-12));
    assertThat(table[2]).isCloseTo(0.35, within(1e-12));
    assertThat(table[3]).isCloseTo(0.6465, within(1e-12));
    assertThat(stats.metrics().get("losses/td_error")).isCloseTo((1.54 + 0.3 + 0.093) / 3, within(1e-12));
    assertThat(stats.metrics().get("losses/q_values")).isCloseTo((0.0 + 0.2 + 0.6) / 3, within(1e-12));
    assertThat(stats.metrics().get("charts/epsilon")).isEqualTo(0.05);
    assertThat(stats.metrics().get("charts/learning_rate")).isEqualTo(0.5);
    assertThat(learner.maxAbsParameter()).isCloseTo(0.77, within(1e-12));
  }

  @Test
  void epsilonDecaysLinearlyOverTheExplorationFraction() {
    QLearningConfig c = new QLearningConfig(1, 10, 1000, 0.1, 0.9, 1.0, 0.05, 0.5, 0.0);
    assertThat(c.epsilon(0)).isEqualTo(1.0);
    assertThat(c.epsilon(250)).isCloseTo(0.525, within(1e-12));
    assertThat(c.epsilon(500)).isEqualTo(0.05);
    assertThat(c.epsilon(900)).isEqualTo(0.05);
    assertThat(new QLearningConfig(1, 10, 1000, 0.1, 0.9, 1.0, 0.05, 0.0, 0.0).epsilon(0)).isEqualTo(0.05);
  }

  @Test
  void greedyTiesAreBrokenUniformlyWhileActingAndTowardTheLowestActionInTheMode() {
    QLearning learner = new QLearning(new QLearningConfig(1, 1, 10, 0.1, 0.9, 0.0, 0.0, 0.0, 0.0), 2, 4);
    learner.q()[1] = 1.0;
    learner.q()[3] = 1.0; // state 0: actions 1 and 3 tie
    RandomSource rng = RandomSource.of(4);
    int[] counts = new int[4];
    for (int i = 0; i < 4000; i++) counts[learner.act(0, 0, rng)]++;
    assertThat(counts[0]).isZero();
    assertThat(counts[2]).isZero();
    assertThat(counts[1]).isBetween(1800, 2200);
    assertThat(learner.policy().mode(0)).isEqualTo(1);
    assertThat(learner.policy().logProb(0, 3)).isCloseTo(Math.log(0.5), within(1e-12));
    assertThat(learner.policy().logProb(0, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  static TabularReinforceConfig reinforce(String baseline, double gamma) {
    return new TabularReinforceConfig(1, 2, 100, 1.0, gamma, baseline, 0.5, 0.0);
  }

  @Test
  void reinforceStepsAlongTheScoreFunctionOfWholeEpisodes() {
    SoftmaxReinforce learner = new SoftmaxReinforce(reinforce("none", 0.5), 2, 2);
    // an episode s0 -a0-> s1 -a1-> terminal with rewards 0, 1: G = (0.5, 1); π uniform at θ = 0
    var stats = learner.update(batch(new int[][] {{0, 0, 1, 0, 0}, {1, 1, 0, 1, 1}}, new double[] {0, 1}), 1.0);
    assertThat(learner.logits()).containsExactly(new double[] {0.25, -0.25, -0.5, 0.5}, within(1e-12));
    assertThat(stats.metrics().get("losses/policy_loss")).isCloseTo(1.5 * Math.log(2), within(1e-12));
    assertThat(stats.metrics().get("losses/entropy")).isCloseTo(Math.log(2), within(1e-12));
    assertThat(stats.metrics().get("charts/batch_episodes")).isEqualTo(1.0);
    assertThat(stats.metrics()).doesNotContainKey("losses/value_loss");
  }

  @Test
  void anEpisodeSpanningBatchesIsUsedWhenItEnds() {
    SoftmaxReinforce learner = new SoftmaxReinforce(reinforce("none", 0.5), 2, 2);
    var first = learner.update(batch(new int[][] {{0, 0, 1, 0, 0}}, new double[] {0}), 1.0);
    assertThat(first.metrics().get("charts/batch_episodes")).isZero();
    assertThat(learner.logits()).containsOnly(0.0);
    // the running episode survives a checkpoint
    Checkpoint.Builder b = Checkpoint.builder();
    learner.writeState(b);
    SoftmaxReinforce restored = new SoftmaxReinforce(reinforce("none", 0.5), 2, 2);
    restored.readState(b.build());
    restored.update(batch(new int[][] {{1, 1, 0, 1, 1}}, new double[] {1}), 1.0);
    assertThat(restored.logits()).containsExactly(new double[] {0.25, -0.25, -0.5, 0.5}, within(1e-12));
  }

  @Test
  void theValueBaselineIsSubtractedLearnedAndBootstrapsTruncatedEpisodes() {
    SoftmaxReinforce learner = new SoftmaxReinforce(reinforce("value", 0.5), 2, 2);
    learner.values()[0] = 0.2;
    learner.values()[1] = 0.8;
    // s0 -a1-> s1, reward 1, cut by the time limit in s1: G = 1 + 0.5 * V(s1) = 1.4, A = 1.4 - 0.2 = 1.2
    var stats = learner.update(batch(new int[][] {{0, 1, 1, 0, 1}}, new double[] {1}), 1.0);
    assertThat(learner.logits()).containsExactly(new double[] {-0.6, 0.6, 0, 0}, within(1e-12));
    assertThat(learner.values()[0]).isCloseTo(0.2 + 0.5 * 1.2, within(1e-12));
    assertThat(learner.values()[1]).isEqualTo(0.8);
    assertThat(stats.metrics().get("losses/value_loss")).isCloseTo(1.44, within(1e-12));
  }

  @Test
  void theMeanBaselineCentresTheBatchReturns() {
    SoftmaxReinforce learner = new SoftmaxReinforce(reinforce("mean", 0.5), 2, 2);
    // G = (0.5, 1), mean 0.75: A = (-0.25, 0.25)
    learner.update(batch(new int[][] {{0, 0, 1, 0, 0}, {1, 1, 0, 1, 1}}, new double[] {0, 1}), 1.0);
    assertThat(learner.logits()).containsExactly(new double[] {-0.125, 0.125, -0.125, 0.125}, within(1e-12));
  }

  @Test
  void theEntropyBonusPushesTowardUniform() {
    SoftmaxReinforce learner = new SoftmaxReinforce(new TabularReinforceConfig(1, 1, 100, 1.0, 0.9, "none", 0.5, 0.1), 1, 2);
    learner.logits()[0] = 1.0;
    // reward 0: only the entropy term moves θ; ∂H/∂θ_0 = −π_0 (log π_0 + H) < 0 for the likelier action
    learner.update(batch(new int[][] {{0, 0, 0, 1, 1}}, new double[] {0}), 1.0);
    double p0 = Math.exp(1) / (Math.exp(1) + 1);
    double p1 = 1 - p0;
    double h = -(p0 * Math.log(p0) + p1 * Math.log(p1));
    assertThat(learner.logits()[0]).isCloseTo(1.0 - 0.1 * p0 * (Math.log(p0) + h), within(1e-12));
    assertThat(learner.logits()[1]).isCloseTo(-0.1 * p1 * (Math.log(p1) + h), within(1e-12));
    assertThat(learner.logits()[0] - learner.logits()[1]).isLessThan(1.0);
  }
}
