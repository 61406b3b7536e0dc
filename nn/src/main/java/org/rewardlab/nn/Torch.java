package org.rewardlab.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The single entry point to the DJL PyTorch engine: configures it for offline, deterministic,
 * single-threaded CPU use before it loads, and hands out {@link NDManager}s.
 *
 * <p>Before the engine's first use this class sets {@code ai.djl.offline=true} (no download is ever
 * attempted: the natives come from the bundled {@code pytorch-native-cpu} jar) and one intra-op and
 * one inter-op thread, like CleanRL's {@code torch.set_num_threads(1)}: small networks gain nothing
 * from threads, and one thread keeps reductions in a fixed order, so results are bit-reproducible.
 *
 * <p>Thread-safe: {@link #init()} is idempotent and synchronized.
 */
public final class Torch {
  /** The engine name DJL registers PyTorch under. */
  public static final String ENGINE = "PyTorch";

  private static volatile Engine engine;

  private Torch() {}

  /**
   * Loads the engine once (offline, 1 intra-op and 1 inter-op thread) and returns it.
   *
   * @throws IllegalStateException with the cause and the fix when the natives cannot be loaded
   */
  public static Engine init() {
    Engine e = engine;
    if (e != null) return e;
    synchronized (Torch.class) {
      if (engine != null) return engine;
      System.setProperty("ai.djl.offline", "true");
      System.setProperty("ai.djl.pytorch.num_threads", "1");
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
      try {
        e = Engine.getEngine(ENGINE);
      } catch (RuntimeException | LinkageError ex) {
        throw new IllegalStateException(
            "could not load the PyTorch natives for DJL (" + ex + "); they come from the "
                + "pytorch-native-cpu jar (classifier linux-x86_64) and pytorch-jni on the runtime "
                + "classpath and are unpacked into DJL_CACHE_DIR (default ~/.djl.ai): check that both "
                + "jars are present, the platform is linux-x86_64, and the cache directory is writable",
            ex);
      }
      // The properties are read when the engine is created; if someone created it before us,
      // enforce the thread counts directly.
      if (JniUtils.getNumThreads() != 1) JniUtils.setNumThreads(1);
      if (JniUtils.getNumInteropThreads() != 1) {
        try {
          JniUtils.setNumInteropThreads(1);
        } catch (RuntimeException ignored) {
          // libtorch refuses to change inter-op threads once parallel work started; harmless here.
        }
      }
      engine = e;
      return e;
    }
  }

  /** A new root CPU manager; the caller closes it (try-with-resources). */
  public static NDManager manager() {
    return init().newBaseManager(Device.cpu());
  }

  /**
   * A gradient collector for the calling thread (loads the engine first). Use it instead of DJL's
   * {@code Engine.newGradientCollector()}, which allows one collector in the whole process at a time
   * and so fails when two trainings run on two threads of one JVM (a sweep on the local engine).
   * Open, use and close it on one thread (try-with-resources).
   */
  public static ai.djl.training.GradientCollector gradientCollector() {
    init();
    return new ThreadGradientCollector();
  }

  /** The number of intra-op threads libtorch uses (1 after {@link #init()}). */
  public static int numThreads() {
    init();
    return JniUtils.getNumThreads();
  }

  /** The number of inter-op threads libtorch uses (1 after {@link #init()}). */
  public static int numInteropThreads() {
    init();
    return JniUtils.getNumInteropThreads();
  }
}
