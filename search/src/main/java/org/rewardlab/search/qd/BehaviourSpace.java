package org.rewardlab.search.qd;

import java.util.List;
import org.rewardlab.core.random.RandomSource;

/**
 * Maps evaluations to behaviour descriptors: hand-designed ({@link #handDesigned}, the evaluation's
 * own measures, e.g. the final position) or learned from raw observations (TAXONS's autoencoder,
 * GEN §4, in {@code algos.qd}), which also scores <em>surprise</em> (how badly it reconstructs an
 * observation). A learned space changes when {@link #fit} retrains it; callers then recompute
 * every stored descriptor.
 *
 * <p>Implementations are not thread-safe.
 */
public interface BehaviourSpace {

  /** Descriptor length. */
  int dim();

  /** The descriptor of each evaluation (a learned space reads {@link Evaluation#observation()}). */
  double[][] describe(List<Evaluation> evaluations);

  /** The surprise of each evaluation (reconstruction error); NaN for a hand-designed space. */
  double[] surprise(List<Evaluation> evaluations);

  /** Whether {@link #fit} learns anything. */
  boolean learned();

  /**
   * Retrains on raw observations.
   *
   * @return epochs run (0 for a hand-designed space)
   */
  int fit(List<float[]> observations, RandomSource rng);

  /** The evaluation's own measures, of length {@code dim}. */
  static BehaviourSpace handDesigned(int dim) {
    return new BehaviourSpace() {
      @Override
      public int dim() {
        return dim;
      }

      @Override
      public double[][] describe(List<Evaluation> evaluations) {
        double[][] out = new double[evaluations.size()][];
        for (int i = 0; i < out.length; i++) out[i] = evaluations.get(i).measures().clone();
        return out;
      }

      @Override
      public double[] surprise(List<Evaluation> evaluations) {
        double[] s = new double[evaluations.size()];
        java.util.Arrays.fill(s, Double.NaN);
        return s;
      }

      @Override
      public boolean learned() {
        return false;
      }

      @Override
      public int fit(List<float[]> observations, RandomSource rng) {
        return 0;
      }
    };
  }
}
