package org.rewardlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.EngineException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;

class ExecutorNativesTest {
  @Test
  void djlFailingToLoadTheNativesBecomesOneLineNamingTheWorkerAndTheFix() {
    // what DJL 0.36 throws when no natives are on the classpath, in the cache or downloadable (offline)
    RuntimeException djl = new EngineException("Failed to save pytorch index file", new IOException("Offline mode is enabled."));
    RuntimeException wrapped = new IllegalStateException("training failed", djl);

    UserInputException e = ExecutorNatives.explain(wrapped, "Spark worker node-7 (executor 3)");

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).doesNotContain("\n")
        .startsWith("Spark worker node-7 (executor 3): this Spark worker cannot load the PyTorch native libraries"
            + " (Failed to save pytorch index file: Offline mode is enabled.)")
        .contains("pytorch-native-cpu-2.7.1-linux-x86_64.jar")
        .contains("--conf spark.executor.extraClassPath=");
  }

  @Test
  void otherFailuresAreLeftAlone() {
    // DJL reports tensor errors as EngineException too: those are the task's own failures
    assertThat(ExecutorNatives.explain(new EngineException("shape mismatch: [2, 3] vs [4]"), "x")).isNull();
    assertThat(ExecutorNatives.explain(new IllegalStateException("no"), "x")).isNull();
    assertThat(ExecutorNatives.explain(new UnsatisfiedLinkError("libfoo.so"), "x")).isNull();
    assertThat(ExecutorNatives.explain(new UnsatisfiedLinkError("libtorch_cpu.so: cannot open"), "x")).isNotNull();
  }

  @Test
  void hereNamesTheHostOutsideSpark() {
    assertThat(ExecutorNatives.here()).startsWith("host ");
  }
}
