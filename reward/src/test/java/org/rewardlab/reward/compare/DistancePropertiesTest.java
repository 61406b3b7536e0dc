package org.rewardlab.reward.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.reward.mdp.RandomMdps;
import org.rewardlab.reward.mdp.RandomRewards;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * The properties a reward distance must have (Skalse et al. 2024, Gleave et al. 2021), for every
 * canonicalisation of {@link TabularComparison} and every pair of the six norms, on random MDPs with
 * random non-uniform state and action distributions: zero for rewards equal up to potential shaping
 * and positive scaling, symmetric, the triangle inequality; plus the checks that the new pieces are
 * what they claim (weighted norms reduce to plain ones under uniform weights, canonical rewards keep
 * the optimal policy, minimal canonical rewards are the least-norm members of their class).
 */
class DistancePropertiesTest {

  /** A random problem: |S| in 3..6, |A| in 2..3, γ in [0.5, 0.95], sparse kernel, non-uniform D_S, D_A. */
  static TabularProblem problem(long seed, boolean weighted) {
    RandomSource rng = RandomSource.of(seed);
    int nS = 3 + rng.nextInt(4);
    int nA = 2 + rng.nextInt(2);
    double gamma = 0.5 + 0.45 * rng.nextDouble();
    TabularMdp mdp = RandomMdps.sample(rng.derive("mdp"), nS, nA, gamma);
    TabularReward r1 = gaussian(rng.derive("r1"), mdp);
    TabularReward r2 = gaussian(rng.derive("r2"), mdp).plus(r1.scale(rng.nextDouble()));
    Coverage cov = weighted ? randomCoverage(rng.derive("coverage"), nS, nA) : Coverage.uniform(nS, nA);
    return new TabularProblem(mdp, r1, r2, cov, weighted, weighted, null);
  }

  static TabularReward gaussian(RandomSource rng, TabularMdp mdp) {
    double[] r = new double[mdp.size()];
    for (int i = 0; i < r.length; i++) r[i] = rng.nextGaussian();
    return new TabularReward(mdp.nS(), mdp.nA(), r);
  }

  static Coverage randomCoverage(RandomSource rng, int nS, int nA) {
    return new Coverage(simplex(rng, nS), simplex(rng, nA));
  }

