package org.rewardlab.core.parallel;

import java.util.List;
import java.util.ServiceLoader;
import org.rewardlab.core.UserInputException;

/**
 * Starts a Spark standalone cluster on this machine (a master and workers as separate processes), for
 * code that cannot depend on the {@code spark} module at compile time ({@code rewardlab bench sweep}).
 * The {@code spark} module registers the one implementation in {@code
 * META-INF/services/org.rewardlab.core.parallel.LocalClusterProvider}.
 */
public interface LocalClusterProvider {
  /**
   * Starts {@code workers} workers of 1 core and 1 GB each and returns once they have registered.
   *
   * @throws IllegalStateException if the cluster did not come up (the message holds the log's end)
   */
  Cluster start(int workers);

  /** A started cluster; {@link #close} kills every process of it. */
  interface Cluster extends AutoCloseable {
    /** {@code spark://127.0.0.1:PORT}, for {@link EngineOptions#master}. */
    String masterUrl();

    /** The worker processes, in start order. */
    List<ProcessHandle> workerProcesses();

    /** The processes the workers started (the executors), alive now. */
    List<ProcessHandle> executorProcesses();

    @Override
    void close();
  }

  /**
   * The registered provider.
   *
   * @throws UserInputException if the spark module is not on the classpath
   */
  static LocalClusterProvider find() {
    for (LocalClusterProvider p : ServiceLoader.load(LocalClusterProvider.class)) return p;
    throw new UserInputException("local Spark cluster", "the spark module is not on the classpath",
        "run through ./rewardlab, which builds and loads it for sweeps, bench sweep and --engine spark");
  }
}
