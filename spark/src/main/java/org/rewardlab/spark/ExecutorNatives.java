package org.rewardlab.spark;

import java.net.InetAddress;
import java.util.Locale;
import org.rewardlab.core.UserInputException;

/**
 * Tells a worker that cannot run PyTorch apart from a task that failed: an executor without the
 * PyTorch native libraries fails every task that touches a tensor (PPO, SFT, GRPO, reward models)
 * with DJL's engine errors, deep in a stack trace and once per retry. The Spark engine's task wrapper
 * passes a task's failure through {@link #explain}; where it is that, the task fails instead with one
 * {@link UserInputException} naming the executor's host and the fix, which the driver reports as is
 * (CLI exit 2).
 *
 * <p>DJL 0.36 finds the natives, in this order, in {@code PYTORCH_LIBRARY_PATH}, in a {@code
 * pytorch-native-cpu-*.jar} on the classpath (extracted once into its cache), or in its cache
 * directory ({@code ENGINE_CACHE_DIR}, else {@code DJL_CACHE_DIR}, else {@code ~/.djl.ai}); failing
 * all three it downloads them, which {@code -Dai.djl.offline=true} forbids. The application jar holds
 * no natives (they are 200 MB per platform), so a fresh worker needs the jar on its executors'
 * classpath.
 */
public final class ExecutorNatives {
  /** The native jar the project builds against (the version of {@code pytorch.native.version} in the root pom). */
  public static final String NATIVE_JAR = "pytorch-native-cpu-2.7.1-linux-x86_64.jar";

  private ExecutorNatives() {}

  /**
   * The one-line failure to report instead of {@code failure}, if {@code failure} (or one of its
   * causes) is DJL failing to load the PyTorch natives; otherwise null (the caller rethrows the
   * original).
   *
   * @param where the executor in words, e.g. {@code executor 1 on host 10.0.0.7}; see {@link #here}
   */
  public static UserInputException explain(Throwable failure, String where) {
    Throwable cause = nativesFailure(failure);
    if (cause == null) return null;
    String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    if (root != cause && root.getMessage() != null) msg += ": " + root.getMessage();
    return new UserInputException(where,
        "this Spark worker cannot load the PyTorch native libraries (" + firstLine(msg) + ")",
        "put " + NATIVE_JAR + " (from ~/.m2/repository/ai/djl/pytorch/pytorch-native-cpu/2.7.1/) on every"
            + " worker and pass --conf spark.executor.extraClassPath=/path/to/" + NATIVE_JAR
            + "; see docs/scale-out.md");
  }

  /** This JVM as a place: {@code executor ID on host HOST} inside a Spark executor, else the host. */
  public static String here() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "unknown host";
    }
    String exec = null;
    try {
      org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
      if (env != null) exec = env.executorId();
    } catch (Throwable t) {
      // no Spark here
    }
    return exec == null || "driver".equals(exec)
        ? "host " + host
        : "Spark worker " + host + " (executor " + exec + ")";
  }

  /**
   * The throwable in {@code t}'s cause chain that is DJL failing to find or load the natives, or null.
   * DJL also reports tensor errors (a shape mismatch) as {@code EngineException}, so an {@code
   * EngineException} counts only when it comes from DJL's native loading ({@code LibUtils}, {@code
   * PtEngine.newInstance}) or says so.
   */
  static Throwable nativesFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String name = c.getClass().getName();
      String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
      if (name.equals("ai.djl.engine.EngineException") && (fromLoader(c) || LOADER_MESSAGES.stream().anyMatch(m::contains))) {
        return c;
      }
      if (c instanceof UnsatisfiedLinkError && (m.contains("torch") || m.contains("djl"))) return c;
      if (m.contains("deep learning engine not found: pytorch") || m.contains("no deep learning engine found")) return c;
    }
    return null;
  }

  private static final java.util.List<String> LOADER_MESSAGES = java.util.List.of(
      "pytorch native library", "pytorch index file", "jni files", "pytorch jni", "offline mode");

  private static boolean fromLoader(Throwable c) {
    for (StackTraceElement e : c.getStackTrace()) {
      if (e.getClassName().equals("ai.djl.pytorch.jni.LibUtils")) return true;
      if (e.getClassName().equals("ai.djl.pytorch.engine.PtEngine") && e.getMethodName().equals("newInstance")) return true;
    }
    return false;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
