package org.rewardlab.envs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.vector.SyncVectorEnv;
import org.rewardlab.envs.EnvRegistry;

class EnvThroughputTest {

  @Test
  void measureCountsTheRequestedSteps() {
    EnvThroughput.Result single = EnvThroughput.measure("CartPole-v1", 1, 20_000, 1);
    assertThat(single.envId()).isEqualTo("CartPole-v1");
    assertThat(single.steps()).isEqualTo(20_000);
    assertThat(single.seconds()).isPositive();
    assertThat(single.stepsPerSecond()).isEqualTo(single.steps() / single.seconds());
    EnvThroughput.Result vec = EnvThroughput.measure("Pendulum-v1", 8, 16_000, 1);
    assertThat(vec.numEnvs()).isEqualTo(8);
    assertThat(vec.steps()).isEqualTo(16_000);
    assertThatThrownBy(() -> EnvThroughput.measure("CartPole-v1", 0, 10, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void vectorStepAllocatesNothing() {
    var bean = ManagementFactory.getThreadMXBean();
    if (!(bean instanceof com.sun.management.ThreadMXBean threads) || !threads.isThreadAllocatedMemorySupported()) return;
    for (String id : EnvThroughputTest.IDS) {
      SyncVectorEnv v = new SyncVectorEnv(EnvRegistry.make(id), 8);
      v.reset(0);
      float[] actions = new float[8 * v.actionSize()];
      for (int k = 0; k < 20_000; k++) v.step(actions); // warm up (allocation by class loading and JIT)
      long tid = Thread.currentThread().getId();
      long before = threads.getThreadAllocatedBytes(tid);
      for (int k = 0; k < 20_000; k++) v.step(actions);
      long allocated = threads.getThreadAllocatedBytes(tid) - before;
      assertThat(allocated).as("%s: bytes allocated by 160k env steps", id).isLessThan(4096);
    }
  }

  static final String[] IDS = {"CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1", "Soccer2D-v0", "Route2D-v0"};
}
