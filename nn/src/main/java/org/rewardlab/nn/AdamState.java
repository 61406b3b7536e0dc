package org.rewardlab.nn;

import org.rewardlab.core.run.Checkpoint;

/**
 * The state of an {@link Adam} optimizer: step count and the two moment estimates, one array per
 * parameter in parameter order (empty before the first step).
 *
 * @param step number of steps taken (torch's {@code state['step']})
 * @param m first-moment estimates (torch's {@code exp_avg})
 * @param v second-moment estimates (torch's {@code exp_avg_sq})
 */
public record AdamState(long step, float[][] m, float[][] v) {
  public AdamState {
    if (step < 0) throw new IllegalArgumentException("Adam step count must be >= 0, got " + step);
    if (m.length != v.length) {
      throw new IllegalArgumentException("Adam state has " + m.length + " first moments but " + v.length + " second");
    }
  }

  /** Writes this state into {@code b} under {@code prefix} ({@code prefix.step}, {@code prefix.m.<i>}, ...). */
  public void writeTo(Checkpoint.Builder b, String prefix) {
    b.counter(prefix + ".step", step);
    b.counter(prefix + ".count", m.length);
    for (int i = 0; i < m.length; i++) {
      b.floats(prefix + ".m." + i, m[i]);
      b.floats(prefix + ".v." + i, v[i]);
    }
  }

  /** Reads a state written by {@link #writeTo}. */
  public static AdamState readFrom(Checkpoint c, String prefix) {
    long step = c.counter(prefix + ".step");
    int n = (int) c.counter(prefix + ".count");
    float[][] m = new float[n][];
    float[][] v = new float[n][];
    for (int i = 0; i < n; i++) {
      m[i] = c.floats(prefix + ".m." + i);
      v[i] = c.floats(prefix + ".v." + i);
    }
    return new AdamState(step, m, v);
  }
}
