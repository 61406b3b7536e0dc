package org.rewardlab.algos.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.MultiDiscrete;
import org.rewardlab.core.space.Space;
import org.rewardlab.nn.Activation;
import org.rewardlab.nn.Categorical;
import org.rewardlab.nn.DiagGaussian;
import org.rewardlab.nn.Mlp;
import org.rewardlab.nn.Tensors;
import org.rewardlab.nn.Torch;

/**
 * CleanRL's PPO {@code Agent}: separate actor and critic tanh MLPs, with a categorical head for a
 * Discrete action space or a diagonal-Gaussian head (state-independent {@code logstd}, initialized to
 * 0) for a Box. Orthogonal init with CleanRL's gains: sqrt(2) hidden, 0.01 actor output, 1 critic
 * output, zero biases; drawn from the {@link RandomSource} (streams {@code actor}, {@code critic}).
 *
 * <p>Owns an {@link NDManager} holding the parameters; {@link #close()} frees them. Tensor methods put
 * their results in the manager of the observations passed in. Not thread-safe; {@link #snapshot()}
 * gives a pure-Java copy for rollouts.
 */
public final class ActorCritic implements AutoCloseable {
  private final NDManager manager;
  private final int obsSize;
  private final boolean discrete;
  private final int numActions;
  private final Mlp actor;
  private final Mlp critic;
  private final NDArray logstd;
  private final List<NDArray> parameters;

  private final int valueHeads;

  private ActorCritic(int obsSize, boolean discrete, int numActions, int[] hidden, int valueHeads, RandomSource init) {
    this.manager = Torch.manager();
    this.obsSize = obsSize;
    this.discrete = discrete;
    this.numActions = numActions;
    this.valueHeads = valueHeads;
    this.critic = Mlp.create(manager, obsSize, hidden, valueHeads, Activation.TANH, 1.0, init.derive("critic"));
    this.actor = Mlp.create(manager, obsSize, hidden, numActions, Activation.TANH, 0.01, init.derive("actor"));
    List<NDArray> ps = new ArrayList<>(critic.parameters());
    ps.addAll(actor.parameters());
    if (discrete) {
      logstd = null;
    } else {
      logstd = Tensors.create(manager, new float[numActions], new Shape(numActions));
      logstd.setRequiresGradient(true);
      ps.add(logstd);
    }
    this.parameters = Collections.unmodifiableList(ps);
  }

  /**
   * @param obsSize length of a flat observation
   * @param actionSpace Discrete (categorical head) or one-dimensional Box (Gaussian head)
   * @param hidden hidden widths of both MLPs
   * @param init source of the initial weights
   */
  public static ActorCritic create(int obsSize, Space<?> actionSpace, int[] hidden, RandomSource init) {
    return create(obsSize, actionSpace, hidden, 1, init);
  }

  /**
   * As {@link #create(int, Space, int[], RandomSource)} with {@code valueHeads} critic outputs on the
   * critic's shared trunk: 1 (V), or 2 (V_ext, V_int for RND, CleanRL's two heads).
   */
  public static ActorCritic create(int obsSize, Space<?> actionSpace, int[] hidden, int valueHeads, RandomSource init) {
    if (valueHeads != 1 && valueHeads != 2) throw new IllegalArgumentException("1 or 2 value heads, got " + valueHeads);
    if (obsSize < 1) throw new IllegalArgumentException("observation size must be positive, got " + obsSize);
    if (actionSpace instanceof Discrete d) {
      return new ActorCritic(obsSize, true, d.n(), hidden, valueHeads, init);
    } else if (actionSpace instanceof Box b) {
      return new ActorCritic(obsSize, false, b.flatSize(), hidden, valueHeads, init);
    } else if (actionSpace instanceof MultiDiscrete) {
      throw new IllegalArgumentException("PPO's actor-critic supports Discrete and Box action spaces, not MultiDiscrete");
    }
    throw new IllegalArgumentException("unsupported action space " + actionSpace);
  }

  /**
   * The policy's log-probabilities, entropies and values of one batch ({@code [B]} each); {@code
   * intValue} is the intrinsic head's V_int with two value heads, else null.
   */
  public record Evaluation(NDArray logProb, NDArray entropy, NDArray value, NDArray intValue) {}

