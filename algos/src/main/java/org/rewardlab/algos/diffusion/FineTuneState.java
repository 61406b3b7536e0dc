package org.rewardlab.algos.diffusion;

import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.nn.Adam;
import org.rewardlab.nn.AdamState;

/**
 * What every {@link FineTuner} carries from epoch to epoch: its Adam optimizer, its random stream,
 * and the reward-query and update counters, with their checkpoint entries ({@code ft.adam},
 * {@code ft.rng}, {@code ft.queries}, {@code ft.updates}). Not thread-safe.
 */
final class FineTuneState {
  private final Adam adam = Adam.withEps(1e-8);
  private final RandomSource rng;
  private long queries;
  private long updates;

  FineTuneState(RandomSource rng) {
    this.rng = rng;
  }

  /** Counts {@code n} reward evaluations. */
  void queried(int n) {
    queries += n;
  }

  /** One Adam step on {@code params} with {@code grads}, counted as an update. */
  void step(float[][] params, float[][] grads, double lr) {
    adam.step(params, grads, lr);
    updates++;
  }

  long queries() {
    return queries;
  }

  long updates() {
    return updates;
  }

  void write(Checkpoint.Builder b) {
    adam.exportState().writeTo(b, "ft.adam");
    b.longs("ft.rng", rng.state());
    b.counter("ft.queries", queries);
    b.counter("ft.updates", updates);
  }

  void read(Checkpoint c) {
    adam.importState(AdamState.readFrom(c, "ft.adam"));
    rng.restore(c.longs("ft.rng"));
    queries = c.counter("ft.queries");
    updates = c.counter("ft.updates");
  }
}
