/**
 * Reward terms on single transitions: potential-based shaping (the potentials Φ themselves are
 * registered by the environments, see {@code core.reward.ObservationPotential}),
 * conditional constants (bonus/penalty), action costs, observation features.
 */
package org.rewardlab.reward.shaping;
