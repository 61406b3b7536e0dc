package org.rewardlab.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.status.api.v1.ExecutorSummary;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.parallel.EngineOptions;
import org.rewardlab.core.parallel.ResultSink;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.core.parallel.TaskFailedException;
import org.rewardlab.core.parallel.TaskFunction;

/**
 * The {@code spark} engine: RewardLab's tasks as Spark jobs, embedded ({@code local[N]}, {@code
 * local[*]}) or on a cluster ({@code spark://host:port}; YARN and Kubernetes through {@code
 * spark-submit}, which sets the master).
 *
 * <ul>
 *   <li>{@link #run}: every task is its own one-task Spark job ({@code parallelize(List.of(task),
 *       1).map(fn).collect()}), submitted from {@link #parallelism()} driver threads (more as
 *       executors register during the run) into one FAIR pool, so tasks share the executors and each result reaches the sink (on the calling thread) as
 *       soon as its job ends. A task that fails on every attempt Spark allows ({@code
 *       spark.task.maxFailures}, 1 on {@code local[N]}) cancels the rest; a {@link UserInputException}
 *       is rethrown as it is, anything else as a {@link TaskFailedException} naming the task, with the
 *       task's own exception as the cause.
 *   <li>{@link #map}: one job over {@code parallelize(tasks, partitions)} (runs of consecutive tasks),
 *       collected in input order.
 * </ul>
 *
 * Retries after a lost executor are Spark's; since tasks are idempotent they change no result, and
 * each task's result is delivered once (the job's one result).
 */
public final class SparkEngine implements TaskEngine {
  /** Engine settings (in {@code EngineOptions.conf}, not passed to Spark): seconds to wait for a cluster's first executor. */
  public static final String EXECUTOR_WAIT_KEY = "rewardlab.executorWaitSeconds";
  /** The system property naming the application jar shipped to cluster executors ({@code ./rewardlab} sets it). */
  public static final String APP_JAR_PROPERTY = "rewardlab.appJar";
  /** The application jar's file name in {@code spark/target}. */
  public static final String APP_JAR_NAME = "rewardlab-app.jar";
  static final int DEFAULT_EXECUTOR_WAIT_SECONDS = 30;
  static final int CONNECT_TIMEOUT_MILLIS = 5000;
  static final int REGISTRATION_SECONDS = 30;
  /** The FAIR scheduler pool the tasks of {@link #run} share (defined in {@code fairscheduler.xml}). */
  static final String POOL = "rewardlab";

  private static final AtomicInteger RUNS = new AtomicInteger();

  private final SparkSession session;
  private final JavaSparkContext jsc;
  private final SparkMaster master;
  private final boolean owned;

  private SparkEngine(SparkSession session, SparkMaster master, boolean owned) {
    this.session = session;
    this.jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
    this.master = master;
    this.owned = owned;
  }

