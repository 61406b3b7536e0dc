package org.rewardlab.reward.compare;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularPolicy;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * Every reward distance of the STARC paper and its code for one {@link TabularProblem}: the
 * canonicalisations none, EPIC, DARD, VAL, value-potential, minimal-potential and minimal (the last
 * two for each norm they minimise: l1, l2, wl1, wl2), each standardised and compared under the six
 * {@link RewardNorm}s (L1, L2, L∞ and their weighted forms), plus EPIC's and DARD's Pearson distances
 * under uniform, transition (D_S·D_A·τ) and — when the problem has one — the file's coverage. What
 * {@code rewardlab reward distance} prints.
 *
 * <p>Pairings, as in the authors' {@code canon_and_norm}: a minimal or minimal-potential canonical
 * reward for norm p is normalised by that same norm p (and measured in all six); every other
 * canonical reward is normalised by each of the six. The state and action distributions enter EPIC
 * (D_S, D_A), DARD (D_A), VAL and value-potential (their policy π(a|s) = D_A(a)), the weighted norms
 * (w = |S|D_S·|A|D_A·τ) and the transition coverage; with none given everything is uniform and the
 * numbers are the authors' (exactly where their code is exact, RM §1 d′). A minimal canonicalisation
 * that is not unique for the given weights is reported as {@code null} with a note. Stateless.
 */
public final class TabularComparison {
  /** Above this many rows × unknowns (|S|³|A|) the minimal-potential problems are skipped. */
  public static final long MINIMAL_POTENTIAL_LIMIT = 16_000_000L;

  /** The conventions of RM §1 (d′) the numbers follow, for the output. */
  public static final List<String> CONVENTIONS = List.of(
      "arrays are R[s][a][s']; L1, L2, Linf are plain sums over all (s, a, s') entries, not means",
      "weighted norms (wl1, wl2, wlinf) use w(s,a,s') = |S|D_S(s) * |A|D_A(a) * tau(s'|s,a): the raw transition"
          + " probabilities when D_S, D_A are uniform (the STARC authors' norm.py), so impossible transitions carry no"
          + " weight; wlinf = max w|x| as in their code",
      "STARC distance d = m(c(R1)/n(c(R1)) - c(R2)/n(c(R2))) with no 1/2 factor (range [0, 2] for L2); s(R) = 0 when"
          + " n(c(R)) <= 1e-10 n(R) (the authors divide unguarded)",
      "EPIC's Pearson distance is sqrt((1 - rho)/2) over the coverage; with uniform D_S, D_A and coverage it equals"
          + " 1/2 x the EPIC-canonicalised, L2-normalised L2 distance (the canonical rewards are then centred)",
      "EPIC ignores the transition kernel (S, S' ~ D_S, A ~ D_A); DARD draws next states from tau and uses D_A only",
      "VAL and value-potential use pi(a|s) = D_A(a) (uniform by default) and solve V^pi exactly (the authors iterate"
          + " to 1e-8)",
      "minimal and minimal-potential are solved exactly (least squares by QR for l2/wl2, least absolute deviations"
          + " with a dual certificate for l1/wl1), not by Adam; minimal is the true least-norm member of the class"
          + " (the authors' minimal.py divides by tau wrongly for stochastic kernels); neither is offered for Linf,"
          + " whose minimiser is not unique",
      "a minimal(-potential) canonical reward for norm p is normalised by p only, as in the authors' canon_and_norm");

  private TabularComparison() {}

