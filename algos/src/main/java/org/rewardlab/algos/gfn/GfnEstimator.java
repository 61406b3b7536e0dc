package org.rewardlab.algos.gfn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.gfn.GfnEnv;
import org.rewardlab.nn.Activation;
import org.rewardlab.nn.Mlp;
import org.rewardlab.nn.MlpSnapshot;
import org.rewardlab.nn.Tensors;

/**
 * The estimators of a GFlowNet, as torchgfn separates them: a forward policy {@code P_F} (logits over
 * all actions, exit last), a backward policy {@code P_B} (logits over the backward actions; absent
 * when P_B is fixed uniform), a state log-flow {@code log F(s)} (absent unless the objective needs
 * it) and a scalar {@code log Z}. Each is its own {@link Mlp} (torchgfn's untied default), ReLU,
 * hidden layers orthogonal with gain sqrt(2), output layers with gain 0.1 so the initial policy is
 * near uniform. {@code log Z} starts at 0.
 *
 * <p>Owns a DJL manager; close it. Not thread-safe.
 */
public final class GfnEstimator implements AutoCloseable {
  private static final double OUTPUT_GAIN = 0.1;
  private final NDManager manager;
  private final Mlp pf;
  private final Mlp pb;
  private final Mlp logF;
  private final NDArray logZ;

  /**
   * @param learnedBackward whether P_B is a network (else uniform over parents)
   * @param stateFlow whether to build the log F head
   * @param rng draws the initial weights (P_F, then P_B, then log F, each from its own child stream)
   */
  public GfnEstimator(NDManager manager, GfnEnv env, int[] hidden, boolean learnedBackward, boolean stateFlow,
      RandomSource rng) {
    this.manager = manager;
    int in = env.featureSize();
    this.pf = Mlp.create(manager, in, hidden, env.numActions(), Activation.RELU, OUTPUT_GAIN, rng.derive("pf"));
    this.pb = learnedBackward
        ? Mlp.create(manager, in, hidden, env.exitAction(), Activation.RELU, OUTPUT_GAIN, rng.derive("pb")) : null;
    this.logF = stateFlow ? Mlp.create(manager, in, hidden, 1, Activation.RELU, OUTPUT_GAIN, rng.derive("logf")) : null;
    this.logZ = Tensors.create(manager, new float[1], new Shape(1));
    logZ.setRequiresGradient(true);
  }

  public NDManager manager() {
    return manager;
  }

  public Mlp forward() {
    return pf;
  }

  /** The backward network, or null when P_B is uniform. */
  public Mlp backward() {
    return pb;
  }

  /** The state-flow network, or null. */
  public Mlp stateFlow() {
    return logF;
  }

  /** The scalar {@code log Z} (shape [1]). */
  public NDArray logZ() {
    return logZ;
  }

  public double logZValue() {
    return logZ.toFloatArray()[0];
  }

  /** Network parameters (P_F, P_B, log F), trained at the network learning rate. */
  public List<NDArray> networkParameters() {
    List<NDArray> p = new ArrayList<>(pf.parameters());
    if (pb != null) p.addAll(pb.parameters());
    if (logF != null) p.addAll(logF.parameters());
    return p;
  }

  /** A pure-Java copy of P_F for sampling and exact evaluation. */
  public MlpSnapshot forwardSnapshot() {
    return pf.snapshot();
  }

  /** A pure-Java copy of log F, or null. */
  public MlpSnapshot stateFlowSnapshot() {
    return logF == null ? null : logF.snapshot();
  }

  /** Every parameter by name, for checkpoints. */
  public Map<String, float[]> exportWeights() {
    Map<String, float[]> m = new LinkedHashMap<>();
    pf.exportWeights().forEach((k, v) -> m.put("pf." + k, v));
    if (pb != null) pb.exportWeights().forEach((k, v) -> m.put("pb." + k, v));
    if (logF != null) logF.exportWeights().forEach((k, v) -> m.put("logf." + k, v));
    m.put("logz", logZ.toFloatArray());
    return m;
  }

  /** Restores {@link #exportWeights()}. */
  public void importWeights(Map<String, float[]> named) {
    pf.importWeights(sub(named, "pf."));
    if (pb != null) pb.importWeights(sub(named, "pb."));
    if (logF != null) logF.importWeights(sub(named, "logf."));
    Tensors.set(logZ, named.get("logz"));
  }

  private static Map<String, float[]> sub(Map<String, float[]> named, String prefix) {
    Map<String, float[]> m = new LinkedHashMap<>();
    named.forEach((k, v) -> {
      if (k.startsWith(prefix)) m.put(k.substring(prefix.length()), v);
    });
    return m;
  }

  /** Largest |parameter| (NaN if any is NaN), for the runner's guard. */
  public double maxAbsParameter() {
    double max = 0;
    for (float[] v : exportWeights().values()) {
      for (float x : v) {
        if (Float.isNaN(x)) return Double.NaN;
        max = Math.max(max, Math.abs(x));
      }
    }
    return max;
  }

  @Override
  public void close() {
    manager.close();
  }
}
