/**
 * Preference data and synthetic annotators: TRL-format JSON lines ({@link org.rewardlab.reward.preference.PreferenceJsonl}),
 * what a file held ({@link org.rewardlab.reward.preference.PreferenceData}: malformed lines, duplicates,
 * contradictions), and labellers — Boltzmann-rational with noise, HERON's hierarchical comparator, an intransitive
 * oracle — plus tree-structured pair generation ({@link org.rewardlab.reward.preference.TreePairs}). Guide:
 * {@code docs/preferences.md}.
 */
package org.rewardlab.reward.preference;
