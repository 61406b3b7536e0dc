package org.rewardlab.reward.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.reward.mdp.RandomMdps;
import org.rewardlab.reward.mdp.RandomRewards;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

class TabularComparisonTest {
  private static final TabularMdp MDP = RandomMdps.sample(RandomSource.of(21), 12, 3, 0.9);

  private static TabularProblem uniformProblem() {
    return TabularProblem.of(MDP, RandomRewards.sample(RandomSource.of(1), MDP), RandomRewards.sample(RandomSource.of(2), MDP));
  }

  @Test
  void withUniformDistributionsTheTableHasTheExistingNumbersToTheLastBit() {
    TabularProblem p = uniformProblem();
    TabularComparison.Result r = TabularComparison.compare(p);
    assertThat(r.distance("val", "l2", "l2")).isEqualTo(RewardDistance.valL2().distance(MDP, p.r1(), p.r2()));
    assertThat(r.distance("minimal-l2", "l2", "l2")).isEqualTo(RewardDistance.minimalL2().distance(MDP, p.r1(), p.r2()));
    assertThat(r.pearson().get("epic").get("uniform")).isEqualTo(PearsonDistance.epic().distance(MDP, p.r1(), p.r2()));
    assertThat(r.pearson().get("dard").get("uniform")).isEqualTo(PearsonDistance.dard().distance(MDP, p.r1(), p.r2()));
    for (Norm n : Norm.values()) {
      for (Norm m : Norm.values()) {
        String nn = n.name().toLowerCase(java.util.Locale.ROOT);
        String mn = m.name().toLowerCase(java.util.Locale.ROOT);
        for (String c : List.of("epic", "dard", "val")) {
          Canonicalization canon = TabularComparison.canonicalizations(p).get(c);
          double old = new RewardDistance(canon, n, m).distance(MDP, p.r1(), p.r2());
          assertThat(r.distance(c, nn, mn)).as(c + " " + nn + "/" + mn).isEqualTo(old);
          assertThat(new StarcDistance(canon, new RewardNorm(n, false), new RewardNorm(m, false)).distance(MDP, p.r1(), p.r2()))
              .isEqualTo(old);
        }
      }
    }
  }

  @Test
  void weightedMetricsInsideStarcDistanceMatchTheTable() {
    TabularProblem p = DistancePropertiesTest.problem(5, true);
    TabularComparison.Result r = TabularComparison.compare(p);
    Canonicalization val = TabularComparison.canonicalizations(p).get("val");
    for (RewardNorm n : RewardNorm.ALL) {
      for (RewardNorm m : RewardNorm.ALL) {
        double d = new StarcDistance(val, n, m, p.coverage()).distance(p.mdp(), p.r1(), p.r2());
        assertThat(r.distance("val", n.name(), m.name())).isCloseTo(d, within(1e-12 * (1 + d)));
      }
    }
  }

  @Test
  void weightedPearsonIsTheCorrelationUnderTheCoverage() {
    TabularProblem p = DistancePropertiesTest.problem(9, true);
    double[] d = p.coverage().transitions(p.mdp());
    Canonicalization epic = EpicCanonicalization.of(p.coverage());
    double expected = PearsonDistance.fromCorrelation(epic.canonicalize(p.mdp(), p.r1()).values(),
        epic.canonicalize(p.mdp(), p.r2()).values(), d);
    assertThat(new PearsonDistance(epic, d).distance(p.mdp(), p.r1(), p.r2())).isCloseTo(expected, within(1e-12));
    double[] flat = new double[p.mdp().size()];
    java.util.Arrays.fill(flat, 1.0 / flat.length);
    assertThat(new PearsonDistance(epic, flat).distance(p.mdp(), p.r1(), p.r2()))
        .isCloseTo(new PearsonDistance(epic).distance(p.mdp(), p.r1(), p.r2()), within(1e-12));
    // EPIC with uniform D_S, D_A given explicitly is the uniform EPIC
    TabularReward a = p.r1();
    assertThat(EpicCanonicalization.of(Coverage.uniform(p.mdp().nS(), p.mdp().nA())).canonicalize(p.mdp(), a).values())
        .containsExactly(EpicCanonicalization.INSTANCE.canonicalize(p.mdp(), a).values(), within(1e-12));
  }

  @Test
  void valuePotentialRemovesShapingButNotRedistribution() {
    TabularReward r = RandomRewards.sample(RandomSource.of(3), MDP);
    TabularReward moved = DistancePropertiesTest.redistribute(MDP, r, RandomSource.of(4));
    StarcDistance vp = new StarcDistance(ValuePotentialCanonicalization.UNIFORM, RewardNorm.L2, RewardNorm.L2);
    assertThat(vp.distance(MDP, r, r.shape(RandomRewards.randomPotential(RandomSource.of(5), MDP.nS()), MDP.gamma())))
        .isLessThan(1e-9);
    assertThat(vp.distance(MDP, r, moved)).isGreaterThan(0.05);
    // its canonical reward has V^π = 0, so it is a fixed point
    TabularReward c = ValuePotentialCanonicalization.UNIFORM.canonicalize(MDP, r);
    assertThat(ValuePotentialCanonicalization.UNIFORM.canonicalize(MDP, c).values()).containsExactly(c.values(), within(1e-9));
  }

