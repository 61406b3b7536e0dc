package org.rewardlab.reward.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.reward.mdp.RandomMdps;
import org.rewardlab.reward.mdp.RandomRewards;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

class RewardDistanceTest {
  private static final TabularMdp MDP = RandomMdps.sample(RandomSource.of(21), 12, 3, 0.9);

  private static final List<RewardMetric> INVARIANT = List.of(
      RewardDistance.valL2(),
      RewardDistance.minimalL2(),
      new RewardDistance(ValueAdjustedLevelling.UNIFORM, Norm.L1, Norm.LINF),
      new RewardDistance(EpicCanonicalization.INSTANCE, Norm.L2, Norm.L2),
      new RewardDistance(DardCanonicalization.INSTANCE, Norm.L2, Norm.L1),
      PearsonDistance.epic(),
      PearsonDistance.dard());

  private static TabularReward reward(long seed) {
    double[] r = new double[MDP.size()];
    RandomSource rng = RandomSource.of(seed);
    for (int i = 0; i < r.length; i++) {
      r[i] = rng.nextGaussian();
    }
    return new TabularReward(MDP.nS(), MDP.nA(), r);
  }

  /** A random S'-redistribution: adds D with Σ_{s'} τ(s'|s,a)D(s,a,s') = 0 for every (s,a). */
  private static TabularReward redistribute(TabularReward r, RandomSource rng) {
    double[] d = new double[MDP.size()];
    int nS = MDP.nS();
    for (int sa = 0; sa < nS * MDP.nA(); sa++) {
      double mean = 0;
      for (int n = 0; n < nS; n++) {
        d[sa * nS + n] = 3 * rng.nextGaussian();
        mean += MDP.p(sa * nS + n) * d[sa * nS + n];
      }
      for (int n = 0; n < nS; n++) {
        d[sa * nS + n] -= mean;
      }
    }
    return r.plus(new TabularReward(nS, MDP.nA(), d));
  }

  @Test
  void shapedAndRescaledCopiesAreAtDistanceZero() {
    for (long seed = 0; seed < 5; seed++) {
      TabularReward r = reward(seed);
      double[] phi = RandomRewards.randomPotential(RandomSource.of(100 + seed), MDP.nS());
      TabularReward equivalent = r.shape(phi, MDP.gamma()).scale(5);
      for (RewardMetric m : INVARIANT) {
        assertThat(m.distance(MDP, r, equivalent)).as(m.name()).isLessThanOrEqualTo(1e-9);
        assertThat(m.distance(MDP, r, r.scale(5))).as(m.name()).isLessThanOrEqualTo(1e-9);
      }
      assertThat(new UnnormalizedDistance(Norm.L2).distance(MDP, r, equivalent)).isGreaterThan(1);
    }
  }

