package org.rewardlab.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.rewardlab.core.parallel.LocalClusterProvider;

/**
 * A Spark standalone cluster on this machine: one Master and {@code N} Workers, each a separate JVM
 * process started from the jars this JVM already has, with no download and no Spark installation.
 * Integration tests, {@code rewardlab bench sweep} and users ({@link #main}: {@code java -cp ...
 * org.rewardlab.spark.LocalCluster 2}, see docs/scale-out.md) point {@code --master} at {@link
 * #masterUrl()}; executors are child processes of the workers, as on
 * a real cluster, so {@link #killWorker} takes a whole machine away (the worker and its executors, by
 * SIGKILL).
 *
 * <p>How it is laid out: a temporary directory holds {@code spark-home/jars/} (symbolic links to
 * Spark's runtime jars, see {@link #sparkJars}), which the workers use as {@code SPARK_HOME}: Spark's
 * launcher puts {@code SPARK_HOME/jars/*} on each executor's classpath, exactly as with a Spark
 * distribution. The application (RewardLab) reaches the executors through {@code spark.jars} (the
 * application jar), not through {@code SPARK_HOME}. Each worker has its own work directory and local
 * directory; every process logs to a file under {@code logs/} ({@link #logDir()}). All processes bind
 * to 127.0.0.1 on free ports; the web UIs get ephemeral ports ({@code --webui-port 0}).
 *
 * <p>{@link #close()} kills every process (and their executors) and deletes the directory. Not
 * thread-safe: one owner starts, uses and closes it.
 */
public final class LocalCluster implements LocalClusterProvider.Cluster {
  /**
   * The JVM flags Spark needs on Java 17 (the same list as {@code spark.jvm.opens} in {@code
   * spark/pom.xml} and Spark's own launcher).
   */
  public static final List<String> JVM_OPENS = List.of(
      "-XX:+IgnoreUnrecognizedVMOptions",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
      "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "-Djdk.reflect.useDirectMethodHandle=false",
      "-Dio.netty.tryReflectionSetAccessible=true");

  /**
   * Packages whose jars are not Spark's: RewardLab itself (it travels as the application jar), the
   * libraries only RewardLab uses (DJL and its PyTorch natives, picocli, JFreeChart, the no-op SLF4J
   * binding that would silence Spark's logs), and test frameworks. A jar holding any of these
   * (directory prefixes of its entries) is left out of {@code SPARK_HOME/jars}; every other jar on
   * the classpath is one of Spark's runtime dependencies (spark-sql_2.13 and what it pulls in, which
   * includes Jackson, Scala and Netty).
   */
  static final List<String> NOT_SPARK = List.of(
      "org/rewardlab/", "ai/djl/", "pytorch/", "jnilib/", "META-INF/native-image/ai/djl/", "picocli/", "org/jfree/", "org/slf4j/nop/",
      "org/junit/", "org/assertj/", "net/jqwik/", "org/opentest4j/", "org/apiguardian/",
      "com/tngtech/archunit/", "org/apache/maven/", "org/openjdk/jmh/");

