/**
 * Running many independent, idempotent tasks: the seam between RewardLab's embarrassingly parallel
 * work (sweep cells, repro seeds, dataset chunks) and the engine that runs it.
 *
 * <p>{@link org.rewardlab.core.parallel.TaskEngine} is the one interface callers see. {@link
 * org.rewardlab.core.parallel.LocalEngine} runs tasks on threads in this JVM; the optional {@code
 * spark} module adds an engine on Apache Spark ({@code local[*]} embedded, or a cluster), found at run
 * time through {@link org.rewardlab.core.parallel.TaskEngineProvider} and {@link
 * java.util.ServiceLoader}, so nothing here (or in the CLI) depends on Spark at compile time.
 *
 * <p>A task's result must be a function of the task alone (seeds make it so): engines may run a
 * task more than once (retries after a lost worker) and keep one result per task.
 */
package org.rewardlab.core.parallel;
