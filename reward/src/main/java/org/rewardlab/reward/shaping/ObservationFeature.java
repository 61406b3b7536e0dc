package org.rewardlab.reward.shaping;

import java.util.List;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.reward.ObservationPotential;
import org.rewardlab.core.reward.RewardFn;

/**
 * A feature of the environment's state as a term: r = w·f(s'), w·f(s) or w·(f(s') − f(s)), with f a
 * function of the flat observation (a potential the env registers, or one observation component).
 * A measurement — route completion, a speed excess, a distance to the ball — for products, gates,
 * shapes and KRC; no discount and no terminal rule (that is {@link PotentialShaping}). Stateless and
 * thread-safe.
 */
public final class ObservationFeature implements RewardFn<FlatTransition> {
  /** Which state the feature is read on. */
  public enum Position {
    /** f(s'). */
    NEXT,
    /** f(s). */
    CURRENT,
    /** f(s') − f(s). */
    DELTA
  }

  private final List<String> names;
  private final ObservationPotential feature;
  private final Position position;
  private final double weight;

  /**
   * @param name the term name
   * @param feature f
   * @param position where f is read
   * @param weight w
   */
  public ObservationFeature(String name, ObservationPotential feature, Position position, double weight) {
    this.names = List.of(name);
    this.feature = feature;
    this.position = position;
    this.weight = weight;
  }

  /** The observation component {@code index} as a feature. */
  public static ObservationPotential component(int index) {
    return (obs, off) -> obs[off + index];
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public double evaluate(FlatTransition t, double[] termsOut) {
    double f = switch (position) {
      case NEXT -> feature.value(t.nextObs(), t.nextObsOffset());
      case CURRENT -> feature.value(t.obs(), t.obsOffset());
      case DELTA -> feature.value(t.nextObs(), t.nextObsOffset()) - feature.value(t.obs(), t.obsOffset());
    };
    double r = weight * f;
    termsOut[0] = r;
    return r;
  }
}
