package org.rewardlab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.master.Master;
import org.apache.spark.rpc.RpcEnv;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.parallel.EngineOptions;

/**
 * A standalone master that answers but has no worker: the engine waits its bound for an executor,
 * then stops its context and says so in one line (never a hang). The master runs in this JVM.
 */
class NoWorkersTest {
  @Test
  void aMasterWithoutWorkersFailsAfterTheBoundAndLeavesNoSession() {
    SparkConf conf = new SparkConf().set("spark.master.rest.enabled", "false").set("spark.ui.enabled", "false");
    RpcEnv rpc = Master.startRpcEnvAndEndpoint("127.0.0.1", 0, 0, conf)._1();
    try {
      String url = "spark://127.0.0.1:" + rpc.address().port();
      long t0 = System.nanoTime();
      // spark.jars empty: no application jar is needed since no task runs
      assertThatThrownBy(() -> SparkEngine.open(new EngineOptions(1, url,
          Map.of(SparkEngine.EXECUTOR_WAIT_KEY, "3", "spark.jars", ""))))
          .isInstanceOf(UserInputException.class)
          .hasMessage("--master '" + url + "': no executor registered within 3 s (the master has no workers with"
              + " free cores and memory: start a worker, or lower spark.executor.memory / spark.executor.cores"
              + " with --conf)");
      assertThat((System.nanoTime() - t0) / 1e9).as("registration (<= 30 s) + the 3 s wait, never a hang").isLessThan(40);
      assertThat(SparkSession.getDefaultSession().isDefined()).as("the session was stopped").isFalse();
    } finally {
      rpc.shutdown();
      rpc.awaitTermination();
    }
  }
}
