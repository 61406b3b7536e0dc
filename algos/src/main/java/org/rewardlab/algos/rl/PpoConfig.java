package org.rewardlab.algos.rl;

import org.rewardlab.algos.experiment.AlgoSpec;
import java.util.List;
import org.rewardlab.algos.rnd.RndConfig;
import org.rewardlab.core.UserInputException;

/**
 * PPO hyperparameters, named as CleanRL's {@code ppo.py} arguments (given in each field's javadoc).
 * {@link #defaults()} is {@code ppo.py}'s defaults (discrete, CartPole), {@link #continuousDefaults()}
 * is {@code ppo_continuous_action.py}'s. Validated on construction; every message says how to fix
 * the value.
 *
 * @param numEnvs {@code num_envs}: parallel environments N
 * @param numSteps {@code num_steps}: steps per env per rollout T
 * @param totalTimesteps {@code total_timesteps}: env steps of the whole run (all envs)
 * @param learningRate {@code learning_rate}: Adam step size at the first update
 * @param annealLr {@code anneal_lr}: anneal the learning rate linearly to 0 over the run
 * @param gamma {@code gamma}: discount γ
 * @param gaeLambda {@code gae_lambda}: GAE λ
 * @param numMinibatches {@code num_minibatches}: minibatches per epoch
 * @param updateEpochs {@code update_epochs}: passes over the batch per update (K)
 * @param normAdv {@code norm_adv}: standardize advantages per minibatch
 * @param clipCoef {@code clip_coef}: surrogate clipping ε (also the value clipping range)
 * @param clipVloss {@code clip_vloss}: clip the value loss around the rollout values
 * @param entCoef {@code ent_coef}: entropy bonus coefficient c2
 * @param vfCoef {@code vf_coef}: value loss coefficient c1
 * @param maxGradNorm {@code max_grad_norm}: global gradient-norm clip
 * @param targetKl {@code target_kl}: stop the epochs of an update once approx_kl exceeds it; null = never
 * @param hiddenSizes hidden widths of both actor and critic MLPs (CleanRL: 64, 64)
 * @param adamEps Adam ε (CleanRL: 1e-5)
 * @param truncationAsTermination treat time-limit truncation as termination (CleanRL's behaviour);
 *     false bootstraps truncated steps with γ V(final obs), as SB3 does
 * @param rnd Random Network Distillation ({@link RndConfig}): an intrinsic reward, a second value
 *     head and a second advantage stream, as CleanRL's {@code ppo_rnd_envpool.py}; null = plain PPO
 */
