package org.rewardlab.nn.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of the positions a generation has already processed, per layer {@code [B, H, L, Dh]}
 * (after rotary rotation, when used), so a new token needs one forward pass over itself only.
 *
 * <p>Each step concatenates the new keys and values along the length axis and frees the old arrays;
 * the cache's tensors live in their own child manager of the generation's scope, so the per-step
 * scopes can close. Inference only (no graph). Not thread-safe.
 */
final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private int length;

  KvCache(NDManager scope, int layers) {
    this.manager = scope.newSubManager();
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
  }

  /** Number of positions cached. */
  int length() {
    return length;
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

  /** Records that the forward pass that appended to every layer covered {@code t} positions. */
  void advance(int t) {
    length += t;
  }

  @Override
  public void close() {
    manager.close();
  }
}