  /**
   * How the cluster is shaped.
   *
   * @param workers how many workers
   * @param coresPerWorker each worker's {@code --cores}
   * @param memoryPerWorker each worker's {@code --memory} ({@code 1g}, {@code 512m}): what its executors may take
   * @param workerEnv variables added to the workers' environment, which their executors inherit
   * @param startTimeout how long the master and the workers may take to come up
   * @param natives whether the workers have the PyTorch natives: the {@code pytorch-native-cpu} jar of
   *     this JVM's classpath is linked into {@code SPARK_HOME/jars} too, as an administrator would
   *     install it on every worker; without it, tasks that touch a tensor need {@code
   *     spark.executor.extraClassPath} (see {@link ExecutorNatives})
   */
  public record Options(int workers, int coresPerWorker, String memoryPerWorker, Map<String, String> workerEnv,
      Duration startTimeout, boolean natives) {
    public Options {
      if (workers < 1) throw new IllegalArgumentException("a cluster needs at least one worker, got " + workers);
      if (coresPerWorker < 1) throw new IllegalArgumentException("coresPerWorker must be >= 1, got " + coresPerWorker);
      if (memoryPerWorker == null || !memoryPerWorker.matches("[0-9]+[mgMG]")) {
        throw new IllegalArgumentException("memoryPerWorker must look like 1g or 512m, got " + memoryPerWorker);
      }
      workerEnv = workerEnv == null ? Map.of() : Map.copyOf(new TreeMap<>(workerEnv));
      if (startTimeout == null) startTimeout = Duration.ofSeconds(90);
    }

    /** {@code workers} workers of 1 core and 1 GB each, no extra environment, 90 s to start, no natives. */
    public static Options of(int workers) {
      return new Options(workers, 1, "1g", Map.of(), Duration.ofSeconds(90), false);
    }

    /** The same, with these variables added to the workers' (and so their executors') environment. */
    public Options withWorkerEnv(Map<String, String> env) {
      return new Options(workers, coresPerWorker, memoryPerWorker, env, startTimeout, natives);
    }

    /** The same, with the PyTorch natives installed on the workers ({@code SPARK_HOME/jars}) or not. */
    public Options withNatives(boolean on) {
      return new Options(workers, coresPerWorker, memoryPerWorker, workerEnv, startTimeout, on);
    }
  }

  /** One started worker. */
  public record Worker(int index, Process process, int port, Path workDir, Path log) {
    /** The worker's executors (and anything else it started), alive now. */
    public List<ProcessHandle> children() {
      return process.descendants().filter(ProcessHandle::isAlive).toList();
    }
  }

  private final Path root;
  private final Path sparkHome;
  private final Path logDir;
  private final Options options;
  private final List<Process> processes = new ArrayList<>();
  private final List<Worker> workers = new ArrayList<>();
  private Process master;
  private String masterUrl;
  private boolean closed;

  private LocalCluster(Options options) throws IOException {
    this.options = options;
    this.root = Files.createTempDirectory("rewardlab-cluster-");
    this.sparkHome = Files.createDirectories(root.resolve("spark-home"));
    this.logDir = Files.createDirectories(root.resolve("logs"));
  }

  /** Starts a cluster of {@code workers} workers with 1 core and 1 GB each. */
  public static LocalCluster start(int workers) {
    return start(Options.of(workers));
  }

