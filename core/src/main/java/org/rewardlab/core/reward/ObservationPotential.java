package org.rewardlab.core.reward;

/**
 * A state potential Φ(s) on an environment's flat observation, read in place (no allocation). An
 * environment registers its named potentials beside its factory ({@code EnvRegistry.register(spec,
 * factory, potentials)} in {@code envs}); a {@code potential} reward term names one of them and the
 * reward module turns it into potential-based shaping, F = w·(γ·Φ(s') − Φ(s)).
 *
 * <p>Implementations must be pure functions of the observation and thread-safe. Writing Φ on the
 * env's side keeps the observation layout and the physical constants (gravity, failure angle) next to
 * the dynamics that define them.
 */
@FunctionalInterface
public interface ObservationPotential {

  /**
   * Φ of the observation at {@code obs[off .. off + observationSize)}.
   *
   * @param obs holds the observation, flat (read only)
   * @param off index of its first element
   */
  double value(float[] obs, int off);
}
