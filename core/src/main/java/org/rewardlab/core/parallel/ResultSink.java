package org.rewardlab.core.parallel;

/**
 * Receives each task's result as soon as it is known, on the caller's side (the driver): {@link
 * TaskEngine#run} calls it once per task, never concurrently with itself, in completion order. A sweep
 * saves the result here, so an interrupted run keeps every finished task.
 *
 * @param <T> the task
 * @param <R> its result
 */
@FunctionalInterface
public interface ResultSink<T, R> {
  void accept(int index, T task, R result);
}
