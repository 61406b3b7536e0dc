package org.rewardlab.algos.rl;

import org.rewardlab.core.policy.FlatPolicy;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.nn.DiagGaussian;
import org.rewardlab.nn.MlpSnapshot;

/**
 * A frozen copy of an {@link ActorCritic} in plain Java arrays: acting and evaluating values during
 * rollouts costs no JNI call and no allocation. Sampling happens here, from the caller's {@link
 * RandomSource}: categorical by inverse CDF on the softmax (one uniform draw per env), Gaussian as
 * {@code mean + exp(logstd) * N(0,1)} (one normal draw per dimension, unclipped). Log-probabilities
 * agree with the tensor heads to about 1e-6.
 *
 * <p>Arrays are flat and row-major: observations {@code [n, obsSize]}, actions {@code [n, actionSize]}
 * (a Discrete action is its index as a float). Not thread-safe (scratch buffers); use {@link #copy()}
 * per thread.
 */
public final class PolicySnapshot implements FlatPolicy {
  private final MlpSnapshot actor;
  private final MlpSnapshot critic;
  private final boolean discrete;
  private final int numActions;
  private final float[] logstd;
  private float[] head = new float[0];
  private float[] heads = new float[0];

  PolicySnapshot(MlpSnapshot actor, MlpSnapshot critic, boolean discrete, int numActions, float[] logstd) {
    this.actor = actor;
    this.critic = critic;
    this.discrete = discrete;
    this.numActions = numActions;
    this.logstd = logstd == null ? null : logstd.clone();
  }

  /** A snapshot sharing the weights, with its own scratch buffers. */
  public PolicySnapshot copy() {
    return new PolicySnapshot(actor.copy(), critic.copy(), discrete, numActions, logstd);
  }

  public int obsSize() {
    return actor.inputSize();
  }

  @Override
  public int observationSize() {
    return actor.inputSize();
  }

  /** Floats per action: 1 (Discrete) or D (Box). */
  @Override
  public int actionSize() {
    return discrete ? 1 : numActions;
  }

  public boolean isDiscrete() {
    return discrete;
  }

  /**
   * Samples actions for {@code n} observations and reports their log-probabilities and values.
   *
   * @param actionsOut {@code [n * actionSize]}
   * @param logProbOut {@code [n]}
   * @param valueOut {@code [n]}
   */
  public void act(float[] obs, int n, RandomSource rng, float[] actionsOut, float[] logProbOut, float[] valueOut) {
    act(obs, n, rng, actionsOut, logProbOut);
    value(obs, n, valueOut);
  }

  /** Samples actions for {@code n} observations and reports their log-probabilities (no values). */
  @Override
  public void act(float[] obs, int n, RandomSource rng, float[] actionsOut, float[] logProbOut) {
    float[] out = actorOut(obs, n);
    if (discrete) {
      for (int i = 0; i < n; i++) {
        int o = i * numActions;
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < numActions; a++) max = Math.max(max, out[o + a]);
        double sum = 0;
        for (int a = 0; a < numActions; a++) sum += Math.exp(out[o + a] - max);
        double u = rng.nextDouble() * sum;
        int chosen = numActions - 1;
        double c = 0;
        for (int a = 0; a < numActions; a++) {
          c += Math.exp(out[o + a] - max);
          if (u < c) {
            chosen = a;
            break;
          }
        }
        actionsOut[i] = chosen;
        logProbOut[i] = (float) (out[o + chosen] - max - Math.log(sum));
      }
    } else {
      for (int i = 0; i < n; i++) {
        int o = i * numActions;
        double lp = 0;
        for (int d = 0; d < numActions; d++) {
          double std = Math.exp(logstd[d]);
          float a = (float) (out[o + d] + std * rng.nextGaussian());
          actionsOut[o + d] = a;
          double z = (a - out[o + d]) / std;
          lp += -0.5 * z * z - logstd[d] - DiagGaussian.LOG_SQRT_2PI;
        }
        logProbOut[i] = (float) lp;
      }
    }
  }

  /** V(obs) for {@code n} observations into {@code out[n]} (the extrinsic head when there are two). */
  public void value(float[] obs, int n, float[] out) {
    column(obs, n, 0, out);
  }

  /** V_int(obs) of the intrinsic head for {@code n} observations into {@code out[n]}. */
  public void intrinsicValue(float[] obs, int n, float[] out) {
    if (critic.outputSize() < 2) throw new IllegalStateException("this policy has one value head, no intrinsic one");
    column(obs, n, 1, out);
  }

  /** Critic outputs per observation: 1, or 2 (extrinsic, intrinsic) with RND. */
  public int valueHeads() {
    return critic.outputSize();
  }

  private void column(float[] obs, int n, int c, float[] out) {
    int k = critic.outputSize();
    if (k == 1) {
      critic.forward(obs, n, out);
      return;
    }
    if (heads.length < n * k) heads = new float[n * k];
    critic.forward(obs, n, heads);
    for (int i = 0; i < n; i++) out[i] = heads[i * k + c];
  }

  /** The most likely action (argmax of the logits, or the Gaussian mean) for evaluation. */
  @Override
  public void actDeterministic(float[] obs, int n, float[] actionsOut) {
    float[] out = actorOut(obs, n);
    if (discrete) {
      for (int i = 0; i < n; i++) {
        int o = i * numActions;
        int best = 0;
        for (int a = 1; a < numActions; a++) if (out[o + a] > out[o + best]) best = a;
        actionsOut[i] = best;
      }
    } else {
      System.arraycopy(out, 0, actionsOut, 0, n * numActions);
    }
  }

  /** Raw actor outputs (logits or means) for {@code n} observations into {@code out[n * numActions]}. */
  public void actorOutput(float[] obs, int n, float[] out) {
    actor.forward(obs, n, out);
  }

  /** The Gaussian log standard deviations (a copy), or null for a categorical policy. */
  public float[] logstd() {
    return logstd == null ? null : logstd.clone();
  }

  private float[] actorOut(float[] obs, int n) {
    if (head.length < n * numActions) head = new float[n * numActions];
    actor.forward(obs, n, head);
    return head;
  }
}
