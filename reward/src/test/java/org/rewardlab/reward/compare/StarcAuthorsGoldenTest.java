package org.rewardlab.reward.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * Cross-checks against the peers' own code, on the problem in {@code starc-golden.json} (5 states, 3
 * actions, γ = 0.9, a kernel with exact zeros, non-uniform D_S and D_A). The file's numbers were made
 * by running the STARC authors' code (lucyfarnik/starc at e13f8fa: {@code canon/{epic,dard,value,
 * value_potential}.py}, {@code norm.py}) and evaluating-rewards' {@code tabular.py} with numpy, and the
 * exact minimal norms by scipy's HiGHS linear programming and numpy's least squares (its
 * {@code provenance} field says so).
 */
class StarcAuthorsGoldenTest {
  private static JsonNode golden;
  private static TabularProblem uniform;
  private static TabularProblem weighted;
  private static TabularComparison.Result uniformResult;
  private static TabularComparison.Result weightedResult;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = StarcAuthorsGoldenTest.class.getResourceAsStream("starc-golden.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    ObjectNode problem = (ObjectNode) golden.get("problem").deepCopy();
    weighted = TabularProblem.parse(problem.toString(), "starc-golden.json");
    problem.remove(List.of("state_dist", "action_dist"));
    uniform = TabularProblem.parse(problem.toString(), "starc-golden.json");
    uniformResult = TabularComparison.compare(uniform);
    weightedResult = TabularComparison.compare(weighted);
  }

  /** The authors iterate V^π to 1e-8, so their VAL and value-potential numbers carry errors of about 1e-7. */
  private static double tolerance(String canon) {
    return canon.startsWith("val") ? 2e-6 : 1e-12;
  }

  @Test
  void starcDistancesMatchTheAuthorsCodeForEveryNormPair() {
    int checked = 0;
    for (String canon : List.of("none", "epic", "dard", "val", "value-potential")) {
      JsonNode byNorm = golden.get("starc_distances").get(canon);
      for (RewardNorm n : RewardNorm.ALL) {
        for (RewardNorm m : RewardNorm.ALL) {
          double expected = byNorm.get(n.name()).get(m.name()).asDouble();
          Double actual = uniformResult.distance(canon, n.name(), m.name());
          assertThat(actual).as(canon + " " + n.name() + "/" + m.name())
              .isCloseTo(expected, within(tolerance(canon) * Math.max(1, Math.abs(expected))));
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(5 * 36);
  }

  @Test
  void canonicalRewardsMatchTheAuthorsCode() {
    for (String canon : List.of("none", "epic", "dard", "val", "value-potential")) {
      for (String r : List.of("R1", "R2")) {
        double[] expected = flat(golden.get("starc_canonical").get(canon).get(r));
        TabularReward[] pair = uniformResult.canonical().get(canon);
        double[] actual = pair[r.equals("R1") ? 0 : 1].values();
        assertThat(actual).as(canon + " " + r).containsExactly(expected, within(tolerance(canon) * 10));
      }
    }
  }

  @Test
  void epicWithNonUniformDistributionsMatchesEvaluatingRewards() {
    JsonNode p = golden.get("pearson");
    assertThat(weightedResult.pearson().get("epic").get("uniform"))
        .isCloseTo(p.get("epic_dist_uniform").asDouble(), within(1e-12));
    assertThat(weightedResult.pearson().get("epic").get("transitions"))
        .isCloseTo(p.get("epic_dist_transitions").asDouble(), within(1e-12));
    assertThat(uniformResult.pearson().get("epic").get("uniform"))
        .isCloseTo(p.get("epic_uniform_uniform").asDouble(), within(1e-12))
        .isCloseTo(PearsonDistance.epic().distance(uniform.mdp(), uniform.r1(), uniform.r2()), within(0.0));
  }

  @Test
  void minimalCanonicalRewardsReachTheExactMinimumNorms() {
    TabularMdp mdp = weighted.mdp();
    double[] w = weighted.coverage().normWeights(mdp);
    Map<String, RewardNorm> norms = Map.of("l1", RewardNorm.L1, "l2", RewardNorm.L2, "wl1", RewardNorm.WEIGHTED_L1,
        "wl2", RewardNorm.WEIGHTED_L2);
    int checked = 0;
    for (String r : List.of("R1", "R2")) {
      for (String kind : List.of("minimal-potential-", "minimal-")) {
        for (Map.Entry<String, RewardNorm> e : norms.entrySet()) {
          String name = kind + e.getKey();
          double expected = golden.get("minimal_norms").get(r).get(name).asDouble();
          double[] c = weightedResult.canonical().get(name)[r.equals("R1") ? 0 : 1].values();
          assertThat(e.getValue().of(c, w)).as(name + " " + r).isCloseTo(expected, within(1e-9 * expected));
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(16);
  }

  private static double[] flat(JsonNode t) {
    int nS = t.size();
    int nA = t.get(0).size();
    double[] out = new double[nS * nA * nS];
    for (int s = 0; s < nS; s++) {
      for (int a = 0; a < nA; a++) {
        for (int n = 0; n < nS; n++) {
          out[(s * nA + a) * nS + n] = t.get(s).get(a).get(n).asDouble();
        }
      }
    }
    return out;
  }
}
