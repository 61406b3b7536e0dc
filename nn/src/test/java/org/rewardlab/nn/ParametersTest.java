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
 * Regression test for parameters backed by a garbage-collected Java buffer: values written with
 * {@code set} (as the optimizer does) must read back intact however much the collector runs.
 */
class ParametersTest {

  @Test
  void valuesSurviveSetAndGarbageCollection() {
    Torch.init();
    try (NDManager m = Torch.manager().newSubManager()) {
      int n = 4096;
      NDArray p = Parameters.create(m, new float[n], new Shape(n));
      assertThat(p.hasGradient()).isTrue();
      for (int round = 1; round <= 20; round++) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = round * 1000 + i;
        p.set(v);
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
