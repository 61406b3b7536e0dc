package org.rewardlab.algos.lm.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.algos.loop.AdvantageInput;
import org.rewardlab.core.UserInputException;

/** Group-relative and leave-one-out advantages against hand-computed values, per peer convention. */
class GroupRelativeAdvantageTest {
  private static final double[] R = {1, 0, 0, 1, 2, 2, 2, 2};
  private static final int[] G = {0, 0, 0, 0, 1, 1, 1, 1};
  private static final double SD0 = Math.sqrt(1.0 / 3); // unbiased std of {1,0,0,1}

  @Test
  void trlGroupScaling() {
    GroupAdvantages a = new GroupRelativeAdvantage(GroupAdvantageConfig.trl(RewardScaling.GROUP)).compute(R, G);
    double up = 0.5 / (SD0 + 1e-4);
    assertThat(a.advantages()).containsExactly(new double[] {up, -up, -up, up, 0, 0, 0, 0}, within(1e-12));
    assertThat(a.groupMean()).containsExactly(0.5, 0.5, 0.5, 0.5, 2, 2, 2, 2);
    assertThat(a.std()[0]).isCloseTo(SD0, within(1e-15));
    assertThat(a.std()[4]).isZero();
    assertThat(a.zeroStd()).containsExactly(false, false, false, false, true, true, true, true);
    assertThat(a.fracRewardZeroStd()).isEqualTo(0.5);
    assertThat(a.fracGroupsZeroStd()).isEqualTo(0.5);
  }

  @Test
  void trlBatchScalingDividesTheGroupCentredRewardByTheBatchStd() {
    GroupAdvantages a = new GroupRelativeAdvantage(GroupAdvantageConfig.trl(RewardScaling.BATCH)).compute(R, G);
    double batchStd = Math.sqrt(5.5 / 7); // mean 1.25, sum of squared deviations 5.5
    assertThat(a.std()).containsOnly(batchStd);
    assertThat(a.advantages()[0]).isCloseTo(0.5 / (batchStd + 1e-4), within(1e-12));
    assertThat(a.advantages()[4]).isZero();
    assertThat(a.fracRewardZeroStd()).as("the batch std is not zero").isZero();
    assertThat(a.fracGroupsZeroStd()).isEqualTo(0.5);
  }

  @Test
  void noneIsDrGrpoCentringWithTheGroupStdOnlyLogged() {
    GroupAdvantages a = new GroupRelativeAdvantage(GroupAdvantageConfig.drGrpo()).compute(R, G);
    assertThat(a.advantages()).containsExactly(0.5, -0.5, -0.5, 0.5, 0, 0, 0, 0);
    assertThat(a.std()[0]).isCloseTo(SD0, within(1e-15));
    assertThat(a.fracRewardZeroStd()).isEqualTo(0.5);
  }

  @Test
  void epsilonMattersForNearlyEqualGroups() {
    double[] r = {1, 1 + 2e-6};
    int[] g = {7, 7};
    double sd = Math.sqrt(2) * 1e-6; // unbiased std of two values 2e-6 apart
    double trl = new GroupRelativeAdvantage(GroupAdvantageConfig.trl(RewardScaling.GROUP)).compute(r, g).advantages()[1];
    double verl = new GroupRelativeAdvantage(GroupAdvantageConfig.verl(true)).compute(r, g).advantages()[1];
    assertThat(trl).isCloseTo(1e-6 / (sd + 1e-4), within(1e-9));
    assertThat(verl).isCloseTo(1e-6 / (sd + 1e-6), within(1e-9));
    assertThat(verl / trl).isGreaterThan(40);
  }

  @Test
  void trlLeavesUnscorableCompletionsOutOfTheStatisticsWithAdvantageZero() {
    double[] r = {1, Double.NaN, 0, 1};
    GroupAdvantages a = new GroupRelativeAdvantage(GroupAdvantageConfig.defaults()).compute(r, new int[4]);
    double mean = 2.0 / 3;
    double sd = Math.sqrt(((1 - mean) * (1 - mean) * 2 + mean * mean) / 2);
    assertThat(a.groupMean()[0]).isCloseTo(mean, within(1e-15));
    assertThat(a.std()[0]).isCloseTo(sd, within(1e-15));
    assertThat(a.advantages()[1]).isZero();
    assertThat(a.advantages()[0]).isCloseTo((1 - mean) / (sd + 1e-4), within(1e-12));
  }

