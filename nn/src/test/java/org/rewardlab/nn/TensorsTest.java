package org.rewardlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parameters live in Java buffers that DJL keeps alive: values written with {@link Tensors#set} (as
 * the optimizer does) must read back intact however much the collector runs.
 */
class TensorsTest {

  @Test
  void valuesSurviveSetAndGarbageCollection() {
    Torch.init();
    try (NDManager m = Torch.manager().newSubManager()) {
      int n = 4096;
      NDArray p = Tensors.create(m, new float[n], new Shape(n));
      p.setRequiresGradient(true);
      assertThat(p.hasGradient()).isTrue();
      for (int round = 1; round <= 20; round++) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = round * 1000 + i;
        Tensors.set(p, v);
        churnDirectMemory();
        assertThat(p.toFloatArray()).containsExactly(v);
        // a computation reading the parameter sees the written values too
        try (NDArray total = p.sum()) {
          assertThat(total.getFloat()).isEqualTo(sum(v));
        }
      }
    }
  }

  private static float sum(float[] v) {
    double s = 0;
    for (float x : v) s += x;
    return (float) s;
  }

  /** Allocates and drops direct buffers and asks for collections, so freed buffers get reused. */
  private static void churnDirectMemory() {
    List<ByteBuffer> keep = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      ByteBuffer b = ByteBuffer.allocateDirect(16 * 1024);
      for (int j = 0; j < b.capacity(); j += 4) b.putInt(j, 0x7fc0dead);
      keep.add(b);
    }
    keep.clear();
    System.gc();
  }
}
