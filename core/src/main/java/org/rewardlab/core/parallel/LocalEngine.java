package org.rewardlab.core.parallel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.rewardlab.core.UserInputException;

/**
 * The built-in engine: tasks on a fixed pool of threads in this JVM ({@code --engine local}). Tasks
 * are handed to the threads in list order; results reach the sink in completion order on the calling
 * thread. A task that throws ends the run: tasks not yet started are cancelled, running ones are
 * interrupted, and the failure is rethrown (a {@link UserInputException} as it is, anything else as a
 * {@link TaskFailedException} naming the task). There are no retries: a task that failed here would
 * fail again.
 */
public final class LocalEngine implements TaskEngine {
  private final int threads;
  private final ExecutorService pool;

  public LocalEngine(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("the local engine needs at least one thread, got " + threads);
    }
    this.threads = threads;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "rewardlab-task-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public String describe() {
    return threads == 1 ? "1 thread" : threads + " threads";
  }

  @Override
  public int parallelism() {
    return threads;
  }

  @Override
  public <T extends Serializable, R extends Serializable> void run(
      List<T> tasks, TaskFunction<T, R> fn, ResultSink<? super T, ? super R> sink) {
    CompletionService<Indexed<R>> cs = new ExecutorCompletionService<>(pool);
    List<Future<Indexed<R>>> futures = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      final int index = i;
      final T task = tasks.get(i);
      futures.add(cs.submit(() -> new Indexed<>(index, call(fn, task, index))));
    }
    try {
      for (int done = 0; done < tasks.size(); done++) {
        Indexed<R> r = take(cs);
        sink.accept(r.index, tasks.get(r.index), r.value);
      }
    } finally {
      for (Future<?> f : futures) f.cancel(true);
    }
  }

  @Override
  public <T extends Serializable, R extends Serializable> List<R> map(
      List<T> tasks, TaskFunction<T, R> fn, int partitions) {
    int n = tasks.size();
    Object[] out = new Object[n];
    int parts = Math.max(1, Math.min(partitions, n));
    List<Integer> starts = new ArrayList<>();
    for (int p = 0; p < parts; p++) starts.add((int) ((long) p * n / parts));
    run(starts, start -> {
      int end = nextStart(starts, start, n);
      for (int i = start; i < end; i++) out[i] = call(fn, tasks.get(i), i);
      return Boolean.TRUE;
    }, (i, t, r) -> { });
    List<R> results = new ArrayList<>(n);
    for (Object o : out) {
      @SuppressWarnings("unchecked")
      R r = (R) o;
      results.add(r);
    }
    return List.copyOf(results);
  }

  private static int nextStart(List<Integer> starts, int start, int n) {
    int k = starts.indexOf(start);
    return k + 1 < starts.size() ? starts.get(k + 1) : n;
  }

  private static <T, R> R call(TaskFunction<T, R> fn, T task, int index) throws Exception {
    R r = fn.apply(task);
    if (r == null) {
      throw new IllegalStateException("task " + index + " returned no result");
    }
    return r;
  }

  private static <R> Indexed<R> take(CompletionService<Indexed<R>> cs) {
    try {
      return cs.take().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TaskFailedException(-1, "interrupted while waiting for tasks", e);
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    }
  }

  private static RuntimeException failure(Throwable cause) {
    if (cause instanceof UserInputException u) return u;
    if (cause instanceof TaskFailedException t) return t;
    String msg = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    return new TaskFailedException(-1, "a task failed: " + msg, cause);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  private record Indexed<R>(int index, R value) {}
}
