package org.rewardlab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.parallel.EngineOptions;

/** Master URLs: the forms, a malformed one, and a master nobody answers for (no Spark context is made). */
class SparkMasterTest {
  @Test
  void readsTheLocalForms() {
    assertThat(SparkMaster.parse("local").localThreads()).isEqualTo(1);
    assertThat(SparkMaster.parse("local[3]").localThreads()).isEqualTo(3);
    assertThat(SparkMaster.parse("local[2,4]").localThreads()).isEqualTo(2);
    assertThat(SparkMaster.parse("local[*]").localThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(SparkMaster.parse("local[*]").isLocal()).isTrue();
    assertThat(SparkMaster.parse("yarn").isLocal()).isFalse();
  }

  @Test
  void readsStandaloneMasters() {
    SparkMaster m = SparkMaster.parse("spark://127.0.0.1:7077");
    assertThat(m.isStandalone()).isTrue();
    assertThat(m.isLocal()).isFalse();
    assertThat(m.allLoopback()).isTrue();
    assertThat(m.masters()).singleElement().satisfies(a -> assertThat(a.getPort()).isEqualTo(7077));
    assertThat(SparkMaster.parse("spark://localhost:7077,127.0.0.1:7078").masters()).hasSize(2);
  }

  @Test
  void aMalformedMasterIsOneLineNamingTheForms() {
    for (String bad : new String[] {"local[0]", "local[x]", "spark://host", "spark://host:99999", "spark//h:1",
        "mesos://h:5050", "", "local[2]\nspark://x"}) {
      assertThatThrownBy(() -> SparkMaster.parse(bad)).as(bad)
          .isInstanceOf(UserInputException.class)
          .hasMessageStartingWith("--master ")
          .hasMessageContaining("local[*], local[N] or spark://HOST:PORT")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
    assertThatThrownBy(() -> SparkEngine.open(new EngineOptions(1, "sprak://h:1", Map.of())))
        .isInstanceOf(UserInputException.class).hasMessage("--master 'sprak://h:1': not a Spark master URL"
            + " (use local[*], local[N] or spark://HOST:PORT)");
  }

  @Test
  void anUnreachableMasterFailsAtOnceWithOneLine() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // free once closed: nothing listens there
    }
    long t0 = System.nanoTime();
    String url = "spark://127.0.0.1:" + port;
    assertThatThrownBy(() -> SparkEngine.open(new EngineOptions(1, url, Map.of())))
        .isInstanceOf(UserInputException.class)
        .hasMessage("--master '" + url + "': nothing answers at 127.0.0.1:" + port
            + " (start the master, or check host and port)");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(30);
  }

  @Test
  void aClusterWithoutTheApplicationJarIsToldHowToBuildIt() throws IOException {
    String before = System.getProperty(SparkEngine.APP_JAR_PROPERTY);
    try (ServerSocket listening = new ServerSocket(0)) {
      // something answers at the port, so the check reaches the jar (no Spark context is made)
      System.setProperty(SparkEngine.APP_JAR_PROPERTY, "/no/such/rewardlab-app.jar");
      String url = "spark://127.0.0.1:" + listening.getLocalPort();
      assertThatThrownBy(() -> SparkEngine.open(new EngineOptions(1, url, Map.of())))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("the application jar for the executors is missing (/no/such/rewardlab-app.jar)")
          .hasMessageContaining("./mvnw -pl spark -am -DskipTests package");
    } finally {
      if (before == null) System.clearProperty(SparkEngine.APP_JAR_PROPERTY);
      else System.setProperty(SparkEngine.APP_JAR_PROPERTY, before);
    }
  }

  @Test
  void anUnknownHostIsNamed() {
    assertThatThrownBy(() -> SparkMaster.parse("spark://no-such-host.invalid:7077"))
        .isInstanceOf(UserInputException.class).hasMessageContaining("unknown host 'no-such-host.invalid'");
  }

  @Test
  void theExecutorWaitMustBeAPositiveNumber() {
    assertThatThrownBy(() -> SparkEngine.open(new EngineOptions(1, "local[1]",
        Map.of(SparkEngine.EXECUTOR_WAIT_KEY, "soon"))))
        .isInstanceOf(UserInputException.class).hasMessageContaining(SparkEngine.EXECUTOR_WAIT_KEY);
  }
}