  private static double[] simplex(RandomSource rng, int n) {
    double[] p = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      p[i] = 0.1 + rng.nextDouble();
      sum += p[i];
    }
    for (int i = 0; i < n; i++) p[i] /= sum;
    return p;
  }

  /** Every STARC distance of the problem's table, as metrics (canonicalisation × its normalisations × six metrics). */
  static List<StarcDistance> starcDistances(TabularProblem p) {
    List<StarcDistance> out = new java.util.ArrayList<>();
    for (Map.Entry<String, Canonicalization> e : TabularComparison.canonicalizations(p).entrySet()) {
      Canonicalization c = e.getValue();
      List<RewardNorm> ns = c instanceof MinimalPotentialCanonicalization mp ? List.of(mp.norm())
          : c instanceof MinimalCanonicalization mc ? List.of(mc.norm()) : RewardNorm.ALL;
      for (RewardNorm n : ns) {
        for (RewardNorm m : RewardNorm.ALL) {
          out.add(new StarcDistance(c, n, m, p.coverage()));
        }
      }
    }
    return out;
  }

  static List<PearsonDistance> pearsonDistances(TabularProblem p) {
    Map<String, Canonicalization> c = TabularComparison.canonicalizations(p);
    double[] d = p.coverage().transitions(p.mdp());
    return List.of(new PearsonDistance(c.get("epic")), new PearsonDistance(c.get("epic"), d),
        new PearsonDistance(c.get("dard")), new PearsonDistance(c.get("dard"), d));
  }

  /** The size of the two embeddings in the metric: distances are compared relative to it. */
  private static double scale(RewardMetric m, double[] x, double[] y) {
    double[] zero = new double[x.length];
    return 1 + m.between(x, zero) + m.between(y, zero);
  }

  @Property(tries = 25)
  void rewardsEqualUpToShapingAndPositiveScalingAreAtDistanceZero(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed, @ForAll boolean weighted,
      @ForAll @DoubleRange(min = 0.05, max = 20) double scale) {
    TabularProblem p = problem(seed, weighted);
    TabularMdp mdp = p.mdp();
    double[] phi = RandomRewards.randomPotential(RandomSource.of(seed).derive("phi"), mdp.nS());
    TabularReward r = p.r1();
    TabularReward equivalent = r.scale(scale).shape(phi, mdp.gamma());
    for (StarcDistance d : starcDistances(p)) {
      if (d.canonicalization() == Canonicalization.NONE) continue;
      double[] x = d.embed(mdp, r);
      double[] y = d.embed(mdp, equivalent);
      assertThat(d.between(x, y)).as(d.name()).isLessThanOrEqualTo(1e-9 * scale(d, x, y));
    }
    for (PearsonDistance d : pearsonDistances(p)) {
      assertThat(d.distance(mdp, r, equivalent)).as(d.name()).isLessThanOrEqualTo(1e-9);
    }
  }

  @Property(tries = 20)
  void distancesAreSymmetricAndSatisfyTheTriangleInequality(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed, @ForAll boolean weighted) {
    TabularProblem p = problem(seed, weighted);
    TabularMdp mdp = p.mdp();
    TabularReward x = p.r1();
    TabularReward y = p.r2();
    TabularReward z = RandomRewards.sample(RandomSource.of(seed).derive("z"), mdp);
    List<RewardMetric> metrics = new java.util.ArrayList<>(starcDistances(p));
    metrics.addAll(pearsonDistances(p));
    for (RewardMetric m : metrics) {
      double[] ex = m.embed(mdp, x);
      double[] ey = m.embed(mdp, y);
      double[] ez = m.embed(mdp, z);
      double xy = m.between(ex, ey);
      double tol = 1e-12 * (scale(m, ex, ey) + scale(m, ez, ez));
      assertThat(m.between(ey, ex)).as(m.name()).isCloseTo(xy, within(tol));
      assertThat(m.between(ex, ez)).as(m.name()).isLessThanOrEqualTo(xy + m.between(ey, ez) + tol);
      assertThat(xy).as(m.name()).isGreaterThanOrEqualTo(0.0);
    }
  }

  /** Adds D with Σ_{s'} τ(s'|s,a)D(s,a,s') = 0 for every (s, a): an S'-redistribution. */
  static TabularReward redistribute(TabularMdp mdp, TabularReward r, RandomSource rng) {
    int nS = mdp.nS();
    double[] d = new double[mdp.size()];
    for (int sa = 0; sa < nS * mdp.nA(); sa++) {
      double mean = 0;
      for (int n = 0; n < nS; n++) {
        d[sa * nS + n] = 3 * rng.nextGaussian();
        mean += mdp.p(sa * nS + n) * d[sa * nS + n];
      }
      for (int n = 0; n < nS; n++) d[sa * nS + n] -= mean;
    }
    return r.plus(new TabularReward(nS, mdp.nA(), d));
  }

  @Property(tries = 15)
  void starcCanonicalizationsIgnoreSPrimeRedistribution(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed, @ForAll boolean weighted) {
    TabularProblem p = problem(seed, weighted);
    TabularMdp mdp = p.mdp();
    TabularReward moved = redistribute(mdp, p.r1(), RandomSource.of(seed).derive("moved"));
    for (StarcDistance d : starcDistances(p)) {
      String c = d.canonicalization().name();
      if (c.equals("val") || c.startsWith("minimal") && !c.startsWith("minimal-potential")) {
        double[] x = d.embed(mdp, p.r1());
        double[] y = d.embed(mdp, moved);
        assertThat(d.between(x, y)).as(d.name()).isLessThanOrEqualTo(1e-9 * scale(d, x, y));
      }
    }
  }

  @Property(tries = 20)
  void canonicalRewardsKeepTheOptimalPolicy(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed, @ForAll boolean weighted) {
    TabularProblem p = problem(seed, weighted);
    TabularMdp mdp = p.mdp();
    TabularReward r = p.r1();
    for (Map.Entry<String, Canonicalization> e : TabularComparison.canonicalizations(p).entrySet()) {
      if (e.getKey().equals("dard") || e.getKey().equals("none")) continue; // DARD's T(s,s') is not a shaping term
      TabularReward c = e.getValue().canonicalize(mdp, r);
      // the canonical reward's optimal policy is optimal for R, and R's is optimal for it
      assertThat(Regret.of(mdp, r, c)).as(e.getKey()).isLessThanOrEqualTo(1e-7);
      assertThat(Regret.of(mdp, c, r)).as(e.getKey()).isLessThanOrEqualTo(1e-7);
    }
  }

  @Property(tries = 200)
  void weightedNormsWithUnitWeightsAreThePlainNorms(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    RandomSource rng = RandomSource.of(seed);
    double[] x = new double[1 + rng.nextInt(40)];
    for (int i = 0; i < x.length; i++) x[i] = 10 * rng.nextGaussian();
    double[] ones = new double[x.length];
    java.util.Arrays.fill(ones, 1.0);
    assertThat(RewardNorm.WEIGHTED_L1.of(x, ones)).isEqualTo(RewardNorm.L1.of(x, null));
    assertThat(RewardNorm.WEIGHTED_L2.of(x, ones)).isEqualTo(RewardNorm.L2.of(x, null));
    assertThat(RewardNorm.WEIGHTED_LINF.of(x, ones)).isEqualTo(RewardNorm.LINF.of(x, null));
  }

  /** τ uniform and D_S, D_A uniform make every weight 1/|S|: weighted distances and canonicalisations reduce to plain ones. */
  @Property(tries = 15)
  void underUniformWeightsWeightedDistancesAreThePlainOnes(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    RandomSource rng = RandomSource.of(seed);
    int nS = 2 + rng.nextInt(5);
    int nA = 1 + rng.nextInt(3);
    double[] tau = new double[nS * nA * nS];
    java.util.Arrays.fill(tau, 1.0 / nS);
    TabularMdp mdp = TabularMdp.uniformStart(nS, nA, 0.9, tau);
    TabularProblem p = TabularProblem.of(mdp, gaussian(rng.derive("a"), mdp), gaussian(rng.derive("b"), mdp));
    TabularComparison.Result result = TabularComparison.compare(p);
    for (String c : List.of("none", "epic", "dard", "val", "value-potential")) {
      for (RewardNorm n : List.of(RewardNorm.L1, RewardNorm.L2, RewardNorm.LINF)) {
        String wn = "w" + n.name();
        // same p for normalisation and metric: the constant weight 1/|S| cancels
        assertThat(result.distance(c, wn, wn)).as(c + " " + wn)
            .isCloseTo(result.distance(c, n.name(), n.name()), within(1e-12));
      }
    }
    for (String kind : List.of("minimal-potential-", "minimal-")) {
      double[] plain = result.canonical().get(kind + "l2")[0].values();
      double[] weightedCanon = result.canonical().get(kind + "wl2")[0].values();
      assertThat(weightedCanon).as(kind + "l2").containsExactly(plain, within(1e-9));
      // an L1 minimum need not be unique (RM §1 d′): the two may pick different minimisers of the same norm
      double l1 = RewardNorm.L1.of(result.canonical().get(kind + "l1")[0].values(), null);
      double wl1 = RewardNorm.L1.of(result.canonical().get(kind + "wl1")[0].values(), null);
      assertThat(wl1).as(kind + "l1").isCloseTo(l1, within(1e-9 * l1));
    }
  }

  @Property(tries = 20)
  void minimalCanonicalRewardsAreTheLeastNormMembersOfTheirClass(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed, @ForAll boolean weighted) {
    TabularProblem p = problem(seed, weighted);
    TabularMdp mdp = p.mdp();
    double[] w = p.coverage().normWeights(mdp);
    RandomSource rng = RandomSource.of(seed).derive("members");
    for (Map.Entry<String, Canonicalization> e : TabularComparison.canonicalizations(p).entrySet()) {
      RewardNorm norm;
      boolean redistribution;
      if (e.getValue() instanceof MinimalPotentialCanonicalization mp) {
        norm = mp.norm();
        redistribution = false;
      } else if (e.getValue() instanceof MinimalCanonicalization mc) {
        norm = mc.norm();
        redistribution = true;
      } else {
        continue;
      }
      TabularReward c = e.getValue().canonicalize(mdp, p.r1());
      double best = norm.of(c.values(), w);
      for (int k = 0; k < 10; k++) {
        double size = k < 5 ? 1 : 1e-3;
        double[] phi = RandomRewards.randomPotential(rng, mdp.nS());
        for (int i = 0; i < phi.length; i++) phi[i] *= size;
        TabularReward member = c.shape(phi, mdp.gamma());
        if (redistribution) {
          member = member.plus(redistribute(mdp, TabularReward.zeros(mdp), rng).scale(size));
        }
        assertThat(norm.of(member.values(), w)).as(e.getKey()).isGreaterThanOrEqualTo(best * (1 - 1e-12));
      }
      // idempotent: the least-norm member's least-norm member is itself
      assertThat(e.getValue().canonicalize(mdp, c).values()).as(e.getKey())
          .containsExactly(c.values(), within(1e-9 * (1 + best)));
    }
  }
}
