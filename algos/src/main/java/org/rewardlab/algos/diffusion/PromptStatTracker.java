package org.rewardlab.algos.diffusion;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * DDPO's per-prompt advantage normalisation (ddpo-pytorch {@code PerPromptStatTracker}): each prompt
 * keeps a deque of its last {@code bufferSize} rewards; a batch's rewards are appended first, then
 * {@code A = (r - mean) / (std + 1e-6)} with the prompt's buffer statistics once it holds at least
 * {@code minCount} rewards, and with the whole batch's statistics before that. Not thread-safe.
 */
public final class PromptStatTracker {
  private final int bufferSize;
  private final int minCount;
  private final Map<Integer, ArrayDeque<Double>> buffers = new HashMap<>();

  public PromptStatTracker(int bufferSize, int minCount) {
    if (bufferSize < 1 || minCount < 1) throw new IllegalArgumentException("bufferSize and minCount must be >= 1");
    this.bufferSize = bufferSize;
    this.minCount = minCount;
  }

  /** The normalised advantages of {@code rewards} (row i of prompt {@code prompts[i]}). */
  public double[] update(int[] prompts, double[] rewards) {
    double[] batchStats = meanStd(rewards, null);
    Map<Integer, double[]> stats = new HashMap<>();
    for (int i = 0; i < prompts.length; i++) {
      ArrayDeque<Double> q = buffers.computeIfAbsent(prompts[i], k -> new ArrayDeque<>());
      q.addLast(rewards[i]);
      while (q.size() > bufferSize) q.removeFirst();
    }
    double[] adv = new double[rewards.length];
    for (int i = 0; i < prompts.length; i++) {
      double[] ms = stats.computeIfAbsent(prompts[i], p -> {
        ArrayDeque<Double> q = buffers.get(p);
        return q.size() < minCount ? batchStats : meanStd(null, q);
      });
      adv[i] = (rewards[i] - ms[0]) / (ms[1] + 1e-6);
    }
    return adv;
  }

  /** The buffers as {@code [prompt, size, rewards..., prompt, size, ...]} in prompt order, for checkpoints. */
  public double[] state() {
    java.util.List<Double> out = new java.util.ArrayList<>();
    for (int p : new java.util.TreeSet<>(buffers.keySet())) {
      ArrayDeque<Double> q = buffers.get(p);
      out.add((double) p);
      out.add((double) q.size());
      out.addAll(q);
    }
    double[] a = new double[out.size()];
    for (int i = 0; i < a.length; i++) a[i] = out.get(i);
    return a;
  }

  /** Replaces the buffers with a {@link #state()}. */
  public void restore(double[] state) {
    buffers.clear();
    int i = 0;
    while (i < state.length) {
      int p = (int) state[i];
      int n = (int) state[i + 1];
      ArrayDeque<Double> q = new ArrayDeque<>();
      for (int k = 0; k < n; k++) q.addLast(state[i + 2 + k]);
      buffers.put(p, q);
      i += 2 + n;
    }
  }

  private static double[] meanStd(double[] a, ArrayDeque<Double> q) {
    double s = 0;
    double ss = 0;
    int n = 0;
    if (a != null) {
      for (double v : a) {
        s += v;
        n++;
      }
    } else {
      for (double v : q) {
        s += v;
        n++;
      }
    }
    double mean = s / n;
    if (a != null) {
      for (double v : a) ss += (v - mean) * (v - mean);
    } else {
      for (double v : q) ss += (v - mean) * (v - mean);
    }
    return new double[] {mean, Math.sqrt(ss / n)};
  }
}
