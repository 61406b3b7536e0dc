package org.rewardlab.reward.compare;

import org.rewardlab.reward.mdp.PolicyEvaluation;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularPolicy;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * STARC's value-adjusted levelling (Skalse et al., ICLR 2024; lucyfarnik/starc
 * {@code canon/value.py}): with V^π of R for a fixed policy π (uniform by default),
 * c(R)(s,a,s') = Σ_{s''} τ(s''|s,a)[R(s,a,s'') + γV^π(s'') − V^π(s)], constant in s'. The
 * expectation over s'' removes S'-redistribution, the value terms remove shaping. V^π is solved
 * exactly ({@link PolicyEvaluation}), not iterated to 1e-8 as in the authors' code. Immutable.
 */
public final class ValueAdjustedLevelling implements Canonicalization {
  /** VAL with the uniform policy, as in the paper's experiments. */
  public static final ValueAdjustedLevelling UNIFORM = new ValueAdjustedLevelling(null);

  private final TabularPolicy policy;

  private ValueAdjustedLevelling(TabularPolicy policy) {
    this.policy = policy;
  }

  /** VAL with a chosen policy π (any π with full support keeps c injective on classes). */
  public static ValueAdjustedLevelling withPolicy(TabularPolicy policy) {
    if (policy == null) {
      throw new IllegalArgumentException("VAL needs a policy; use ValueAdjustedLevelling.UNIFORM for the default");
    }
    return new ValueAdjustedLevelling(policy);
  }

  @Override
  public String name() {
    return "val";
  }

  @Override
  public TabularReward canonicalize(TabularMdp mdp, TabularReward reward) {
    reward.requireShape(mdp);
    int nS = mdp.nS();
    int nA = mdp.nA();
    TabularPolicy pi = policy == null ? TabularPolicy.uniform(nS, nA) : policy;
    double[] r = reward.expected(mdp);
    double[] v = PolicyEvaluation.valuesOfExpected(mdp, r, pi);
    double[] q = PolicyEvaluation.backup(mdp, r, v);
    double[] c = new double[mdp.size()];
    for (int s = 0; s < nS; s++) {
      for (int a = 0; a < nA; a++) {
        double level = q[s * nA + a] - v[s];
        int off = (s * nA + a) * nS;
        for (int n = 0; n < nS; n++) {
          c[off + n] = level;
        }
      }
    }
    return new TabularReward(nS, nA, c);
  }
}
