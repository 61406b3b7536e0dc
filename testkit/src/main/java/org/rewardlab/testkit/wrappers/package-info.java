/**
 * Gymnasium's wrappers for the typed {@link org.rewardlab.core.env.Env} API, kept as plain reference
 * implementations for tests: {@link org.rewardlab.testkit.wrappers.TimeLimit},
 * {@link org.rewardlab.testkit.wrappers.NormalizeObservation},
 * {@link org.rewardlab.testkit.wrappers.NormalizeReward} and
 * {@link org.rewardlab.testkit.wrappers.TransformReward}, each one env at a time, written as
 * Gymnasium writes them. The library itself normalizes in place on vector buffers
 * ({@link org.rewardlab.core.wrappers.VectorObservationNormalizer},
 * {@link org.rewardlab.core.wrappers.VectorRewardNormalizer}); testing those against these wrappers
 * under same-step autoreset is what checks they keep Gymnasium's (and CleanRL's) semantics.
 */
package org.rewardlab.testkit.wrappers;
