/**
 * Gymnasium-style wrappers for the typed {@link org.rewardlab.core.env.Env} API ({@code TimeLimit},
 * {@code RecordEpisodeStatistics}, {@code NormalizeObservation}, {@code NormalizeReward},
 * {@code TransformReward}, {@code ClipReward}), the {@code RunningMeanStd} they share, and normalizers
 * that work in place on the primitive buffers of a {@link org.rewardlab.core.vector.VectorEnv}.
 * Every statistic can be snapshotted and restored exactly for checkpoints.
 */
package org.rewardlab.core.wrappers;
