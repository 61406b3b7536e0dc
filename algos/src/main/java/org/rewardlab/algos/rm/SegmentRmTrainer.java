package org.rewardlab.algos.rm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.nn.Adam;
import org.rewardlab.nn.GradClip;
import org.rewardlab.nn.Gradients;
import org.rewardlab.nn.Tensors;
import org.rewardlab.nn.Torch;

/**
 * Fits a per-transition {@link FeatureRewardModel} to preferences between trajectory segments: a segment's
 * return is the sum of the model's rewards on its transitions, R̂(σ) = Σ_t r_φ(x_t), and the pairs are scored
 * with the {@link BradleyTerryLoss} on those sums (Christiano et al. 2017; the imitation library's
 * {@code PreferenceModel} and {@code CrossEntropyRewardLoss} with a sampled label). A tie is the loss's tie term
 * λ (R̂(σ1) − R̂(σ2))²; λ = 1/8 is the second-order expansion of the cross-entropy with the soft label 1/2
 * that imitation's gatherer gives equal returns in expectation.
 *
 * <p>Per minibatch of B pairs: every transition of the 2B segments in one forward pass, the segment sums as a
 * product with a 0/1 membership matrix, the loss and its gradient on the sums in float64, one backward pass of
 * Σ sg(∂L/∂R̂)·R̂, global-norm clipping, an Adam step. Stateless; a fresh Adam per call.
 */
public final class SegmentRmTrainer {
  private SegmentRmTrainer() {}

  /**
   * Trains {@code model} on {@code pairs} in place, shuffling with {@code rng}.
   *
   * @param tieWeight λ of the tie term
   * @param maxGradNorm global-norm clip (0 = none)
   */
  public static RmTrainer.Report train(FeatureRewardModel model, List<SegmentPair> pairs, int epochs, int batchSize,
      double learningRate, double tieWeight, double maxGradNorm, RandomSource rng) {
    if (pairs.isEmpty()) throw new IllegalArgumentException("no segment pairs to train on");
    if (epochs < 1 || batchSize < 1) throw new IllegalArgumentException("epochs and batch size must be >= 1");
    Torch.init();
    int n = pairs.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Adam adam = Adam.withEps(1e-8);
    List<NDArray> params = model.parameters();
    double[] losses = new double[epochs];
    double[] accs = new double[epochs];
    int updates = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      rng.shuffle(order);
      double lossSum = 0;
      double accSum = 0;
      int accBatches = 0;
      int batches = 0;
      for (int s = 0; s < n; s += batchSize) {
        int m = Math.min(batchSize, n - s);
        List<RmInput> inputs = new ArrayList<>();
        int[] lengths = new int[2 * m];
        boolean[] ties = new boolean[m];
        for (int j = 0; j < m; j++) {
          SegmentPair p = pairs.get(order[s + j]);
          boolean firstChosen = p.tie() || p.firstPreferred();
          addSegment(inputs, firstChosen ? p.first() : p.second(), firstChosen ? p.firstLength() : p.secondLength(), p.dim());
          lengths[j] = firstChosen ? p.firstLength() : p.secondLength();
          ties[j] = p.tie();
        }
        for (int j = 0; j < m; j++) {
          SegmentPair p = pairs.get(order[s + j]);
          boolean firstChosen = p.tie() || p.firstPreferred();
          addSegment(inputs, firstChosen ? p.second() : p.first(), firstChosen ? p.secondLength() : p.firstLength(), p.dim());
          lengths[m + j] = firstChosen ? p.secondLength() : p.firstLength();
        }
        int total = inputs.size();
        float[] member = new float[2 * m * total];
        int at = 0;
        for (int k = 0; k < 2 * m; k++) {
          for (int t = 0; t < lengths[k]; t++) member[k * total + at + t] = 1f;
          at += lengths[k];
        }
        BradleyTerryLoss.Result r;
        try (NDManager mb = Torch.manager()) {
          try (GradientCollector gc = Torch.gradientCollector()) {
            NDArray perStep = model.forward(mb, inputs).reshape(total, 1);
            NDArray sums = Tensors.create(mb, member, new Shape(2L * m, total)).matMul(perStep).reshape(2L * m);
            float[] sv = sums.toFloatArray();
            double[] rw = new double[m];
            double[] rl = new double[m];
            for (int j = 0; j < m; j++) {
              rw[j] = sv[j];
              rl[j] = sv[m + j];
            }
            r = BradleyTerryLoss.compute(rw, rl, null, ties, tieWeight, 0);
            float[] g = new float[2 * m];
            for (int j = 0; j < m; j++) {
              g[j] = (float) r.gradChosen()[j];
              g[m + j] = (float) r.gradRejected()[j];
            }
            gc.backward(sums.mul(Tensors.create(mb, g)).sum());
          }
        }
        float[][] grads = Gradients.readAndZero(params);
        if (maxGradNorm > 0) GradClip.clipGlobalNorm(grads, maxGradNorm);
        adam.step(params, grads, learningRate);
        updates++;
        if (!Double.isFinite(r.loss())) {
          throw new IllegalStateException("segment reward-model loss became " + r.loss() + " at epoch " + epoch
              + "; lower the reward model's learning rate");
        }
        lossSum += r.loss();
        batches++;
        if (!Double.isNaN(r.accuracy())) {
          accSum += r.accuracy();
          accBatches++;
        }
      }
      losses[epoch] = lossSum / Math.max(1, batches);
      accs[epoch] = accBatches == 0 ? Double.NaN : accSum / accBatches;
    }
    return new RmTrainer.Report(losses, accs, updates);
  }

  private static void addSegment(List<RmInput> out, float[] features, int length, int dim) {
    for (int t = 0; t < length; t++) {
      float[] x = new float[dim];
      System.arraycopy(features, t * dim, x, 0, dim);
      out.add(RmInput.vector(x));
    }
  }

  /** R̂(σ) of one segment with the model's current weights (pure Java). */
  public static double segmentReturn(FeatureRewardModel model, float[] features, int length) {
    int dim = features.length / length;
    double s = 0;
    for (int t = 0; t < length; t++) s += model.scoreFeatures(features, t * dim);
    return s;
  }
}
