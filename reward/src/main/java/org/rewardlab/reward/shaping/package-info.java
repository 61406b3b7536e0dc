/**
 * Reward terms on single transitions: potential-based shaping and its registry of named potentials,
 * conditional constants (bonus/penalty), action costs.
 */
package org.rewardlab.reward.shaping;
