package org.rewardlab.nn.lm;

/**
 * How a {@link Sampler} draws completions. The filters apply in Hugging Face's order: temperature,
 * then top-k, then top-p, then renormalize and draw.
 *
 * @param maxNewTokens most tokens generated per sequence (fewer when the context fills first)
 * @param temperature τ: the logits are divided by it before the softmax; 0 means greedy (argmax, the
 *     lowest id among ties, no random draw)
 * @param topK keep only the k most probable tokens (ties with the k-th kept); 0 = off
 * @param topP nucleus sampling: keep the most probable tokens whose probabilities sum to at least p
 *     (Hugging Face's rule: drop a token when the mass of it and all less probable ones is at most
 *     1 − p; the most probable token always stays); 1 = off
 * @param stopAtEos a sequence ends when it emits {@code <eos>} (kept as its last token); the rest of
 *     the batch goes on, the ended rows are fed {@code <pad>} and draw nothing
 * @param kvCache keep keys and values of past positions (one forward pass over the new token per
 *     step) or recompute the whole prefix every step (slower; same tokens, logits equal to ~1e-5)
 */
public record SamplingConfig(
    int maxNewTokens, float temperature, int topK, float topP, boolean stopAtEos, boolean kvCache) {

  public SamplingConfig {
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be at least 1, got " + maxNewTokens);
    }
    if (!(temperature >= 0) || Float.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be >= 0 (0 = greedy), got " + temperature);
    }
    if (topK < 0) throw new IllegalArgumentException("topK must be >= 0 (0 = off), got " + topK);
    if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("topP must lie in (0, 1] (1 = off), got " + topP);
  }

  /** Plain sampling at temperature 1 with the cache, stopping at {@code <eos>}. */
  public static SamplingConfig sample(int maxNewTokens) {
    return new SamplingConfig(maxNewTokens, 1f, 0, 1f, true, true);
  }

  /** Greedy decoding with the cache, stopping at {@code <eos>}. */
  public static SamplingConfig greedy(int maxNewTokens) {
    return new SamplingConfig(maxNewTokens, 0f, 0, 1f, true, true);
  }

  public SamplingConfig withTemperature(float t) {
    return new SamplingConfig(maxNewTokens, t, topK, topP, stopAtEos, kvCache);
  }

  public SamplingConfig withTopK(int k) {
    return new SamplingConfig(maxNewTokens, temperature, k, topP, stopAtEos, kvCache);
  }

  public SamplingConfig withTopP(float p) {
    return new SamplingConfig(maxNewTokens, temperature, topK, p, stopAtEos, kvCache);
  }

  public SamplingConfig withStopAtEos(boolean stop) {
    return new SamplingConfig(maxNewTokens, temperature, topK, topP, stop, kvCache);
  }

  public SamplingConfig withKvCache(boolean cache) {
    return new SamplingConfig(maxNewTokens, temperature, topK, topP, stopAtEos, cache);
  }

  /** Whether decoding is greedy (temperature 0). */
  public boolean greedy() {
    return temperature == 0f;
  }
}
