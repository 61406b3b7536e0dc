package org.rewardlab.algos.rnd;

import java.util.List;
import org.rewardlab.core.UserInputException;

/**
 * Random Network Distillation (Burda et al. 2018) settings, the {@code rnd:} block of a PPO spec,
 * named as CleanRL's {@code ppo_rnd_envpool.py} arguments. Absent (null) means plain PPO.
 *
 * @param gammaInt {@code int_gamma}: discount of the intrinsic (non-episodic) return (0.99)
 * @param intCoef {@code int_coef}: weight of the intrinsic advantage (CleanRL uses 1.0)
 * @param extCoef {@code ext_coef}: weight of the extrinsic advantage (CleanRL uses 2.0; its help
 *     strings have the two descriptions swapped)
 * @param updateProportion {@code update_proportion}: fraction of each minibatch the predictor trains on (0.25)
 * @param initObsIterations {@code num_iterations_obs_norm_init}: rollouts of uniformly random actions
 *     ({@code numSteps} steps of every env each) that initialize the observation statistics (50)
 * @param targetHidden hidden widths of the frozen random target MLP (ReLU)
 * @param predictorHidden hidden widths of the trained predictor MLP (ReLU)
 * @param outputSize feature size of both networks
 * @param obsClip the normalized RND input is clipped to [-obsClip, obsClip] (5)
 */
public record RndConfig(
    double gammaInt,
    double intCoef,
    double extCoef,
    double updateProportion,
    int initObsIterations,
    List<Integer> targetHidden,
    List<Integer> predictorHidden,
    int outputSize,
    double obsClip) {

  public RndConfig {
    if (!(gammaInt >= 0 && gammaInt <= 1)) throw bad("gammaInt", "must lie in [0, 1], got " + gammaInt, "use e.g. 0.99");
    if (!(intCoef >= 0) || Double.isInfinite(intCoef)) throw bad("intCoef", "must be a finite number >= 0, got " + intCoef, "use e.g. 1.0");
    if (!(extCoef >= 0) || Double.isInfinite(extCoef)) throw bad("extCoef", "must be a finite number >= 0, got " + extCoef, "use e.g. 2.0");
    if (!(updateProportion > 0 && updateProportion <= 1)) {
      throw bad("updateProportion", "must lie in (0, 1], got " + updateProportion, "use e.g. 0.25");
    }
    if (initObsIterations < 0 || initObsIterations > 10_000) {
      throw bad("initObsIterations", "must lie in [0, 10000], got " + initObsIterations, "use e.g. 50");
    }
    targetHidden = widths("targetHidden", targetHidden);
    predictorHidden = widths("predictorHidden", predictorHidden);
    if (outputSize < 1 || outputSize > 4096) throw bad("outputSize", "must lie in [1, 4096], got " + outputSize, "use e.g. 32");
    if (!(obsClip > 0) || Double.isInfinite(obsClip)) throw bad("obsClip", "must be a positive number, got " + obsClip, "use e.g. 5");
  }

  /** CleanRL's values, with the small MLP networks of GEN §7(c). */
  public static RndConfig defaults() {
    return new RndConfig(0.99, 1.0, 2.0, 0.25, 50, List.of(64, 64), List.of(64, 64, 64), 32, 5.0);
  }

  public RndConfig withInitObsIterations(int v) {
    return new RndConfig(gammaInt, intCoef, extCoef, updateProportion, v, targetHidden, predictorHidden, outputSize, obsClip);
  }

  public RndConfig withCoefficients(double intC, double extC) {
    return new RndConfig(gammaInt, intC, extC, updateProportion, initObsIterations, targetHidden, predictorHidden, outputSize, obsClip);
  }

  int[] target() {
    return targetHidden.stream().mapToInt(Integer::intValue).toArray();
  }

  int[] predictor() {
    return predictorHidden.stream().mapToInt(Integer::intValue).toArray();
  }

  private static List<Integer> widths(String field, List<Integer> w) {
    if (w == null || w.isEmpty()) throw bad(field, "must list at least one hidden width", "use e.g. [64, 64]");
    if (w.size() > 16) throw bad(field, w.size() + " layers is more than the 16 allowed", "use e.g. [64, 64]");
    for (Integer h : w) {
      if (h == null || h < 1 || h > 4096) throw bad(field, "widths must lie in [1, 4096], got " + w, "use e.g. [64, 64]");
    }
    return List.copyOf(w);
  }

  private static UserInputException bad(String field, String problem, String fix) {
    return new UserInputException("rnd." + field, problem, fix);
  }
}
