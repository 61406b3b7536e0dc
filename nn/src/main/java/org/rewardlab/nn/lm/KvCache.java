package org.rewardlab.nn.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * Keys and values of the positions already processed, per layer {@code [B, H, L, Dh]} (after rotary
 * rotation, when used), so that later tokens need a forward pass over themselves only.
 *
 * <p>Two modes. <b>Generation</b> ({@link #forGeneration}): each step concatenates the new keys and
 * values along the length axis and frees the old arrays; the tensors live in the cache's own child
 * manager of the generation's scope, so the per-step scopes can close; no graph. <b>Scoring</b>
 * ({@link #forScoring}): a shared prompt's keys and values, computed once per distinct prompt inside
 * a training step's scope, are copied to the rows that share it ({@link #selectRows}) and extended
 * by the completions; nothing is freed early, so gradients flow back through them.
 *
 * <p>Not thread-safe.
 */
final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final boolean inference;
  private final NDArray[] keys;
  private final NDArray[] values;

  private KvCache(NDManager manager, int layers, boolean inference) {
    this.manager = manager;
    this.inference = inference;
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
  }

  /** A cache for a generation (inference only), with its own child manager of {@code scope}. */
  static KvCache forGeneration(NDManager scope, int layers) {
    return new KvCache(scope.newSubManager(), layers, true);
  }

  /** A cache whose tensors stay in {@code scope} (the caller's training or scoring scope). */
  static KvCache forScoring(NDManager scope, int layers) {
    return new KvCache(scope, layers, false);
  }

  NDArray appendKeys(int layer, NDArray k) {
    keys[layer] = append(keys[layer], k);
    return keys[layer];
  }

  NDArray appendValues(int layer, NDArray v) {
    values[layer] = append(values[layer], v);
    return values[layer];
  }

  private NDArray append(NDArray old, NDArray fresh) {
    if (!inference) return old == null ? fresh : old.concat(fresh, 2);
    NDArray all;
    if (old == null) {
      // a contiguous copy owned by the cache (fresh is a view into the step's qkv tensor)
      all = fresh.duplicate();
    } else {
      all = old.concat(fresh, 2);
      old.close();
    }
    all.attach(manager);
    return all;
  }

  /**
   * Replaces every cached tensor by its rows {@code rows} (int64 {@code [B']}): row i of the result
   * is row {@code rows[i]} of the cache (a prompt's keys and values copied to each of its samples).
   */
  void selectRows(NDArray rows) {
    NDIndex index = new NDIndex("{}", rows);
    for (int l = 0; l < keys.length; l++) {
      NDArray k = keys[l].get(index);
      NDArray v = values[l].get(index);
      if (inference) {
        keys[l].close();
        values[l].close();
        k.attach(manager);
        v.attach(manager);
      }
      keys[l] = k;
      values[l] = v;
    }
  }

  /** Frees a generation cache's tensors (a scoring cache's belong to the caller's scope). */
  @Override
  public void close() {
    if (inference) manager.close();
  }
}
