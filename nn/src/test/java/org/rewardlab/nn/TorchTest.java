package org.rewardlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class TorchTest {
  @Test
  void loadsOfflineWithOneThread() {
    Torch.init();
    assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    assertThat(Torch.numThreads()).isEqualTo(1);
    assertThat(Torch.numInteropThreads()).isEqualTo(1);
    try (NDManager m = Torch.manager()) {
      NDArray a = m.create(new float[] {1, 2, 3});
      assertThat(a.mul(2).sum().getFloat()).isEqualTo(12f);
    }
  }
}