  /**
   * Starts the master, then the workers, and returns when every worker has registered with the
   * master.
   *
   * @throws IllegalStateException if Spark's jars are not on this JVM's classpath, or a process
   *     died or the workers did not register within {@link Options#startTimeout} (the message holds
   *     the end of the log that says why); everything started so far is stopped
   */
  public static LocalCluster start(Options options) {
    LocalCluster c;
    try {
      c = new LocalCluster(options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cluster's temporary directory", e);
    }
    try {
      c.launch();
      return c;
    } catch (RuntimeException | IOException e) {
      c.close();
      if (e instanceof RuntimeException r) throw r;
      throw new UncheckedIOException((IOException) e);
    }
  }

  private void launch() throws IOException {
    List<Path> jars = new ArrayList<>(sparkJars(classpath()));
    if (options.natives()) {
      Path nativeJar = classpath().stream()
          .filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith("pytorch-native-cpu-"))
          .findFirst().orElseThrow(() -> new IllegalStateException("no pytorch-native-cpu jar on this JVM's classpath"
              + " to install on the workers; start the cluster without natives and pass"
              + " spark.executor.extraClassPath, or run through ./rewardlab"));
      jars.add(nativeJar);
    }
    Path jarDir = Files.createDirectories(sparkHome.resolve("jars"));
    Set<String> names = new java.util.HashSet<>();
    for (Path jar : jars) {
      String name = jar.getFileName().toString();
      if (!names.add(name)) continue; // same file name twice: keep the first, like a classpath does
      Files.createSymbolicLink(jarDir.resolve(name), jar.toAbsolutePath());
    }
    long deadline = System.nanoTime() + options.startTimeout().toNanos();

    int masterPort = freePort();
    Path masterLog = logDir.resolve("master.log");
    master = spawn("master", List.of("org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", "0"),
        Map.of(), masterLog);
    awaitLine(master, masterLog, "I have been elected leader", deadline, "the master");
    masterUrl = "spark://127.0.0.1:" + masterPort;

    for (int i = 0; i < options.workers(); i++) {
      Path work = Files.createDirectories(root.resolve("work").resolve("worker-" + i));
      Path local = Files.createDirectories(root.resolve("local").resolve("worker-" + i));
      Path log = logDir.resolve("worker-" + i + ".log");
      int port = freePort();
      Map<String, String> env = new LinkedHashMap<>(options.workerEnv());
      env.put("SPARK_LOCAL_DIRS", local.toString());
      Process p = spawn("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", "0",
          "--cores", String.valueOf(options.coresPerWorker()), "--memory", options.memoryPerWorker(),
          "--work-dir", work.toString(), masterUrl), env, log);
      workers.add(new Worker(i, p, port, work, log));
    }
    for (Worker w : workers) {
      awaitLine(w.process(), w.log(), "Successfully registered with master", deadline, "worker " + w.index());
    }
  }

  private Process spawn(String name, List<String> mainAndArgs, Map<String, String> env, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.addAll(JVM_OPENS);
    cmd.add("-cp");
    cmd.add(sparkHome.resolve("jars") + "/*");
    cmd.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> e = pb.environment();
    e.put("SPARK_HOME", sparkHome.toString());
    e.put("SPARK_SCALA_VERSION", "2.13");
    e.put("SPARK_LOCAL_IP", "127.0.0.1");
    e.put("SPARK_LOG_DIR", logDir.toString());
    // a user's Spark settings must not leak into the cluster
    e.remove("SPARK_CONF_DIR");
    e.remove("SPARK_DIST_CLASSPATH");
    e.remove("SPARK_CLASSPATH");
    e.putAll(env);
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private static void awaitLine(Process p, Path log, String marker, long deadline, String who) {
    while (true) {
      String text = read(log);
      if (text.contains(marker)) return;
      if (!p.isAlive()) {
        throw new IllegalStateException(who + " of the local Spark cluster exited with status " + p.exitValue()
            + " before it was ready; the end of its log " + log + ":\n" + tail(text, 25));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(who + " of the local Spark cluster was not ready in time (no '" + marker
            + "' in " + log + "); the end of its log:\n" + tail(text, 25));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the local Spark cluster", ie);
      }
    }
  }

  private static String read(Path log) {
    try {
      return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static String tail(String text, int lines) {
    String[] all = text.split("\n");
    return String.join("\n", java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** This JVM's classpath entries ({@code java.class.path}). */
  static List<Path> classpath() {
    List<Path> out = new ArrayList<>();
    for (String e : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
      if (!e.isBlank()) out.add(Path.of(e));
    }
    return out;
  }

  /**
   * Spark's runtime jars among {@code classpath}: every jar file that holds nothing of {@link
   * #NOT_SPARK} (RewardLab's modules, DJL and the PyTorch natives, picocli, JFreeChart, slf4j-nop,
   * test frameworks). Directories (a module's {@code target/classes}) are never Spark's.
   *
   * @throws IllegalStateException if spark-core is not among them
   */
  public static List<Path> sparkJars(List<Path> classpath) {
    List<Path> out = new ArrayList<>();
    boolean core = false;
    for (Path p : classpath) {
      if (!Files.isRegularFile(p) || !p.getFileName().toString().endsWith(".jar")) continue;
      if (!isSparks(p)) continue;
      out.add(p);
      if (p.getFileName().toString().startsWith("spark-core_")) core = true;
    }
    if (!core) {
      throw new IllegalStateException("Spark's jars (spark-core_2.13) are not on this JVM's classpath; run through"
          + " ./rewardlab (which loads the spark module for sweeps and --engine spark) or put the spark module's"
          + " runtime classpath (spark/target/rewardlab-spark.classpath) on it");
    }
    return out;
  }

  private static boolean isSparks(Path jar) {
    try (ZipFile z = new ZipFile(jar.toFile())) {
      return z.stream().noneMatch(e -> {
        String n = e.getName();
        for (String prefix : NOT_SPARK) {
          if (n.startsWith(prefix)) return true;
        }
        return false;
      });
    } catch (IOException e) {
      return false; // not a readable jar: not Spark's either
    }
  }

  /** The master's URL, {@code spark://127.0.0.1:PORT}, for {@code --master}. */
  @Override
  public String masterUrl() {
    return masterUrl;
  }

  /** The workers, in start order. */
  public List<Worker> workers() {
    return List.copyOf(workers);
  }

  @Override
  public List<ProcessHandle> workerProcesses() {
    return workers.stream().map(w -> w.process().toHandle()).toList();
  }

  @Override
  public List<ProcessHandle> executorProcesses() {
    return workers.stream().flatMap(w -> w.children().stream()).toList();
  }

  /** The temporary {@code SPARK_HOME} of the workers. */
  public Path sparkHome() {
    return sparkHome;
  }

  /** Where the master ({@code master.log}) and the workers ({@code worker-I.log}) write their logs. */
  public Path logDir() {
    return logDir;
  }

  /** The master's process. */
  public Process master() {
    return master;
  }

  /**
   * Takes worker {@code i} away as a machine failure would: SIGKILL of its executors and of the
   * worker itself (no shutdown hooks run, nothing is told to the master or the driver).
   *
   * @return the number of processes killed (the worker and its executors)
   */
  public int killWorker(int i) {
    Worker w = workers.get(i);
    List<ProcessHandle> children = w.process().descendants().toList();
    int killed = 0;
    if (w.process().isAlive()) {
      w.process().destroyForcibly(); // SIGKILL on Linux
      killed++;
    }
    for (ProcessHandle h : children) {
      if (h.destroyForcibly()) killed++;
    }
    awaitExit(w.process().toHandle());
    for (ProcessHandle h : children) awaitExit(h);
    return killed;
  }

  private static void awaitExit(ProcessHandle h) {
    try {
      h.onExit().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // it was sent SIGKILL; the kernel reaps it whether or not we saw it go
    }
  }

  /** Kills every process of the cluster (executors included) and deletes its temporary directory. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    List<ProcessHandle> all = new ArrayList<>();
    for (Process p : processes) {
      all.addAll(p.descendants().toList());
      all.add(p.toHandle());
    }
    for (ProcessHandle h : all) h.destroyForcibly();
    for (ProcessHandle h : all) awaitExit(h);
    deleteTree(root);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: a temp dir left behind is not worth failing a close
        }
      });
    } catch (IOException e) {
      // same
    }
  }

  /** The {@link LocalClusterProvider} of the spark module (found through {@link java.util.ServiceLoader}). */
  public static final class Provider implements LocalClusterProvider {
    @Override
    public LocalClusterProvider.Cluster start(int workers) {
      return LocalCluster.start(workers);
    }
  }

  /**
   * Starts a cluster and keeps it until this process is stopped (Ctrl-C): {@code java -cp
   * <spark classpath> org.rewardlab.spark.LocalCluster [WORKERS]}. The workers get the PyTorch
   * natives ({@link Options#natives}), so PPO and LM tasks run without further settings. Prints the
   * master URL.
   */
  public static void main(String[] args) throws InterruptedException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    LocalCluster c = start(Options.of(n).withNatives(true));
    Runtime.getRuntime().addShutdownHook(new Thread(c::close));
    System.out.println("master: " + c.masterUrl() + " (" + n + " workers, 1 core and 1g each, PyTorch natives installed; logs in "
        + c.logDir() + "); Ctrl-C stops it");
    Thread.currentThread().join();
  }
}