  /** The canonical rewards and distances of one problem. */
  public record Result(
      TabularProblem problem,
      Map<String, TabularReward[]> canonical,
      Map<String, Map<String, Map<String, Double>>> distances,
      Map<String, Map<String, Double>> pearson,
      List<String> notes) {

    /** d for (canonicalisation, normalisation, metric), or null if undefined or not computed. */
    public Double distance(String canonicalization, String normalization, String metric) {
      Map<String, Map<String, Double>> byNorm = distances.get(canonicalization);
      if (byNorm == null || byNorm.get(normalization) == null) return null;
      return byNorm.get(normalization).get(metric);
    }

    /** The output as a JSON tree (what {@code --json} writes). */
    public ObjectNode toJson(String source) {
      JsonNodeFactory f = JsonNodeFactory.instance;
      ObjectNode root = f.objectNode();
      TabularMdp mdp = problem.mdp();
      root.put("source", source);
      root.put("states", mdp.nS());
      root.put("actions", mdp.nA());
      root.put("gamma", mdp.gamma());
      ArrayNode ds = root.putArray("state_dist");
      for (double p : problem.coverage().states()) ds.add(p);
      ArrayNode da = root.putArray("action_dist");
      for (double p : problem.coverage().actions()) da.add(p);
      ArrayNode conv = root.putArray("conventions");
      CONVENTIONS.forEach(conv::add);
      ObjectNode canon = root.putObject("canonicalized");
      canonical.forEach((name, pair) -> {
        if (pair == null) {
          canon.putNull(name);
        } else {
          ObjectNode o = canon.putObject(name);
          o.set("R1", table(pair[0], f));
          o.set("R2", table(pair[1], f));
        }
      });
      ObjectNode dist = root.putObject("distances");
      distances.forEach((c, byNorm) -> {
        ObjectNode oc = dist.putObject(c);
        byNorm.forEach((n, byMetric) -> {
          ObjectNode on = oc.putObject(n);
          byMetric.forEach((m, d) -> {
            if (d == null) on.putNull(m);
            else on.put(m, d);
          });
        });
      });
      ObjectNode pe = root.putObject("pearson");
      pearson.forEach((c, byCoverage) -> {
        ObjectNode oc = pe.putObject(c);
        byCoverage.forEach((k, d) -> {
          if (d == null) oc.putNull(k);
          else oc.put(k, d);
        });
      });
      ArrayNode nt = root.putArray("notes");
      notes.forEach(nt::add);
      return root;
    }

    private static ArrayNode table(TabularReward r, JsonNodeFactory f) {
      ArrayNode out = f.arrayNode();
      for (int s = 0; s < r.nS(); s++) {
        ArrayNode as = out.addArray();
        for (int a = 0; a < r.nA(); a++) {
          ArrayNode ns = as.addArray();
          for (int n = 0; n < r.nS(); n++) ns.add(r.get(s, a, n));
        }
      }
      return out;
    }
  }

  /** The canonicalisations, by output name, for {@code problem}'s distributions. */
  public static Map<String, Canonicalization> canonicalizations(TabularProblem problem) {
    Coverage cov = problem.coverage();
    TabularMdp mdp = problem.mdp();
    boolean uniformStates = !problem.stateDistGiven();
    boolean uniformActions = !problem.actionDistGiven();
    Map<String, Canonicalization> m = new LinkedHashMap<>();
    m.put("none", Canonicalization.NONE);
    m.put("epic", uniformStates && uniformActions ? EpicCanonicalization.INSTANCE : EpicCanonicalization.of(cov));
    m.put("dard", uniformActions ? DardCanonicalization.INSTANCE : DardCanonicalization.of(cov));
    TabularPolicy pi = new TabularPolicy(mdp.nS(), mdp.nA(), cov.actionPolicy());
    m.put("val", uniformActions ? ValueAdjustedLevelling.UNIFORM : ValueAdjustedLevelling.withPolicy(pi));
    m.put("value-potential", uniformActions ? ValuePotentialCanonicalization.UNIFORM
        : ValuePotentialCanonicalization.withPolicy(pi));
    for (RewardNorm n : minimised()) {
      m.put("minimal-potential-" + n.name(), MinimalPotentialCanonicalization.of(n, cov));
    }
    for (RewardNorm n : minimised()) {
      m.put("minimal-" + n.name(), MinimalCanonicalization.of(n, cov));
    }
    return m;
  }

