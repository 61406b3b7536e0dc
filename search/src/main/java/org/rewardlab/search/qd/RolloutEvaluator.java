package org.rewardlab.search.qd;

import java.util.function.Function;
import java.util.function.Supplier;
import org.rewardlab.core.env.FlatEnv;

/**
 * Evaluates a genome by one deterministic rollout (GEN §3): the genome's {@link MlpController} acts
 * on the observation, the env is reset with a fixed seed, the episode runs until it terminates or
 * {@code horizon} steps pass. Objective = the return; measures = the final observation (the
 * "last_obs" descriptor of the STAX code, e.g. the final (x, y)); the raw observation for a learned
 * behaviour space comes from {@code view} applied to the final observation (null: none).
 *
 * <p>The same genome always gives the same {@link Evaluation}: the search is deterministic per seed.
 * Not thread-safe (one env and controller).
 */
public final class RolloutEvaluator {
  private final FlatEnv env;
  private final MlpController controller;
  private final int horizon;
  private final long resetSeed;
  private final Function<float[], float[]> view;
  private final float[] obs;
  private final float[] action;
  private long steps;

  /**
   * @param envFactory makes the env (its time limit, if any, is ignored: {@code horizon} rules)
   * @param hidden hidden widths of the controller (GEN §3: two hidden layers)
   * @param horizon steps per episode, ≥ 1 (GEN §3: 50)
   * @param resetSeed the seed of every reset
   * @param view the raw observation of a final observation, or null
   */
  public RolloutEvaluator(Supplier<FlatEnv> envFactory, int[] hidden, int horizon, long resetSeed,
      Function<float[], float[]> view) {
    this.env = envFactory.get().unwrapped();
    if (horizon < 1) throw new IllegalArgumentException("RolloutEvaluator: horizon must be >= 1, got " + horizon);
    int[] sizes = new int[hidden.length + 2];
    sizes[0] = env.observationSize();
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = env.actionSize();
    this.controller = new MlpController(sizes);
    this.horizon = horizon;
    this.resetSeed = resetSeed;
    this.view = view;
    this.obs = new float[env.observationSize()];
    this.action = new float[env.actionSize()];
  }

  /** Genome length. */
  public int genomeSize() {
    return controller.numParams();
  }

  /** Env steps taken by all evaluations so far. */
  public long steps() {
    return steps;
  }

  /** One rollout of {@code genome}. */
  public Evaluation evaluate(double[] genome) {
    controller.load(genome);
    env.reset(resetSeed, obs, 0);
    double ret = 0;
    int t = 0;
    while (t < horizon) {
      controller.act(obs, 0, action);
      ret += env.step(action, 0, obs, 0);
      t++;
      if (env.terminated()) break;
    }
    steps += t;
    double[] m = new double[obs.length];
    for (int i = 0; i < m.length; i++) m[i] = obs[i];
    return new Evaluation(ret, m, view == null ? null : view.apply(obs.clone()), t);
  }
}