public record PpoConfig(
    int numEnvs,
    int numSteps,
    long totalTimesteps,
    double learningRate,
    boolean annealLr,
    double gamma,
    double gaeLambda,
    int numMinibatches,
    int updateEpochs,
    boolean normAdv,
    double clipCoef,
    boolean clipVloss,
    double entCoef,
    double vfCoef,
    double maxGradNorm,
    Double targetKl,
    List<Integer> hiddenSizes,
    double adamEps,
    boolean truncationAsTermination,
    RndConfig rnd) implements AlgoSpec {

  /** Most parallel envs a run may ask for (each holds its own env and buffers). */
  public static final int MAX_ENVS = 4096;
  /** Most rows in one rollout batch (numEnvs x numSteps): 16M rows already need gigabytes. */
  public static final int MAX_BATCH = 1 << 24;
  /** Widest hidden layer. */
  public static final int MAX_WIDTH = 16384;

  public PpoConfig {
    positive("numEnvs", numEnvs, "e.g. 4");
    positive("numSteps", numSteps, "e.g. 128");
    if (numEnvs > MAX_ENVS) throw bad("numEnvs", numEnvs + " envs is more than the " + MAX_ENVS + " allowed", "use at most " + MAX_ENVS);
    if ((long) numEnvs * numSteps > MAX_BATCH) {
      throw bad("numSteps", "numEnvs x numSteps = " + (long) numEnvs * numSteps + " rows per rollout is more than the "
          + MAX_BATCH + " allowed", "use fewer steps or envs per rollout");
    }
    if (totalTimesteps / ((long) numEnvs * numSteps) > Integer.MAX_VALUE) {
      throw bad("totalTimesteps", totalTimesteps + " steps make more than " + Integer.MAX_VALUE + " updates",
          "use at most " + (long) Integer.MAX_VALUE * numEnvs * numSteps + " steps");
    }
    if (totalTimesteps < (long) numEnvs * numSteps) {
      throw bad("totalTimesteps", totalTimesteps + " is less than one rollout (numEnvs x numSteps = "
          + (long) numEnvs * numSteps + ")", "raise totalTimesteps or shrink numEnvs/numSteps");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw bad("learningRate", "must be a positive number, got " + learningRate, "use e.g. 2.5e-4");
    }
    unit("gamma", gamma, "e.g. 0.99");
    unit("gaeLambda", gaeLambda, "e.g. 0.95");
    positive("numMinibatches", numMinibatches, "e.g. 4");
    positive("updateEpochs", updateEpochs, "e.g. 4");
    int batch = numEnvs * numSteps;
    if (numMinibatches > batch) {
      throw bad("numMinibatches", numMinibatches + " exceeds the batch size " + batch,
          "use at most numEnvs x numSteps minibatches");
    }
    if (normAdv && batch / numMinibatches < 2) {
      throw bad("numMinibatches", "minibatches of one sample cannot normalize advantages",
          "use fewer minibatches or set normAdv to false");
    }
    if (!(clipCoef > 0) || Double.isInfinite(clipCoef)) throw bad("clipCoef", "must be a positive number, got " + clipCoef, "use e.g. 0.2");
    nonNegative("entCoef", entCoef, "e.g. 0.01");
    nonNegative("vfCoef", vfCoef, "e.g. 0.5");
    if (!(maxGradNorm > 0) || Double.isInfinite(maxGradNorm)) {
      throw bad("maxGradNorm", "must be a positive number, got " + maxGradNorm, "use e.g. 0.5");
    }
    if (targetKl != null && (!(targetKl > 0) || Double.isInfinite(targetKl))) {
      throw bad("targetKl", "must be positive or null, got " + targetKl, "use e.g. 0.015, or null to disable");
    }
    if (hiddenSizes == null || hiddenSizes.isEmpty()) {
      throw bad("hiddenSizes", "must list at least one hidden width", "use e.g. [64, 64]");
    }
    hiddenSizes = List.copyOf(hiddenSizes);
    for (Integer h : hiddenSizes) {
      if (h == null || h < 1) throw bad("hiddenSizes", "widths must be positive, got " + hiddenSizes, "use e.g. [64, 64]");
      if (h > MAX_WIDTH) throw bad("hiddenSizes", "width " + h + " is more than the " + MAX_WIDTH + " allowed", "use e.g. [64, 64]");
    }
    if (hiddenSizes.size() > 64) throw bad("hiddenSizes", hiddenSizes.size() + " layers is more than the 64 allowed", "use e.g. [64, 64]");
    long weights = 0;
    for (int i = 1; i < hiddenSizes.size(); i++) weights += (long) hiddenSizes.get(i - 1) * hiddenSizes.get(i);
    if (2 * weights > 50_000_000L) {
      throw bad("hiddenSizes", hiddenSizes + " makes about " + 2 * weights + " weights (actor and critic), more than the 50M allowed",
          "use narrower or fewer layers, e.g. [64, 64]");
    }
    if (!(adamEps > 0) || Double.isInfinite(adamEps)) throw bad("adamEps", "must be a positive number, got " + adamEps, "use e.g. 1e-5");
  }

  /** Plain PPO (no RND), CleanRL's argument order. */
  public PpoConfig(int numEnvs, int numSteps, long totalTimesteps, double learningRate, boolean annealLr, double gamma,
      double gaeLambda, int numMinibatches, int updateEpochs, boolean normAdv, double clipCoef, boolean clipVloss,
      double entCoef, double vfCoef, double maxGradNorm, Double targetKl, List<Integer> hiddenSizes, double adamEps,
      boolean truncationAsTermination) {
    this(numEnvs, numSteps, totalTimesteps, learningRate, annealLr, gamma, gaeLambda, numMinibatches, updateEpochs,
        normAdv, clipCoef, clipVloss, entCoef, vfCoef, maxGradNorm, targetKl, hiddenSizes, adamEps,
        truncationAsTermination, null);
  }

  /** CleanRL {@code ppo.py} defaults (CartPole-v1). */
  public static PpoConfig defaults() {
    return new PpoConfig(4, 128, 500_000L, 2.5e-4, true, 0.99, 0.95, 4, 4, true, 0.2, true, 0.01, 0.5, 0.5,
        null, List.of(64, 64), 1e-5, false);
  }

  /** CleanRL {@code ppo_continuous_action.py} defaults (MuJoCo-style continuous control). */
  public static PpoConfig continuousDefaults() {
    return new PpoConfig(1, 2048, 1_000_000L, 3e-4, true, 0.99, 0.95, 32, 10, true, 0.2, true, 0.0, 0.5, 0.5,
        null, List.of(64, 64), 1e-5, false);
  }

  /** γ, the discount PPO optimizes. */
  @Override
  public double discount() {
    return gamma;
  }

  /** {@code batch_size = num_envs * num_steps}. */
  public int batchSize() {
    return numEnvs * numSteps;
  }

  /** {@code minibatch_size = batch_size // num_minibatches}. */
  public int minibatchSize() {
    return batchSize() / numMinibatches;
  }

  /** {@code num_iterations = total_timesteps // batch_size}: the number of updates of the run. */
  public int numIterations() {
    return (int) (totalTimesteps / batchSize());
  }

  /** Hidden widths as an array. */
  public int[] hidden() {
    return hiddenSizes.stream().mapToInt(Integer::intValue).toArray();
  }

  public PpoConfig withTotalTimesteps(long v) {
    return new PpoConfig(numEnvs, numSteps, v, learningRate, annealLr, gamma, gaeLambda, numMinibatches,
        updateEpochs, normAdv, clipCoef, clipVloss, entCoef, vfCoef, maxGradNorm, targetKl, hiddenSizes, adamEps,
        truncationAsTermination, rnd);
  }

  public PpoConfig withRollout(int envs, int steps) {
    return new PpoConfig(envs, steps, totalTimesteps, learningRate, annealLr, gamma, gaeLambda, numMinibatches,
        updateEpochs, normAdv, clipCoef, clipVloss, entCoef, vfCoef, maxGradNorm, targetKl, hiddenSizes, adamEps,
        truncationAsTermination, rnd);
  }

  public PpoConfig withLearningRate(double v) {
    return new PpoConfig(numEnvs, numSteps, totalTimesteps, v, annealLr, gamma, gaeLambda, numMinibatches,
        updateEpochs, normAdv, clipCoef, clipVloss, entCoef, vfCoef, maxGradNorm, targetKl, hiddenSizes, adamEps,
        truncationAsTermination, rnd);
  }

  public PpoConfig withTargetKl(Double v) {
    return new PpoConfig(numEnvs, numSteps, totalTimesteps, learningRate, annealLr, gamma, gaeLambda,
        numMinibatches, updateEpochs, normAdv, clipCoef, clipVloss, entCoef, vfCoef, maxGradNorm, v, hiddenSizes,
        adamEps, truncationAsTermination, rnd);
  }

  public PpoConfig withMinibatches(int minibatches, int epochs) {
    return new PpoConfig(numEnvs, numSteps, totalTimesteps, learningRate, annealLr, gamma, gaeLambda, minibatches,
        epochs, normAdv, clipCoef, clipVloss, entCoef, vfCoef, maxGradNorm, targetKl, hiddenSizes, adamEps,
        truncationAsTermination, rnd);
  }

  public PpoConfig withTruncationAsTermination(boolean v) {
    return new PpoConfig(numEnvs, numSteps, totalTimesteps, learningRate, annealLr, gamma, gaeLambda,
        numMinibatches, updateEpochs, normAdv, clipCoef, clipVloss, entCoef, vfCoef, maxGradNorm, targetKl,
        hiddenSizes, adamEps, v, rnd);
  }

  /** This config with Random Network Distillation ({@code rnd}), or without it (null). */
  public PpoConfig withRnd(RndConfig v) {
    return new PpoConfig(numEnvs, numSteps, totalTimesteps, learningRate, annealLr, gamma, gaeLambda, numMinibatches,
        updateEpochs, normAdv, clipCoef, clipVloss, entCoef, vfCoef, maxGradNorm, targetKl, hiddenSizes, adamEps,
        truncationAsTermination, v);
  }

  private static UserInputException bad(String field, String problem, String fix) {
    return new UserInputException(field, problem, fix);
  }

  private static void positive(String field, long v, String example) {
    if (v < 1) throw bad(field, "must be at least 1, got " + v, "use " + example);
  }

  private static void unit(String field, double v, String example) {
    if (!(v >= 0 && v <= 1)) throw bad(field, "must lie in [0, 1], got " + v, "use " + example);
  }

  private static void nonNegative(String field, double v, String example) {
    if (!(v >= 0) || Double.isInfinite(v)) throw bad(field, "must be a finite number >= 0, got " + v, "use " + example);
  }
}
