package org.rewardlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two trainings on two threads of one JVM (a sweep on the local engine) each get their own gradients. */
class ThreadGradientCollectorTest {
  /** d/da sum((x * a)^2) = 2 x^2 a, computed while another thread holds a collector open. */
  static float[] gradient(float x, CountDownLatch bothOpen) throws Exception {
    try (NDManager m = Torch.manager()) {
      NDArray a = m.create(new float[] {1f, 2f});
      a.setRequiresGradient(true);
      try (NDManager s = m.newSubManager(); GradientCollector gc = Torch.gradientCollector()) {
        bothOpen.countDown();
        assertThat(bothOpen.await(20, TimeUnit.SECONDS)).isTrue();
        gc.backward(a.mul(x).square().sum());
      }
      return Gradients.readAndZero(List.of(a))[0];
    }
  }

  @Test
  void twoThreadsCollectAtOnceEachIntoItsOwnParameters() throws Exception {
    CountDownLatch bothOpen = new CountDownLatch(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<float[]> f1 = pool.submit(() -> gradient(1f, bothOpen));
      Future<float[]> f3 = pool.submit(() -> gradient(3f, bothOpen));
      assertThat(f1.get(30, TimeUnit.SECONDS)).containsExactly(2f, 4f);
      assertThat(f3.get(30, TimeUnit.SECONDS)).containsExactly(18f, 36f);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Why the project's own collector exists: DJL's allows one in the whole process. Kept as a test. */
  @Test
  void djlsOwnCollectorRefusesASecondOneAtATime() {
    try (GradientCollector first = Torch.init().newGradientCollector()) {
      assertThatThrownBy(() -> Torch.init().newGradientCollector()).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Only one can be collecting at a time");
      try (GradientCollector ours = Torch.gradientCollector()) {
        assertThat(ours).isNotNull();
      }
    }
  }

  @Test
  void zeroingEveryGradientInTheProcessIsNotOffered() {
    try (GradientCollector gc = Torch.gradientCollector()) {
      assertThatThrownBy(gc::zeroGradients).isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