  @Test
  void negatedRewardIsAtMaximalDistance() {
    TabularReward r = reward(1);
    assertThat(RewardDistance.valL2().distance(MDP, r, r.scale(-1))).isCloseTo(2.0, within(1e-9));
    assertThat(RewardDistance.minimalL2().distance(MDP, r, r.scale(-1))).isCloseTo(2.0, within(1e-9));
    assertThat(PearsonDistance.epic().distance(MDP, r, r.scale(-1))).isCloseTo(1.0, within(1e-9));
    assertThat(PearsonDistance.dard().distance(MDP, r, r.scale(-1))).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void starcCanonicalizationsIgnoreSPrimeRedistributionButEpicDoesNot() {
    TabularReward r = reward(2);
    TabularReward moved = redistribute(r, RandomSource.of(5));
    assertThat(RewardDistance.valL2().distance(MDP, r, moved)).isLessThanOrEqualTo(1e-9);
    assertThat(RewardDistance.minimalL2().distance(MDP, r, moved)).isLessThanOrEqualTo(1e-9);
    assertThat(PearsonDistance.epic().distance(MDP, r, moved)).isGreaterThan(0.05);
  }

  @Test
  void minimalIsTheLeastNormMemberOfTheClass() {
    TabularReward r = reward(3);
    TabularReward c = MinimalCanonicalization.INSTANCE.canonicalize(MDP, r);
    double cNorm = Norm.L2.of(c.values());
    // c is equivalent to r: same optimal-policy-relevant expected rewards up to shaping
    assertThat(RewardDistance.valL2().distance(MDP, r, c)).isLessThanOrEqualTo(1e-9);
    RandomSource rng = RandomSource.of(9);
    for (int k = 0; k < 20; k++) {
      TabularReward other = redistribute(c.shape(RandomRewards.randomPotential(rng, MDP.nS()), MDP.gamma()), rng);
      assertThat(Norm.L2.of(other.values())).isGreaterThanOrEqualTo(cNorm);
    }
    // small perturbations of the optimum along the class do not lower the norm either
    double[] phi = new double[MDP.nS()];
    phi[0] = 1e-4;
    assertThat(Norm.L2.of(c.shape(phi, MDP.gamma()).values())).isGreaterThanOrEqualTo(cNorm);
    // idempotent
    TabularReward cc = MinimalCanonicalization.INSTANCE.canonicalize(MDP, c);
    assertThat(cc.values()).containsExactly(c.values(), within(1e-9));
  }

  @Test
  void pearsonEmbeddingMatchesCorrelationFormula() {
    TabularReward a = reward(4);
    TabularReward b = reward(5).plus(a.scale(0.7));
    double viaEmbedding = PearsonDistance.epic().distance(MDP, a, b);
    double viaRho = PearsonDistance.fromCorrelation(
        EpicCanonicalization.INSTANCE.canonicalize(MDP, a).values(),
        EpicCanonicalization.INSTANCE.canonicalize(MDP, b).values());
    assertThat(viaEmbedding).isCloseTo(viaRho, within(1e-12));
    // EPIC's Pearson distance is half the EPIC-canonicalised, centred, L2-normalised L2 distance
    assertThat(viaEmbedding).isBetween(0.0, 1.0);
  }

  @Test
  void triangleInequalityHoldsOnRandomRewards() {
    List<RewardMetric> metrics = List.of(RewardDistance.valL2(), RewardDistance.minimalL2(),
        new RewardDistance(ValueAdjustedLevelling.UNIFORM, Norm.L1, Norm.L1), PearsonDistance.epic(),
        PearsonDistance.dard(), new UnnormalizedDistance(Norm.LINF));
    for (long seed = 0; seed < 10; seed++) {
      TabularReward x = RandomRewards.sample(RandomSource.of(3 * seed), MDP);
      TabularReward y = RandomRewards.sample(RandomSource.of(3 * seed + 1), MDP);
      TabularReward z = RandomRewards.sample(RandomSource.of(3 * seed + 2), MDP);
      for (RewardMetric m : metrics) {
        double xy = m.distance(MDP, x, y);
        double yz = m.distance(MDP, y, z);
        double xz = m.distance(MDP, x, z);
        assertThat(xz).as(m.name()).isLessThanOrEqualTo(xy + yz + 1e-12);
        assertThat(m.distance(MDP, y, x)).as(m.name()).isCloseTo(xy, within(1e-12));
      }
    }
  }

  @Test
  void constantRewardStandardizesToZero() {
    TabularReward constant = TabularReward.zeros(MDP).shift(3);
    double[] e = RewardDistance.valL2().embed(MDP, constant);
    assertThat(Norm.L2.of(e)).isEqualTo(0.0);
    assertThat(RewardDistance.valL2().distance(MDP, constant, TabularReward.zeros(MDP))).isEqualTo(0.0);
    assertThat(RewardDistance.valL2().distance(MDP, constant, reward(6))).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void regretIsZeroForEquivalentProxyAndOneForNegation() {
    TabularReward r = reward(77);
    Regret.Reference ref = Regret.reference(MDP, r);
    assertThat(ref.of(r.scale(3).shape(new double[MDP.nS()], MDP.gamma()))).isCloseTo(0.0, within(1e-9));
    assertThat(ref.of(r.scale(-1))).isCloseTo(1.0, within(1e-9));
    assertThat(ref.of(reward(8))).isBetween(0.0, 1.0);
  }

  @Test
  void epicIgnoresTheKernelWhileDardReadsIt() {
    TabularMdp other = RandomMdps.sample(RandomSource.of(22), 12, 3, 0.9);
    TabularReward a = reward(10);
    TabularReward b = reward(11);
    assertThat(PearsonDistance.epic().distance(other, a, b))
        .isCloseTo(PearsonDistance.epic().distance(MDP, a, b), within(1e-12));
    assertThat(Math.abs(PearsonDistance.dard().distance(other, a, b) - PearsonDistance.dard().distance(MDP, a, b)))
        .isGreaterThan(1e-6);
  }

  @Test
  void spearmanUsesAverageRanks() {
    assertThat(Correlation.ranks(new double[] {3, 1, 3, 2})).containsExactly(3.5, 1, 3.5, 2);
    assertThat(Correlation.spearman(new double[] {1, 2, 3, 4}, new double[] {1, 4, 9, 16})).isCloseTo(1.0, within(1e-12));
    assertThat(Correlation.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isCloseTo(-1.0, within(1e-12));
  }
}
