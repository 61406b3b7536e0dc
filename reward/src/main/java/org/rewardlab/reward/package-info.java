/**
 * Reward engineering in pure Java: composition of named terms, shaping (potential-based and others),
 * normalization, reward comparison (EPIC, STARC), tabular MDP tools and preference data.
 */
package org.rewardlab.reward;
