package org.rewardlab.reward.shaping;

import java.util.List;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.reward.ObservationPotential;
import org.rewardlab.core.reward.RewardFn;

/**
 * Potential-based shaping (Ng, Harada &amp; Russell 1999, "Policy invariance under reward
 * transformations"): F(s, a, s') = w·(γ·Φ(s') − Φ(s)).
 *
 * <p>Terminal rule: when s' is terminal ({@code terminated}), Φ(s') is taken as 0, because the value
 * of a terminal state is 0 and the sum of F over an episode must telescope to −Φ(s_0) (for γ = 1)
 * whatever terminal state is reached; otherwise the shaping would pay for ending in a high-potential
 * terminal state and could change the optimal policy. A truncated (time-limit) s' is not terminal:
 * its Φ counts, matching the bootstrapped value there.
 *
 * <p>Stateless and thread-safe.
 */
public final class PotentialShaping implements RewardFn<FlatTransition> {
  private final List<String> names;
  private final ObservationPotential potential;
  private final double gamma;
  private final double weight;

  /**
   * @param name the term name
   * @param potential Φ
   * @param gamma γ in [0, 1]
   * @param weight w
   */
  public PotentialShaping(String name, ObservationPotential potential, double gamma, double weight) {
    this.names = List.of(name);
    this.potential = potential;
    this.gamma = gamma;
    this.weight = weight;
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public double evaluate(FlatTransition t, double[] termsOut) {
    double phiS = potential.value(t.obs(), t.obsOffset());
    double phiNext = t.terminated() ? 0.0 : potential.value(t.nextObs(), t.nextObsOffset());
    double f = weight * (gamma * phiNext - phiS);
    termsOut[0] = f;
    return f;
  }
}
