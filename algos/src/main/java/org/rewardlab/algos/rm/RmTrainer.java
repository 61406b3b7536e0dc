package org.rewardlab.algos.rm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
 * Fits one {@link RewardModel} to preference pairs with the {@link BradleyTerryLoss}: shuffle, minibatches
 * of B pairs, chosen and rejected scored in one forward pass, the loss and its gradient in float64 on the
 * scores, one backward pass of Σ sg(∂L/∂r)·r, global-norm clipping, an Adam step.
 *
 * <p>Not thread-safe.
 */
public final class RmTrainer {
  private RmTrainer() {}

  /**
   * What training did, per epoch.
   *
   * @param losses the mean minibatch loss of each epoch
   * @param accuracies the training accuracy (r_w &gt; r_l) of each epoch's minibatches
   * @param updates the number of Adam steps
   */
  public record Report(double[] losses, double[] accuracies, int updates) {
    /** The last epoch's loss. */
    public double finalLoss() {
      return losses[losses.length - 1];
    }
  }

  /** Trains {@code model} on {@code pairs} in place; shuffles with {@code rng}. */
  public static Report train(RewardModel model, List<RmPair> pairs, RmConfig cfg, RandomSource rng) {
    Torch.init();
    int n = pairs.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Adam adam = Adam.withEps(1e-8);
    List<NDArray> params = model.parameters();
    double[] losses = new double[cfg.epochs()];
    double[] accs = new double[cfg.epochs()];
    int updates = 0;
    try (NDManager scope = Torch.manager()) {
      for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
        rng.shuffle(order);
        double lossSum = 0;
        double accSum = 0;
        int accBatches = 0;
        int batches = 0;
        for (int s = 0; s < n; s += cfg.batchSize()) {
          int m = Math.min(cfg.batchSize(), n - s);
          List<RmInput> inputs = new ArrayList<>(2 * m);
          double[] margins = new double[m];
          boolean[] ties = new boolean[m];
          for (int j = 0; j < m; j++) inputs.add(pairs.get(order[s + j]).chosen());
          for (int j = 0; j < m; j++) {
            RmPair p = pairs.get(order[s + j]);
            inputs.add(p.rejected());
            margins[j] = p.margin();
            ties[j] = p.tie();
          }
          BradleyTerryLoss.Result r;
          try (NDManager mb = scope.newSubManager()) {
            try (GradientCollector gc = Torch.gradientCollector()) {
              NDArray scores = model.forward(mb, inputs);
              float[] sv = scores.toFloatArray();
              double[] rw = new double[m];
              double[] rl = new double[m];
              for (int j = 0; j < m; j++) {
                rw[j] = sv[j];
                rl[j] = sv[m + j];
              }
              r = BradleyTerryLoss.compute(rw, rl, margins, ties, cfg.tieWeight(), cfg.centerCoef());
              float[] g = new float[2 * m];
              for (int j = 0; j < m; j++) {
                g[j] = (float) r.gradChosen()[j];
                g[m + j] = (float) r.gradRejected()[j];
              }
              gc.backward(scores.mul(Tensors.create(mb, g)).sum());
            }
          }
          float[][] grads = Gradients.readAndZero(params);
          if (cfg.maxGradNorm() > 0) GradClip.clipGlobalNorm(grads, cfg.maxGradNorm());
          adam.step(params, grads, cfg.learningRate());
          updates++;
          lossSum += r.loss();
          batches++;
          if (!Double.isNaN(r.accuracy())) {
            accSum += r.accuracy();
            accBatches++;
          }
          if (!Double.isFinite(r.loss())) {
            throw new IllegalStateException("reward-model loss became " + r.loss() + " at epoch " + epoch
                + "; lower the learning rate");
          }
        }
        losses[epoch] = lossSum / Math.max(1, batches);
        accs[epoch] = accBatches == 0 ? Double.NaN : accSum / accBatches;
      }
    }
    return new Report(losses, accs, updates);
  }
}