  @Test
  void aStateDistributionWithZerosLeavesTheWeightedMinimaUndefinedAndSaysSo() {
    // state 0 is never reached from states 1, 2 and has no weight: Φ(0) is free under the weighted norms
    String json = """
        {"gamma": 0.8,
         "transition": [[[0.5, 0.5, 0], [0, 0.5, 0.5]], [[0, 1, 0], [0, 0, 1]], [[0, 0.5, 0.5], [0, 1, 0]]],
         "R1": [[[1, 0, 2], [0, 2, 1]], [[0.5, -1, 1], [3, 0, 1]], [[1, 2, 3], [0, 0, 1]]],
         "R2": [[[0, 1, 1], [2, 0, 0]], [[-1, 0.5, 2], [0, 3, 0]], [[2, 1, 0], [1, 1, 1]]],
         "state_dist": [0, 0.5, 0.5]}
        """;
    TabularComparison.Result r = TabularComparison.compare(TabularProblem.parse(json, "zeros.json"));
    assertThat(r.canonical().get("minimal-potential-wl2")).isNull();
    assertThat(r.distance("minimal-potential-wl2", "wl2", "l2")).isNull();
    assertThat(r.canonical().get("minimal-wl1")).isNull();
    assertThat(r.canonical().get("minimal-potential-l1")).isNotNull();
    assertThat(r.notes()).anyMatch(n -> n.startsWith("minimal-potential-wl2: undefined for this input"));
    ObjectNode out = r.toJson("zeros.json");
    assertThat(out.get("canonicalized").get("minimal-wl2").isNull()).isTrue();
    assertThat(out.get("distances").get("minimal-wl2").get("wl2").get("l1").isNull()).isTrue();
  }

  @Test
  void theJsonHasEveryCanonicalizationNormAndCoverage() {
    TabularProblem p = TabularProblem.parse(TabularProblemTest.VALID, "p.json");
    JsonNode out = TabularComparison.compare(p).toJson("p.json");
    assertThat(out.get("states").asInt()).isEqualTo(2);
    assertThat(out.get("conventions").size()).isEqualTo(TabularComparison.CONVENTIONS.size());
    List<String> canon = List.of("none", "epic", "dard", "val", "value-potential", "minimal-potential-l1",
        "minimal-potential-l2", "minimal-potential-wl1", "minimal-potential-wl2", "minimal-l1", "minimal-l2",
        "minimal-wl1", "minimal-wl2");
    assertThat(iterable(out.get("canonicalized").fieldNames())).containsExactlyElementsOf(canon);
    assertThat(iterable(out.get("distances").fieldNames())).containsExactlyElementsOf(canon);
    assertThat(iterable(out.get("distances").get("val").fieldNames()))
        .containsExactly("l1", "l2", "linf", "wl1", "wl2", "wlinf");
    assertThat(iterable(out.get("distances").get("minimal-potential-wl1").fieldNames())).containsExactly("wl1");
    assertThat(iterable(out.get("distances").get("val").get("wl2").fieldNames()))
        .containsExactly("l1", "l2", "linf", "wl1", "wl2", "wlinf");
    assertThat(out.get("canonicalized").get("epic").get("R2").get(1).get(0).size()).isEqualTo(2);
    assertThat(iterable(out.get("pearson").get("epic").fieldNames())).containsExactly("uniform", "transitions");
    for (JsonNode byNorm : iterableNodes(out.get("distances"))) {
      for (JsonNode byMetric : iterableNodes(byNorm)) {
        for (JsonNode d : iterableNodes(byMetric)) {
          assertThat(d.isNumber()).isTrue();
          assertThat(d.asDouble()).isFinite().isGreaterThanOrEqualTo(0.0);
        }
      }
    }
  }

  /** The paper's size (32 states, 4 actions) with its sparse random rewards: exact and still invariant. */
  @Test
  void atThePapersSizeShapedCopiesStayAtDistanceZero() {
    TabularMdp mdp = RandomMdps.sample(RandomSource.of(8));
    TabularReward r = RandomRewards.sample(RandomSource.of(81), mdp);
    TabularReward copy = r.scale(3.7).shape(RandomRewards.randomPotential(RandomSource.of(82), mdp.nS()), mdp.gamma());
    TabularComparison.Result res = TabularComparison.compare(TabularProblem.of(mdp, r, copy));
    for (String c : List.of("epic", "dard", "val", "value-potential", "minimal-potential-l1", "minimal-potential-l2",
        "minimal-potential-wl1", "minimal-potential-wl2", "minimal-l1", "minimal-l2", "minimal-wl1", "minimal-wl2")) {
      String n = c.startsWith("minimal") ? c.substring(c.lastIndexOf('-') + 1) : "l2";
      assertThat(res.distance(c, n, "l2")).as(c).isLessThan(1e-8);
    }
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static List<JsonNode> iterableNodes(JsonNode n) {
    List<JsonNode> out = new java.util.ArrayList<>();
    n.elements().forEachRemaining(out::add);
    return out;
  }
}
