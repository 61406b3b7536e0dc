package org.rewardlab.nn.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of the positions already processed, per layer {@code [B, H, L, Dh]} (after rotary
 * rotation, when used), so that later tokens need a forward pass over themselves only.
 *
 * <p>Two modes. <b>Generation</b> ({@link #forGeneration}): buffers of the generation's full length
 * are allocated at the prompt pass and each step writes its keys and values into the next columns
 * (no copy of the past per step); attention reads a view of the filled part. The buffers live in the
 * cache's own child manager of the generation's scope, so the per-step scopes can close; no graph. <b>Scoring</b>
 * ({@link #forScoring}): a shared prompt's keys and values, computed once per distinct prompt inside
 * a training step's scope, are copied to the rows that share it ({@link #selectRows}) and extended
 * by the completions; nothing is freed early, so gradients flow back through them.
 *
 * <p>Not thread-safe.
 */
final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final boolean inference;
  private final int capacity;
  private final NDArray[] keys;
  private final NDArray[] values;
  /** Filled columns per layer of keys and of values (generation mode). */
  private final int[] keyLength;
  private final int[] valueLength;
  /** Whether a layer's keys (index 2l) or values (2l+1) have moved into a full-length buffer. */
  private final boolean[] buffered;

  private KvCache(NDManager manager, int layers, boolean inference, int capacity) {
    this.manager = manager;
    this.inference = inference;
    this.capacity = capacity;
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
    this.keyLength = new int[layers];
    this.valueLength = new int[layers];
    this.buffered = new boolean[2 * layers];
  }

  /**
   * A cache for a generation (inference only) of at most {@code capacity} positions, with its own
   * child manager of {@code scope}.
   */
  static KvCache forGeneration(NDManager scope, int layers, int capacity) {
    return new KvCache(scope.newSubManager(), layers, true, capacity);
  }

  /** A cache whose tensors stay in {@code scope} (the caller's training or scoring scope). */
  static KvCache forScoring(NDManager scope, int layers) {
    return new KvCache(scope, layers, false, 0);
  }

  NDArray appendKeys(int layer, NDArray k) {
    if (!inference) return keys[layer] = keys[layer] == null ? k : keys[layer].concat(k, 2);
    if (keys[layer] == null) {
      keys[layer] = own(k);
      keyLength[layer] = (int) k.getShape().get(2);
      return keys[layer];
    }
    keys[layer] = buffer(keys[layer], keyLength[layer], 2 * layer);
    keyLength[layer] = write(keys[layer], keyLength[layer], k);
    return view(keys[layer], keyLength[layer], k.getManager());
  }

  NDArray appendValues(int layer, NDArray v) {
    if (!inference) return values[layer] = values[layer] == null ? v : values[layer].concat(v, 2);
    if (values[layer] == null) {
      values[layer] = own(v);
      valueLength[layer] = (int) v.getShape().get(2);
      return values[layer];
    }
    values[layer] = buffer(values[layer], valueLength[layer], 2 * layer + 1);
    valueLength[layer] = write(values[layer], valueLength[layer], v);
    return view(values[layer], valueLength[layer], v.getManager());
  }

  /** A contiguous copy of the prompt pass's keys or values, owned by the cache. */
  private NDArray own(NDArray fresh) {
    NDArray c = fresh.duplicate();
    c.attach(manager);
    return c;
  }

  /**
   * The layer's buffer {@code [B, H, capacity, Dh]}: at the first decoding step, the prompt's keys or
   * values ({@code [B, H, length, Dh]}) move into a buffer of the generation's full length.
   */
  private NDArray buffer(NDArray cached, int length, int slot) {
    if (buffered[slot]) return cached;
    buffered[slot] = true;
    Shape s = cached.getShape();
    NDArray buf = manager.zeros(new Shape(s.get(0), s.get(1), capacity, s.get(3)), cached.getDataType());
    buf.set(new NDIndex(":, :, 0:{}", length), cached);
    cached.close();
    return buf;
  }
  /** Writes {@code fresh} {@code [B, H, T, Dh]} into columns {@code length..length+T}; returns the new length. */
  private int write(NDArray buf, int length, NDArray fresh) {
    int t = (int) fresh.getShape().get(2);
    if (length + t > capacity) {
      throw new IllegalStateException("KV cache of " + capacity + " positions cannot take " + (length + t));
    }
    buf.set(new NDIndex(":, :, {}:{}", length, length + t), fresh);
    return length + t;
  }

  /** The filled part of a buffer, as a view owned by {@code owner} (the step's scope). */
  private static NDArray view(NDArray buf, int length, NDManager owner) {
    return buf.get(owner, new NDIndex(":, :, :{}", length));
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
      if (!inference) {
        keys[l] = k;
        values[l] = v;
        continue;
      }
      keys[l].close();
      values[l].close();
      k.attach(manager);
      v.attach(manager);
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
