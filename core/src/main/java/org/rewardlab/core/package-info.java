/**
 * RewardLab's core API: the types every other module speaks.
 *
 * <ul>
 *   <li>{@link org.rewardlab.core.space} — observation and action spaces (sealed {@code Space}).
 *   <li>{@link org.rewardlab.core.env} — {@code Env}, {@code Reset}, {@code Step}, {@code FlatEnv},
 *       {@code FlatTimeLimit} (the one owner of time limits), {@code EnvFactory}.
 *   <li>{@link org.rewardlab.core.vector} — N environments in lockstep over primitive arrays.
 *   <li>{@link org.rewardlab.core.wrappers} — running statistics and the vector normalizers.
 *   <li>{@link org.rewardlab.core.policy} — {@code Policy}, {@code FlatPolicy}, {@code ActionSample}.
 *   <li>{@link org.rewardlab.core.random} — {@code RandomSource} and {@code Seeds}: no ambient randomness.
 *   <li>{@link org.rewardlab.core.run} — run context, manifest, metrics, checkpoints.
 *   <li>{@link org.rewardlab.core.config} — YAML configs mapped to immutable records.
 *   <li>{@link org.rewardlab.core.reward} — {@code RewardFn} and {@code RewardBreakdown}.
 * </ul>
 *
 * <p>This module depends on the JDK and Jackson only; it never imports DJL.
 */
package org.rewardlab.core;