  /** The norms the minimal canonicalisations minimise: l1, l2, wl1, wl2. */
  public static List<RewardNorm> minimised() {
    return List.of(RewardNorm.L1, RewardNorm.L2, RewardNorm.WEIGHTED_L1, RewardNorm.WEIGHTED_L2);
  }

  /** Computes every canonical reward and distance of {@code problem}. */
  public static Result compare(TabularProblem problem) {
    TabularMdp mdp = problem.mdp();
    Coverage cov = problem.coverage();
    double[] w = cov.normWeights(mdp);
    double[] v1 = problem.r1().values();
    double[] v2 = problem.r2().values();
    List<String> notes = new ArrayList<>();
    Map<String, TabularReward[]> canonical = new LinkedHashMap<>();
    Map<String, Map<String, Map<String, Double>>> distances = new LinkedHashMap<>();
    long minimalPotentialSize = (long) mdp.nS() * mdp.nS() * mdp.nS() * mdp.nA();
    for (Map.Entry<String, Canonicalization> e : canonicalizations(problem).entrySet()) {
      String name = e.getKey();
      Canonicalization c = e.getValue();
      List<RewardNorm> normalizations = RewardNorm.ALL;
      if (c instanceof MinimalPotentialCanonicalization mp) {
        normalizations = List.of(mp.norm());
      } else if (c instanceof MinimalCanonicalization mc) {
        normalizations = List.of(mc.norm());
      }
      TabularReward[] pair = null;
      if (c instanceof MinimalPotentialCanonicalization && minimalPotentialSize > MINIMAL_POTENTIAL_LIMIT) {
        notes.add(name + ": skipped, |S|^3 |A| = " + minimalPotentialSize + " is above " + MINIMAL_POTENTIAL_LIMIT);
      } else {
        try {
          pair = new TabularReward[] {c.canonicalize(mdp, problem.r1()), c.canonicalize(mdp, problem.r2())};
        } catch (CanonicalizationNotUniqueException ex) {
          notes.add(name + ": undefined for this input: " + ex.getMessage());
        }
      }
      canonical.put(name, pair);
      Map<String, Map<String, Double>> byNorm = new LinkedHashMap<>();
      for (RewardNorm n : normalizations) {
        Map<String, Double> byMetric = new LinkedHashMap<>();
        double[] s1 = pair == null ? null : StarcDistance.standardize(pair[0].values(), v1, n, w);
        double[] s2 = pair == null ? null : StarcDistance.standardize(pair[1].values(), v2, n, w);
        for (RewardNorm m : RewardNorm.ALL) {
          byMetric.put(m.name(), pair == null ? null : m.norm().distance(m.toPlain(s1, w), m.toPlain(s2, w)));
        }
        byNorm.put(n.name(), byMetric);
      }
      distances.put(name, byNorm);
    }
    Map<String, Map<String, Double>> pearson = new LinkedHashMap<>();
    Map<String, double[]> coverages = new LinkedHashMap<>();
    coverages.put("uniform", null);
    coverages.put("transitions", cov.transitions(mdp));
    if (problem.explicitCoverage() != null) {
      coverages.put("file", problem.explicitCoverage());
    }
    Map<String, Canonicalization> canon = canonicalizations(problem);
    for (String name : List.of("epic", "dard")) {
      Map<String, Double> byCoverage = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> k : coverages.entrySet()) {
        PearsonDistance d = new PearsonDistance(canon.get(name), k.getValue());
        byCoverage.put(k.getKey(), d.distance(mdp, problem.r1(), problem.r2()));
      }
      pearson.put(name, byCoverage);
    }
    return new Result(problem, Collections.unmodifiableMap(canonical), Collections.unmodifiableMap(distances),
        Collections.unmodifiableMap(pearson), List.copyOf(notes));
  }
}
