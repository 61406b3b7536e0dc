/**
 * RewardLab on Apache Spark: an engine ({@code --engine spark}) for the {@link
 * org.rewardlab.core.parallel.TaskEngine} seam, embedded as {@code local[*]} or on a cluster ({@code
 * spark://host:port}, or YARN/Kubernetes through {@code spark-submit}). Optional at run time: the
 * {@code ./rewardlab} launcher builds and loads this module only for {@code sweep}, {@code bench
 * sweep} and {@code --engine spark}; no other module depends on it.
 *
 * <ul>
 *   <li>{@link org.rewardlab.spark.SparkEngine} (registered by {@link
 *       org.rewardlab.spark.SparkEngineProvider}): each task of {@code run} a one-task Spark job,
 *       results to the caller as they finish; {@code map} one job in input order. Checks the master
 *       before and while it starts (one-line errors, never a hang).
 *   <li>{@link org.rewardlab.spark.SparkResults}: a sweep's results and per-cell table as Spark
 *       {@code Dataset}s for SQL; the reported numbers stay those of the one Java aggregation.
 *   <li>{@code spark/target/rewardlab-app.jar} (built at {@code package}): RewardLab and its
 *       non-Spark dependencies for cluster executors ({@code spark.jars}) and {@code spark-submit}.
 * </ul>
 */
package org.rewardlab.spark;
