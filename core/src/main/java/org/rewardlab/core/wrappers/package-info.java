/**
 * Normalization for training: {@code RunningMeanStd} (Gymnasium's running statistics) and the
 * normalizers that work in place on the primitive buffers of a
 * {@link org.rewardlab.core.vector.VectorEnv} ({@code VectorObservationNormalizer},
 * {@code VectorRewardNormalizer}), with CleanRL's per-env and Stable-Baselines3's shared modes.
 * Every statistic can be snapshotted and restored exactly for checkpoints.
 *
 * <p>Gymnasium's typed per-env wrappers that these normalizers are checked against live in
 * testkit ({@code org.rewardlab.testkit.wrappers}); time limits for the typed API come from
 * {@link org.rewardlab.core.env.FlatEnvs#typed}.
 */
package org.rewardlab.core.wrappers;