  /**
   * CleanRL's {@code get_action_and_value(obs, action)} for given actions.
   *
   * @param obs {@code [B, obsSize]}
   * @param actions int64 {@code [B]} (Discrete) or float {@code [B, D]} (Box); see {@link #actionTensor}
   */
  public Evaluation evaluate(NDArray obs, NDArray actions) {
    NDArray out = actor.forward(obs);
    NDArray logProb;
    NDArray entropy;
    if (discrete) {
      NDArray lp = Categorical.logProbs(out);
      logProb = Categorical.logProb(lp, actions);
      entropy = Categorical.entropy(lp);
    } else {
      logProb = DiagGaussian.logProb(out, logstd, actions);
      entropy = DiagGaussian.entropy(out, logstd);
    }
    if (valueHeads == 1) return new Evaluation(logProb, entropy, value(obs), null);
    NDArray v = critic.forward(obs);
    return new Evaluation(logProb, entropy, v.get(new NDIndex(":, 0")), v.get(new NDIndex(":, 1")));
  }

  /** V(obs) {@code [B]} (the extrinsic head when there are two). */
  public NDArray value(NDArray obs) {
    NDArray v = critic.forward(obs);
    return valueHeads == 1 ? v.squeeze(-1) : v.get(new NDIndex(":, 0"));
  }

  /** Critic outputs per observation: 1, or 2 (extrinsic, intrinsic). */
  public int valueHeads() {
    return valueHeads;
  }

  /** Actor output {@code [B, A]}: logits (Discrete) or Gaussian means (Box). */
  public NDArray actorOutput(NDArray obs) {
    return actor.forward(obs);
  }

  /**
   * Actions from a buffer ({@code batch * actionSize()} floats; a Discrete action is its index as a
   * float) as the tensor {@link #evaluate} expects, in {@code m}.
   */
  public NDArray actionTensor(NDManager m, float[] actions, int batch) {
    if (discrete) {
      long[] idx = new long[batch];
      for (int i = 0; i < batch; i++) idx[i] = (long) actions[i];
      return Tensors.create(m, idx, new Shape(batch));
    }
    float[] a = actions.length == batch * numActions ? actions : java.util.Arrays.copyOf(actions, batch * numActions);
    return Tensors.create(m, a, new Shape(batch, numActions));
  }

  /** Parameters in CleanRL's {@code agent.parameters()} order: critic, actor, then logstd (Box). */
  public List<NDArray> parameters() {
    return parameters;
  }

  /** A pure-Java copy of the current policy and value function. */
  public PolicySnapshot snapshot() {
    float[] ls = logstd == null ? null : logstd.toFloatArray();
    return new PolicySnapshot(actor.snapshot(), critic.snapshot(), discrete, numActions, ls);
  }

  /** Weights by name ({@code actor.layer0.weight}, ..., {@code critic.*}, {@code actor.logstd}). */
  public Map<String, float[]> exportState() {
    Map<String, float[]> m = new LinkedHashMap<>();
    actor.exportWeights().forEach((k, v) -> m.put("actor." + k, v));
    critic.exportWeights().forEach((k, v) -> m.put("critic." + k, v));
    if (logstd != null) m.put("actor.logstd", logstd.toFloatArray());
    return m;
  }

  /** Restores weights written by {@link #exportState()}. */
  public void importState(Map<String, float[]> state) {
    actor.importWeights(strip(state, "actor."));
    critic.importWeights(strip(state, "critic."));
    if (logstd != null) {
      float[] ls = state.get("actor.logstd");
      if (ls == null || ls.length != numActions) {
        throw new IllegalArgumentException("state lacks actor.logstd of " + numActions + " values");
      }
      Tensors.set(logstd, ls);
    }
  }

  private static Map<String, float[]> strip(Map<String, float[]> state, String prefix) {
    Map<String, float[]> m = new LinkedHashMap<>();
    state.forEach((k, v) -> {
      if (k.startsWith(prefix)) m.put(k.substring(prefix.length()), v);
    });
    return m;
  }

  public boolean isDiscrete() {
    return discrete;
  }

  public int obsSize() {
    return obsSize;
  }

  /** Number of discrete actions, or Box dimensions. */
  public int numActions() {
    return numActions;
  }

  /** Floats per action in a buffer: 1 (Discrete) or D (Box). */
  public int actionSize() {
    return discrete ? 1 : numActions;
  }

  /** The manager owning the parameters; open child scopes from it for batch computations. */
  public NDManager manager() {
    return manager;
  }

  @Override
  public void close() {
    manager.close();
  }
}