  /**
   * Starts a Spark session for {@code options}: the master is {@code options.master()}, else the
   * {@code spark.master} that {@code spark-submit} set, else {@code local[threads]}; {@code
   * options.conf()} goes to Spark as it is (keys starting with {@code rewardlab.} are the engine's
   * own). The Spark UI is off unless {@code spark.ui.enabled=true} is given. For a non-local master,
   * checks first that something answers at its address ({@value #CONNECT_TIMEOUT_MILLIS} ms), then
   * that it registers the application (at most {@value #REGISTRATION_SECONDS} s: something else at
   * the port, e.g. the web UI, would keep Spark retrying for a minute), then waits for an executor
   * (at most {@value #DEFAULT_EXECUTOR_WAIT_SECONDS} s, or {@link #EXECUTOR_WAIT_KEY}).
   *
   * @throws UserInputException for a malformed or unreachable master, a cluster without executors, a
   *     missing application jar, or a second engine in one JVM
   */
  public static SparkEngine open(EngineOptions options) {
    EngineOptions o = options == null ? EngineOptions.defaults() : options;
    boolean submitted = System.getProperty("SPARK_SUBMIT") != null;
    String url = o.master() != null ? o.master()
        : System.getProperty("spark.master") != null ? System.getProperty("spark.master")
        : "local[" + o.resolvedThreads() + "]";
    SparkMaster master = SparkMaster.parse(url);
    if (SparkSession.getDefaultSession().isDefined() || SparkSession.getActiveSession().isDefined()) {
      throw new IllegalStateException("a Spark session is already open in this JVM (one engine at a time:"
          + " close the other first, or use SparkEngine.wrap)");
    }
    master.checkReachable(CONNECT_TIMEOUT_MILLIS);

    // defaults, where neither --conf nor spark-submit (system properties, spark-defaults.conf) set the key
    Map<String, String> conf = new HashMap<>();
    putDefault(conf, "spark.app.name", "rewardlab");
    putDefault(conf, "spark.ui.enabled", "false");
    putDefault(conf, "spark.ui.showConsoleProgress", "false");
    putDefault(conf, "spark.scheduler.mode", "FAIR");
    if (master.isLocal() || master.allLoopback()) {
      putDefault(conf, "spark.driver.host", "127.0.0.1");
      putDefault(conf, "spark.driver.bindAddress", "127.0.0.1");
    }
    int waitSeconds = DEFAULT_EXECUTOR_WAIT_SECONDS;
    for (Map.Entry<String, String> e : o.conf().entrySet()) {
      if (e.getKey().equals(EXECUTOR_WAIT_KEY)) {
        waitSeconds = parseSeconds(e.getValue());
      } else if (!e.getKey().startsWith("rewardlab.")) {
        conf.put(e.getKey(), e.getValue());
      }
    }
    // executors never download DJL's natives (as ./rewardlab runs the driver); the user's own options kept
    String execOpts = conf.getOrDefault(EXECUTOR_JAVA_OPTIONS, System.getProperty(EXECUTOR_JAVA_OPTIONS, "")).trim();
    for (String flag : new String[] {"-Dai.djl.offline=true", "-Djava.awt.headless=true"}) {
      String key = flag.substring(0, flag.indexOf('=') + 1);
      if (!execOpts.contains(key)) execOpts = (execOpts + " " + flag).trim();
    }
    conf.put(EXECUTOR_JAVA_OPTIONS, execOpts);
    if (!master.isLocal() && !submitted && !conf.containsKey("spark.jars") && System.getProperty("spark.jars") == null) {
      conf.put("spark.jars", appJar(url).toString());
    }

    SparkSession.Builder b = SparkSession.builder().master(url);
    conf.forEach(b::config);
    // a live master registers an application in well under a second; the bound covers Spark's own
    // start-up in a cold JVM on a busy machine
    SparkSession s = master.isLocal() ? create(b, url) : createWithin(b, url, REGISTRATION_SECONDS);
    SparkEngine engine = new SparkEngine(s, master, true);
    if (!master.isLocal()) {
      try {
        engine.awaitExecutors(waitSeconds, System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds));
      } catch (RuntimeException e) {
        engine.close();
        throw e;
      }
    }
    return engine;
  }

  private static SparkSession create(SparkSession.Builder b, String url) {
    try {
      return b.getOrCreate();
    } catch (RuntimeException e) {
      throw new UserInputException("--master " + UserInputException.quote(url),
          "Spark did not start: " + firstLine(e), "check --master and the --conf settings");
    }
  }

  /**
   * Creates the session on another thread, waiting at most {@code seconds}: against something that
   * answers TCP but is no Spark master (a web UI port), Spark's own registration retries take a
   * minute. A session that appears after the bound is stopped when it does.
   */
  private static SparkSession createWithin(SparkSession.Builder b, String url, int seconds) {
    ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "rewardlab-spark-start");
      t.setDaemon(true);
      return t;
    });
    CompletableFuture<SparkSession> f = CompletableFuture.supplyAsync(() -> create(b, url), starter);
    starter.shutdown();
    try {
      return f.get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.thenAccept(SparkSession::stop);
      throw new UserInputException("--master " + UserInputException.quote(url),
          "no Spark master registered the application within " + seconds + " s",
          "check the port: the master's own port (7077 by default), not its web UI (8080)");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.thenAccept(SparkSession::stop);
      throw new IllegalStateException("interrupted while starting Spark", e);
    }
  }

  /**
   * An engine on a session someone else opened (a notebook, a test, an application that embeds
   * RewardLab); {@link #close()} leaves that session running.
   */
  public static SparkEngine wrap(SparkSession session) {
    return new SparkEngine(session, SparkMaster.parse(session.sparkContext().master()), false);
  }

  /** The Spark session, for the {@code Dataset} views ({@link SparkResults}). */
  public SparkSession session() {
    return session;
  }

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public String describe() {
    if (master.isLocal()) return "spark " + master.url();
    int executors = executors().size();
    return "spark " + master.url() + " (" + executors + (executors == 1 ? " executor, " : " executors, ")
        + parallelism() + " cores)";
  }

  @Override
  public int parallelism() {
    if (master.localThreads() > 0) return master.localThreads();
    int cores = 0;
    for (ExecutorSummary e : executors()) cores += e.totalCores();
    return cores > 0 ? cores : Math.max(1, jsc.sc().defaultParallelism());
  }

  /** The live executors the driver knows (the driver itself excluded). */
  private List<ExecutorSummary> executors() {
    List<ExecutorSummary> out = new ArrayList<>();
    scala.collection.Iterator<ExecutorSummary> it = jsc.sc().statusStore().executorList(true).iterator();
    while (it.hasNext()) {
      ExecutorSummary e = it.next();
      if (!"driver".equals(e.id())) out.add(e);
    }
    return out;
  }

  private void awaitExecutors(int seconds, long deadline) {
    while (executors().isEmpty()) {
      if (jsc.sc().isStopped()) {
        throw new UserInputException("--master " + UserInputException.quote(master.url()),
            "the master did not accept the application", "check that it is a Spark " + jsc.version() + " master and read its log");
      }
      if (System.nanoTime() > deadline) {
        throw new UserInputException("--master " + UserInputException.quote(master.url()),
            "no executor registered within " + seconds + " s",
            "the master has no workers with free cores and memory: start a worker, or lower"
                + " spark.executor.memory / spark.executor.cores with --conf");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for executors", e);
      }
    }
  }

  @Override
  public <T extends Serializable, R extends Serializable> void run(
      List<T> tasks, TaskFunction<T, R> fn, ResultSink<? super T, ? super R> sink) {
    int n = tasks.size();
    if (n == 0) return;
    String tag = "rewardlab-run-" + RUNS.incrementAndGet();
    BlockingQueue<Outcome<R>> done = new LinkedBlockingQueue<>();
    AtomicBoolean aborted = new AtomicBoolean();
    AtomicInteger threadNo = new AtomicInteger();
    // as many submitters as the executors have cores now; more as executors register later
    // (the engine opens on the first one), so a cluster that comes up bit by bit is used whole
    int first = Math.min(n, Math.max(1, parallelism()));
    ThreadPoolExecutor submitters = new ThreadPoolExecutor(first, first, 0L, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "rewardlab-spark-submit-" + threadNo.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    boolean complete = false;
    try {
      for (int i = 0; i < n; i++) {
        final int index = i;
        final T task = tasks.get(i);
        submitters.execute(() -> {
          if (aborted.get()) return;
          try {
            jsc.setJobGroup(tag + "-task-" + index, "rewardlab task " + index + ": " + abbreviate(task), false);
            jsc.clearJobTags();
            jsc.addJobTag(tag);
            jsc.setLocalProperty("spark.scheduler.pool", POOL);
            List<R> r = jsc.parallelize(List.of(new Indexed<>(index, task)), 1).map(new Apply<T, R>(fn)).collect();
            if (r.size() != 1) throw new IllegalStateException("task " + index + " gave " + r.size() + " results");
            done.add(new Outcome<>(index, r.get(0), null));
          } catch (Throwable e) {
            done.add(new Outcome<>(index, null, e));
          }
        });
      }
      for (int received = 0; received < n; ) {
        Outcome<R> o;
        try {
          o = done.poll(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TaskFailedException(-1, "interrupted while waiting for tasks", e);
        }
        int want = Math.min(n, Math.max(1, parallelism()));
        if (want > submitters.getMaximumPoolSize()) {
          submitters.setMaximumPoolSize(want);
          submitters.setCorePoolSize(want);
        }
        if (o == null) continue;
        received++;
        if (o.failure != null) throw failure(o.index, tasks.get(o.index), o.failure);
        sink.accept(o.index, tasks.get(o.index), o.value);
      }
      complete = true;
    } finally {
      if (!complete) {
        aborted.set(true);
        jsc.cancelJobsWithTag(tag, "another task of the run failed");
      }
      submitters.shutdownNow();
      if (!complete) {
        try {
          submitters.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        // a job submitted while the first cancel was on its way
        jsc.cancelJobsWithTag(tag, "another task of the run failed");
      }
    }
  }

  @Override
  public <T extends Serializable, R extends Serializable> List<R> map(
      List<T> tasks, TaskFunction<T, R> fn, int partitions) {
    int n = tasks.size();
    if (n == 0) return List.of();
    int parts = Math.max(1, Math.min(partitions, n));
    List<Indexed<T>> indexed = new ArrayList<>(n);
    for (int i = 0; i < n; i++) indexed.add(new Indexed<>(i, tasks.get(i)));
    String tag = "rewardlab-map-" + RUNS.incrementAndGet();
    jsc.setJobGroup(tag, "rewardlab: " + n + " tasks in " + parts + " partitions", false);
    jsc.clearJobTags();
    jsc.addJobTag(tag);
    try {
      return List.copyOf(jsc.parallelize(indexed, parts).map(new Apply<T, R>(fn)).collect());
    } catch (Throwable e) {
      throw failure(-1, null, e);
    } finally {
      jsc.clearJobTags();
      jsc.clearJobGroup();
    }
  }

  @Override
  public void close() {
    if (owned) session.stop();
  }

  // ------------------------------------------------------------------------------ failures

  /**
   * The exception for a failed job: the task's own exception is the cause Spark gives back (it
   * deserializes the executor's exception); {@link Apply} has already made it a {@link
   * TaskFailedException} naming the task, or left a {@link UserInputException} as it is.
   */
  static RuntimeException failure(int index, Object task, Throwable e) {
    Throwable c = e;
    while (c instanceof SparkException && c.getCause() != null) c = c.getCause();
    if (c instanceof UserInputException u) return u;
    if (c instanceof TaskFailedException t) return t;
    String where = index < 0 ? "a task" : "task " + index + " (" + abbreviate(task) + ")";
    if (c instanceof java.io.NotSerializableException) {
      return new TaskFailedException(index, where + " cannot be shipped to Spark: " + firstLine(c)
          + " is not serializable (a task function must capture only serializable values)", c);
    }
    return new TaskFailedException(index, where + " failed: " + firstLine(c), c);
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    int nl = m.indexOf('\n');
    return UserInputException.bounded(nl < 0 ? m : m.substring(0, nl));
  }

  static String abbreviate(Object task) {
    return UserInputException.abbreviate(String.valueOf(task));
  }

  private static final String EXECUTOR_JAVA_OPTIONS = "spark.executor.extraJavaOptions";

  private static void putDefault(Map<String, String> conf, String key, String value) {
    if (System.getProperty(key) == null) conf.put(key, value);
  }

  private static int parseSeconds(String v) {
    try {
      int s = Integer.parseInt(v.trim());
      if (s > 0) return s;
    } catch (NumberFormatException e) {
      // below
    }
    throw new UserInputException("--conf " + EXECUTOR_WAIT_KEY, "not a positive number of seconds: "
        + UserInputException.quote(v), "give e.g. " + EXECUTOR_WAIT_KEY + "=60");
  }

  /**
   * The application jar for cluster executors: the {@value #APP_JAR_PROPERTY} system property, else
   * {@value #APP_JAR_NAME} next to this module's classes ({@code spark/target}).
   */
  static Path appJar(String url) {
    String prop = System.getProperty(APP_JAR_PROPERTY);
    Path jar = null;
    if (prop != null && !prop.isBlank()) {
      jar = Path.of(prop);
    } else {
      try {
        Path code = Path.of(SparkEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // spark/target/classes or spark/target/rewardlab-spark-*.jar: the jar is in spark/target
        Path target = code.getParent();
        if (target != null) jar = target.resolve(APP_JAR_NAME);
      } catch (Exception e) {
        jar = null;
      }
    }
    if (jar == null || !Files.isRegularFile(jar)) {
      throw new UserInputException("--master " + UserInputException.quote(url),
          "the application jar for the executors is missing" + (jar == null ? "" : " (" + jar + ")"),
          "build it with ./mvnw -pl spark -am -DskipTests package (./rewardlab does), or set -D"
              + APP_JAR_PROPERTY + "=PATH");
    }
    return jar.toAbsolutePath();
  }

  // ------------------------------------------------------------------------------ shipped to executors

  /** A task with its position in the list, so a failure on an executor can name it. */
  record Indexed<T>(int index, T task) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Runs the task function on an executor; a failure comes back naming the task. */
  static final class Apply<T, R> implements Function<Indexed<T>, R> {
    private static final long serialVersionUID = 1L;
    private final TaskFunction<T, R> fn;

    Apply(TaskFunction<T, R> fn) {
      this.fn = fn;
    }

    @Override
    public R call(Indexed<T> t) throws Exception {
      R r;
      try {
        r = fn.apply(t.task());
      } catch (UserInputException | TaskFailedException e) {
        throw e;
      } catch (Exception | Error e) {
        // an executor without the PyTorch natives: one line naming the worker and the fix, not a stack per retry
        UserInputException natives = ExecutorNatives.explain(e, ExecutorNatives.here());
        if (natives != null) throw natives;
        String m = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        throw new TaskFailedException(t.index(), "task " + t.index() + " (" + abbreviate(t.task()) + ") failed: "
            + UserInputException.bounded(m), e);
      }
      if (r == null) {
        throw new TaskFailedException(t.index(), "task " + t.index() + " (" + abbreviate(t.task()) + ") returned no result", null);
      }
      return r;
    }
  }

  private record Outcome<R>(int index, R value, Throwable failure) {}
}
