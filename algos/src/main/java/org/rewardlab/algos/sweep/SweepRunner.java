package org.rewardlab.algos.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.core.parallel.TaskFunction;

/**
 * Runs a sweep's missing tasks on a {@link TaskEngine} and saves each result as it arrives: the
 * driver side of {@code rewardlab sweep} and {@code sweep resume}, the same for every engine. Tasks
 * whose result file exists are skipped, so an interrupted sweep resumes without redoing finished
 * tasks.
 */
public final class SweepRunner {
  private SweepRunner() {}

  /** Hears about the sweep's progress, on the driver thread. */
  public interface Listener {
    /** Before any task runs: how many tasks there are, and how many are already done. */
    default void onStart(int total, int done) {}

    /** After each result was saved. */
    default void onResult(SweepTask task, TaskResult result, int done, int total) {}

    static Listener none() {
      return new Listener() {};
    }
  }

  /**
   * What a run did.
   *
   * @param ran tasks run now
   * @param skipped tasks whose results were already saved
   * @param table the aggregated table of every saved result
   */
  public record Outcome(int ran, int skipped, SweepTable table) {}

  /** Runs the missing tasks with {@link SweepTaskRunner}. */
  public static Outcome run(SweepPlan plan, SweepStore store, TaskEngine engine, Listener listener) {
    return run(plan, store, engine, new SweepTaskRunner(), listener);
  }

  /**
   * Runs the tasks of {@code plan} that have no saved result with {@code fn}, saving each result
   * atomically as it arrives, then aggregates all saved results.
   *
   * @throws org.rewardlab.core.parallel.TaskFailedException if a task failed (finished ones stay saved)
   */
  public static Outcome run(SweepPlan plan, SweepStore store, TaskEngine engine, TaskFunction<SweepTask, TaskResult> fn,
      Listener listener) {
    List<SweepTask> all = plan.tasks(store.runsRoot().toString());
    Map<String, TaskResult> saved = store.results();
    List<SweepTask> missing = new ArrayList<>();
    for (SweepTask t : all) if (!saved.containsKey(t.key())) missing.add(t);
    int skipped = all.size() - missing.size();
    listener.onStart(all.size(), skipped);
    int[] done = {skipped};
    if (!missing.isEmpty()) {
      engine.run(missing, fn, (i, task, result) -> {
        if (!result.key().equals(task.key())) {
          throw new IllegalStateException("task " + task.key() + " returned the result of " + result.key());
        }
        store.save(result);
        done[0]++;
        listener.onResult(task, result, done[0], all.size());
      });
    }
    return new Outcome(missing.size(), skipped, SweepTable.of(plan, store.results().values()));
  }
}
