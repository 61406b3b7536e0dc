package org.rewardlab.reward.compare;

import org.rewardlab.reward.mdp.PolicyEvaluation;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularPolicy;
import org.rewardlab.reward.mdp.TabularReward;
import org.rewardlab.reward.mdp.ValueIteration;

/**
 * Normalised regret of optimising a proxy reward, the quantity STARC distances bound (Skalse et al.,
 * ICLR 2024; starc {@code experiments/interpolated.py}): with π*_1 optimal for the true R1, π*_2
 * optimal for the proxy R2 and π_w optimal for −R1 (the worst policy under R1), regret =
 * (J1(π*_1) − J1(π*_2)) / (J1(π*_1) − J1(π_w)) ∈ [0, 1]. Returns 0 when the denominator is
 * negligible (every policy is equally good under R1). Stateless.
 */
public final class Regret {
  private Regret() {}

  /** The true reward's best and worst returns, computed once and reused for many proxies. */
  public record Reference(TabularMdp mdp, TabularReward truth, double best, double worst) {
    /** Normalised regret of the greedy optimal policy of {@code proxy}, measured under the truth. */
    public double of(TabularReward proxy) {
      TabularPolicy pi = ValueIteration.solve(mdp, proxy).policy(mdp.nA());
      return ofPolicy(pi);
    }

    /** Normalised regret of a given policy under the truth. */
    public double ofPolicy(TabularPolicy pi) {
      double range = best - worst;
      if (!(range > 1e-12 * Math.max(1, Math.abs(best)))) {
        return 0;
      }
      double j = PolicyEvaluation.policyReturn(mdp, truth, pi);
      return (best - j) / range;
    }
  }

  /** Solves the true reward's best and worst policies (value iteration, then exact evaluation). */
  public static Reference reference(TabularMdp mdp, TabularReward truth) {
    TabularPolicy best = ValueIteration.solve(mdp, truth).policy(mdp.nA());
    TabularPolicy worst = ValueIteration.solve(mdp, truth.scale(-1)).policy(mdp.nA());
    return new Reference(mdp, truth, PolicyEvaluation.policyReturn(mdp, truth, best),
        PolicyEvaluation.policyReturn(mdp, truth, worst));
  }

  /** Normalised regret of optimising {@code proxy} when {@code truth} is the real reward. */
  public static double of(TabularMdp mdp, TabularReward truth, TabularReward proxy) {
    return reference(mdp, truth).of(proxy);
  }
}