  @Test
  void groupsOfOnePerConvention() {
    double[] r = {3.0, 1.0, 2.0};
    int[] g = {0, 1, 1};
    GroupAdvantages trl = new GroupRelativeAdvantage(GroupAdvantageConfig.defaults()).compute(r, g);
    GroupAdvantages verl = new GroupRelativeAdvantage(GroupAdvantageConfig.verl(true)).compute(r, g);
    assertThat(trl.advantages()[0]).as("TRL: r - r = 0").isZero();
    assertThat(verl.advantages()[0]).as("verl: mean 0, std 1").isEqualTo(3.0 / (1 + 1e-6));
    assertThat(verl.groupMean()[0]).isZero();
    assertThat(verl.std()[0]).isEqualTo(1.0);
    assertThat(trl.advantages()[2]).isEqualTo(verl.advantages()[2] * (Math.sqrt(0.5) + 1e-6) / (Math.sqrt(0.5) + 1e-4),
        within(1e-12));
  }

  @Test
  void groupIdsNeedNotBeAdjacent() {
    int[] perm = {3, 6, 0, 5, 1, 7, 2, 4};
    double[] r = new double[8];
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      r[i] = R[perm[i]];
      g[i] = G[perm[i]] + 10;
    }
    double[] contiguous = new GroupRelativeAdvantage(GroupAdvantageConfig.defaults()).compute(R, G).advantages();
    double[] shuffled = new GroupRelativeAdvantage(GroupAdvantageConfig.defaults()).compute(r, g).advantages();
    for (int i = 0; i < 8; i++) assertThat(shuffled[i]).isCloseTo(contiguous[perm[i]], within(1e-15));
  }

  @Test
  void badInputIsRefused() {
    assertThatThrownBy(() -> new GroupAdvantageConfig(PeerConvention.VERL, RewardScaling.BATCH, 1e-6))
        .isInstanceOf(UserInputException.class).hasMessageContaining("batch");
    assertThatThrownBy(() -> new GroupAdvantageConfig(PeerConvention.TRL, RewardScaling.GROUP, -1))
        .isInstanceOf(UserInputException.class).hasMessageContaining("epsilon");
    GroupRelativeAdvantage verl = new GroupRelativeAdvantage(GroupAdvantageConfig.verl(true));
    assertThatThrownBy(() -> verl.compute(new double[] {1, Double.NaN}, new int[2]))
        .isInstanceOf(UserInputException.class).hasMessageContaining("rewards[1]");
    assertThatThrownBy(() -> verl.compute(new double[] {1, 2}, new int[3])).isInstanceOf(UserInputException.class);
    assertThat(RewardScaling.fromName("batch")).isEqualTo(RewardScaling.BATCH);
    assertThatThrownBy(() -> RewardScaling.fromName("global")).isInstanceOf(UserInputException.class);
  }

  @Test
  void asAnAdvantageEstimatorItSumsStepRewardsAndBroadcasts() {
    // T = 2 steps of N = 4 completions, row-major t*N + i; the outcome reward sits at different steps
    float[] rewards = {1, 0, 0, 0, 0, 0, 0, 1};
    AdvantageInput in = new AdvantageInput(2, 4, rewards, new float[8], new float[8], new float[4], new float[4],
        new int[] {0, 0, 0, 0});
    float[] adv = new float[8];
    float[] ret = new float[8];
    new GroupRelativeAdvantage(GroupAdvantageConfig.defaults()).estimate(in, adv, ret);
    float up = (float) (0.5 / (SD0 + 1e-4));
    assertThat(adv).containsExactly(up, -up, -up, up, up, -up, -up, up);
    assertThat(ret).containsExactly(adv);
    AdvantageInput noGroups = new AdvantageInput(1, 2, new float[2], new float[2], new float[2], new float[2],
        new float[2], null);
    assertThatThrownBy(() -> new GroupRelativeAdvantage(GroupAdvantageConfig.defaults()).estimate(noGroups,
        new float[2], new float[2])).isInstanceOf(UserInputException.class).hasMessageContaining("group id");
  }

  @Test
  void leaveOneOutSubtractsTheMeanOfTheOthers() {
    double[] a = new LeaveOneOutAdvantage().compute(new double[] {1, 0, 0, 1, 5}, new int[] {0, 0, 0, 0, 1});
    assertThat(a).containsExactly(new double[] {2.0 / 3, -2.0 / 3, -2.0 / 3, 2.0 / 3, 5}, within(1e-15));
    double[] r = {0.3, -1.2, 2.5, 0.7, 0.1, 1.9};
    int[] g = {0, 1, 0, 1, 0, 1};
    double[] loo = new LeaveOneOutAdvantage().compute(r, g);
    for (int i = 0; i < r.length; i++) {
      double others = 0;
      for (int j = 0; j < r.length; j++) if (j != i && g[j] == g[i]) others += r[j];
      assertThat(loo[i]).isCloseTo(r[i] - others / 2, within(1e-14));
    }
  }
}
