package org.rewardlab.nn.lm;

import org.rewardlab.core.text.CharTokenizer;

/**
 * Completions drawn by a {@link Sampler}, one row per (repeated) prompt, with per-token log-probs.
 * Row b's arrays all have its completion's length c_b.
 *
 * @param prompts the prompt of each row (with G samples per prompt, each prompt repeated G times in a
 *     row: row {@code p·G + g})
 * @param completions the generated ids; a row that ended ends with {@code <eos>}
 * @param samplingLogProbs log q(y_t): the log-probability of each token under the distribution it was
 *     actually drawn from (softmax of logits/τ restricted to the top-k / top-p set and renormalized);
 *     0 under greedy decoding
 * @param logProbs log π(y_t | prefix) of the model itself (temperature 1, no filtering), from the
 *     same logits; equal to {@link TinyGpt#completionLogProbs} up to float rounding (~1e-6), not bit
 *     for bit: an importance ratio's π_old should come from {@link TinyGpt#completionLogProbs}, as TRL
 *     recomputes it with a separate forward pass
 * @param ended whether the row emitted {@code <eos>} (false: cut by the token budget or the context)
 */
public record Generation(
    int[][] prompts, int[][] completions, float[][] samplingLogProbs, float[][] logProbs, boolean[] ended) {

  /** B. */
  public int size() {
    return completions.length;
  }

  /** Prompt followed by completion, per row: the input of {@link TinyGpt#logProbs}. */
  public int[][] sequences() {
    int[][] s = new int[completions.length][];
    for (int b = 0; b < s.length; b++) {
      s[b] = new int[prompts[b].length + completions[b].length];
      System.arraycopy(prompts[b], 0, s[b], 0, prompts[b].length);
      System.arraycopy(completions[b], 0, s[b], prompts[b].length, completions[b].length);
    }
    return s;
  }

  /** The prompt length of each row. */
  public int[] promptLengths() {
    int[] p = new int[prompts.length];
    for (int b = 0; b < p.length; b++) p[b] = prompts[b].length;
    return p;
  }

  /** Σ_b c_b, the number of generated tokens. */
  public int tokenCount() {
    int n = 0;
    for (int[] c : completions) n += c.length;
    return n;
  }

  /** Whether row b's completion was cut before {@code <eos>} (TRL's truncated completions). */
  public boolean truncated(int b) {
    return !ended[b];
  }

  /** Row b's completion without its final {@code <eos>}. */
  public int[] answer(int b) {
    int[] c = completions[b];
    int n = c.length > 0 && c[c.length - 1] == CharTokenizer.EOS ? c.length - 1 : c.length;
    return java.util.Arrays.copyOf(c, n);
  }
}
