package org.rewardlab.core.parallel;

import java.io.Serializable;
import java.util.List;

/**
 * Runs independent tasks, possibly in parallel and possibly on other machines. Two shapes:
 *
 * <ul>
 *   <li>{@link #run}: each result goes to a {@link ResultSink} as soon as its task finishes (sweeps and
 *       repro seeds: long tasks, saved one by one so an interrupted run loses nothing finished);
 *   <li>{@link #map}: all results back in input order, the input cut into {@code partitions} chunks
 *       of consecutive tasks (dataset scoring: many short tasks).
 * </ul>
 *
 * Tasks must be idempotent (the same task gives the same result wherever and however often it runs);
 * then neither the engine, nor the partitioning, nor the number of workers or retries changes any
 * result. Engines are opened by {@link TaskEngines#open} and closed by the caller.
 */
public interface TaskEngine extends AutoCloseable {
  /** The engine's name as the {@code --engine} flag spells it ({@code local}, {@code spark}). */
  String name();

  /** Where the work runs, in words for logs and reports ({@code 2 threads}, {@code spark local[2]}). */
  String describe();

  /** How many tasks run at once (the thread count, or the cluster's total cores when known). */
  int parallelism();

  /**
   * Runs {@code fn} on every task; hands each result to {@code sink} on the calling thread's side as
   * it arrives; returns when all are done.
   *
   * @throws TaskFailedException if a task failed on every allowed attempt (the other tasks may or
   *     may not have run; results already handed to the sink stay handed)
   */
  <T extends Serializable, R extends Serializable> void run(
      List<T> tasks, TaskFunction<T, R> fn, ResultSink<? super T, ? super R> sink);

  /**
   * Applies {@code fn} to every task and returns the results in input order. The tasks are cut into
   * {@code partitions} runs of consecutive tasks (fewer if there are fewer tasks), each run processed
   * in order by one worker.
   *
   * @throws TaskFailedException if a task failed on every allowed attempt
   */
  <T extends Serializable, R extends Serializable> List<R> map(List<T> tasks, TaskFunction<T, R> fn, int partitions);

  @Override
  void close();
}
