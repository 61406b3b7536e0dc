package org.rewardlab.reward;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rewardlab.core.reward.ObservationPotential;

/**
 * What building a {@link org.rewardlab.reward.spec.RewardSpec} needs besides the spec and the env's
 * spaces: facts about the agent and the environment that the spec refers to by name or leaves to
 * them.
 *
 * <p>Typical use, in a trainer:
 *
 * <pre>{@code
 * var ctx = new RewardBuildContext(ppo.gamma(), EnvRegistry.potentials(envId));
 * FlatEnv env = new RewardWrappedEnv(EnvRegistry.make(envId), spec, ctx);
 * }</pre>
 *
 * @param agentGamma the agent's discount γ, in [0, 1]; a {@code potential} term whose spec leaves
 *     {@code gamma} out uses it, as Ng et al.'s policy invariance requires the shaping's γ to be the
 *     agent's
 * @param potentials the named potentials Φ(s) of the environment (usually
 *     {@code EnvRegistry.potentials(id)}); a {@code potential} term's {@code potential:} must be one of
 *     these names. Kept in the given iteration order (error messages list them in it); {@code null}
 *     means none
 */
public record RewardBuildContext(double agentGamma, Map<String, ObservationPotential> potentials) {

  public RewardBuildContext {
    if (!(agentGamma >= 0 && agentGamma <= 1)) {
      throw new IllegalArgumentException(
          "agentGamma " + agentGamma + " is outside [0, 1]; pass the agent's discount (e.g. PPO's gamma, 0.99)");
    }
    Map<String, ObservationPotential> copy = new LinkedHashMap<>();
    if (potentials != null) {
      potentials.forEach((name, phi) -> {
        if (name == null || name.isBlank() || phi == null) {
          throw new IllegalArgumentException("potential '" + name + "' needs a non-blank name and a function");
        }
        copy.put(name, phi);
      });
    }
    potentials = Collections.unmodifiableMap(copy);
  }

  /** A context with the agent's γ and no potentials (enough for specs without {@code potential} terms). */
  public RewardBuildContext(double agentGamma) {
    this(agentGamma, Map.of());
  }

  /** This context with one more potential (or {@code name} replaced): for custom envs and tests. */
  public RewardBuildContext withPotential(String name, ObservationPotential potential) {
    Map<String, ObservationPotential> m = new LinkedHashMap<>(potentials);
    m.put(name, potential);
    return new RewardBuildContext(agentGamma, m);
  }
}
