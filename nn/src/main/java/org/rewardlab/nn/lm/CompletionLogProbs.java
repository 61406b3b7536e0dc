package org.rewardlab.nn.lm;

/**
 * Per-token log-probabilities and entropies of completions as Java arrays (no graph): the rollout and
 * reference-model view of {@link TokenLogProbs}. Row b has exactly c_b entries (its completion length).
 *
 * @param logProbs {@code logProbs[b][t]} = log π(y_{b,t} | prompt_b, y_{b,<t})
 * @param entropy {@code entropy[b][t]} = entropy (nats) of the distribution that predicts y_{b,t}
 */
public record CompletionLogProbs(float[][] logProbs, float[][] entropy) {

  /** Cuts padded {@code [B, C]} row-major arrays into rows of their completion lengths. */
  static CompletionLogProbs of(float[] lp, float[] ent, int[] lengths) {
    int b = lengths.length;
    int c = lp.length / b;
    float[][] l = new float[b][];
    float[][] e = new float[b][];
    for (int i = 0; i < b; i++) {
      l[i] = java.util.Arrays.copyOfRange(lp, i * c, i * c + lengths[i]);
      e[i] = java.util.Arrays.copyOfRange(ent, i * c, i * c + lengths[i]);
    }
    return new CompletionLogProbs(l, e);
  }

  /** Σ_t log π of row b: the log-probability of the whole completion. */
  public double sequenceLogProb(int b) {
    double s = 0;
    for (float x : logProbs[b]) s += x;
    return s;
  }
}
