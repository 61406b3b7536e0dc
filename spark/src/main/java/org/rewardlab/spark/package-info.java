/**
 * RewardLab on Apache Spark: an engine ({@code --engine spark}) for the {@link
 * org.rewardlab.core.parallel.TaskEngine} seam, embedded as {@code local[*]} or on a cluster ({@code
 * spark://host:port}, or YARN/Kubernetes through {@code spark-submit}). Optional at run time: the
 * {@code ./rewardlab} launcher builds and loads this module only for {@code sweep} and {@code --engine
 * spark}; no other module depends on it.
 */
package org.rewardlab.spark;
