package org.rewardlab.algos.lm.train;

import java.util.Map;
import java.util.List;

/** One iteration's batch of an LM run: supervised sequences, or a scored generation batch. */
sealed interface LmBatch {
  /** Reference sequences (bos, prompt, answer, eos) for a supervised step. */
  record Supervised(int[][] sequences, int[] promptLengths) implements LmBatch {}

  /**
   * Sampled completions with their rewards and advantages.
   *
   * @param sequences prompt then completion, per row (row p·G + g)
   * @param promptLengths per row
   * @param completionLengths c_b (tokens scored, {@code <eos>} included)
   * @param truncated rows cut before {@code <eos>}
   * @param components the variant's advantage components (per-row advantages and loss weights)
   * @param logpOld π_old per token (null: on-policy, one update per batch)
   * @param logpRef π_ref per token (null: no KL)
   * @param metrics what the generation and scoring measured (rewards, lengths, zero-std groups)
   */
  record Rollout(int[][] sequences, int[] promptLengths, int[] completionLengths, boolean[] truncated,
      List<GrpoVariant.Component> components, float[][] logpOld, float[][] logpRef, Map<String, Double> metrics) implements LmBatch {}

  /**
   * B preference pairs: rows 0..B−1 are prompt + chosen, rows B..2B−1 prompt + rejected (each completion ends in
   * {@code <eos>}).
   *
   * @param sequences 2B rows
   * @param promptLengths per row
   * @param refChosen log π_ref(y_w|x) per pair (sequence sums)
   * @param refRejected log π_ref(y_l|x) per pair
   * @param metrics what making the pairs measured
   */
  record Preference(int[][] sequences, int[] promptLengths, double[] refChosen, double[] refRejected,
      Map<String, Double> metrics) implements LmBatch {
    int pairs() {
      return refChosen.length;
    }
  }
}
