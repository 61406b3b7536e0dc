package org.rewardlab.reward.compare;

import org.rewardlab.reward.mdp.PolicyEvaluation;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularPolicy;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * STARC's value-potential canonicalisation (Skalse et al., ICLR 2024; lucyfarnik/starc
 * {@code canon/value_potential.py}): shape R with its own value function as the potential,
 * c(R)(s,a,s') = R(s,a,s') − V^π(s) + γV^π(s'), with V^π of R for a fixed policy π (uniform by
 * default). If R' = R + γΦ(s') − Φ(s) then V'^π = V^π − Φ, so c(R') = c(R): potential shaping is
 * removed exactly. Unlike {@link ValueAdjustedLevelling} it keeps the dependence on s', so it does not
 * remove S'-redistribution (two rewards with the same E_τ R may get different c). V^π is solved
 * exactly ({@link PolicyEvaluation}), not iterated to 1e-8 as in the authors' code. Immutable and
 * thread-safe.
 */
public final class ValuePotentialCanonicalization implements Canonicalization {
  /** With the uniform policy, as in the authors' code. */
  public static final ValuePotentialCanonicalization UNIFORM = new ValuePotentialCanonicalization(null);

  private final TabularPolicy policy;

  private ValuePotentialCanonicalization(TabularPolicy policy) {
    this.policy = policy;
  }

  /** With a chosen policy π. */
  public static ValuePotentialCanonicalization withPolicy(TabularPolicy policy) {
    if (policy == null) {
      throw new IllegalArgumentException("value-potential needs a policy; use ValuePotentialCanonicalization.UNIFORM"
          + " for the default");
    }
    return new ValuePotentialCanonicalization(policy);
  }

  @Override
  public String name() {
    return "value-potential";
  }

  @Override
  public TabularReward canonicalize(TabularMdp mdp, TabularReward reward) {
    reward.requireShape(mdp);
    int nS = mdp.nS();
    int nA = mdp.nA();
    TabularPolicy pi = policy == null ? TabularPolicy.uniform(nS, nA) : policy;
    double[] v = PolicyEvaluation.values(mdp, reward, pi);
    return reward.shape(v, mdp.gamma());
  }
}
