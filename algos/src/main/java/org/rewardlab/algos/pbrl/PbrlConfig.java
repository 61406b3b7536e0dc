package org.rewardlab.algos.pbrl;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.rewardlab.algos.experiment.AlgoSpec;
import org.rewardlab.algos.rl.PpoConfig;
import org.rewardlab.core.UserInputException;

/**
 * Preference-based RL ({@code algo: {type: pbrl}}): PPO trained on a reward model learned from synthetic
 * comparisons of its own trajectory fragments, the imitation library's {@code PreferenceComparisons} loop.
 * Every key but {@code ppo} may be left out; the defaults are imitation's where it has one.
 *
 * <pre>{@code
 * algo:
 *   type: pbrl
 *   ppo: {numEnvs: 4, numSteps: 128, totalTimesteps: 300000, ...}   # the agent (all of PPO's keys)
 *   preferences: {fragmentLength: 50, totalComparisons: 1000, rounds: 10}
 * }</pre>
 *
 * @param ppo the agent's PPO configuration (its {@code totalTimesteps} is the agent's training budget)
 * @param preferences the preference loop
 */
public record PbrlConfig(@JsonTypeInfo(use = JsonTypeInfo.Id.NONE) PpoConfig ppo, Preferences preferences)
    implements AlgoSpec {
  public PbrlConfig {
    if (ppo == null) ppo = PpoConfig.defaults();
    if (preferences == null) preferences = Preferences.defaults();
    int blocks = preferences.rounds() + 1;
    if (ppo.numIterations() < blocks) {
      throw new UserInputException("algo.preferences.rounds", preferences.rounds() + " rounds need at least "
          + blocks + " PPO iterations, and ppo.totalTimesteps gives " + ppo.numIterations(),
          "use fewer rounds or raise ppo.totalTimesteps");
    }
  }

  @Override
  public double discount() {
    return ppo.discount();
  }

  /**
   * The preference loop's settings.
   *
   * @param fragmentLength transitions per fragment (imitation: 100); fragments that reach an episode's end are shorter
   * @param totalComparisons comparisons over the whole run (imitation's {@code total_comparisons})
   * @param rounds N, the reward-model rounds after the initial one (imitation's {@code num_iterations}); the agent's
   *     PPO iterations are split evenly into N + 1 blocks, one after each round
   * @param initialComparisonFrac the share of comparisons gathered before the agent trains (imitation: 0.1)
   * @param initialEpochMultiplier the first round trains the reward model this many times longer (imitation: 200)
   * @param querySchedule how the remaining comparisons are spread: hyperbolic (imitation's default),
   *     inverse_quadratic or constant
   * @param transitionOversampling recorded transitions wanted per fragment transition before a round (imitation: 1);
   *     missing ones are collected with the current policy without updating it
   * @param temperature the synthetic labeller's Boltzmann temperature: P(σ1 ≻ σ2) = σ((R1 − R2)/temperature)
   *     over the true returns (imitation's {@code SyntheticGatherer}: 1)
   * @param noise the labeller's flip rate ε (imitation: 0)
   * @param epochs reward-model epochs per round over all comparisons so far (imitation: 1)
   * @param batchSize comparisons per reward-model minibatch (imitation: 32)
   * @param learningRate reward-model Adam step size (imitation: 1e-3)
   * @param hiddenSizes the reward model's MLP hidden widths (imitation's {@code BasicRewardNet}: 32, 32)
   * @param tieWeight λ of the tie term for fragments of equal true return (1/8: imitation's soft label 1/2 to
   *     second order)
   * @param queueSize most comparisons kept, oldest dropped first (0 = all, imitation's default)
   * @param input what the reward model reads: obs, or obs_action (imitation's default: state and action)
   * @param normalize scale (divide by the std of r_φ on the compared transitions), standardize (also centre)
   *     or none
   */
  public record Preferences(Integer fragmentLength, Integer totalComparisons, Integer rounds,
      Double initialComparisonFrac, Double initialEpochMultiplier, String querySchedule, Double transitionOversampling,
      Double temperature, Double noise, Integer epochs, Integer batchSize, Double learningRate,
      List<Integer> hiddenSizes, Double tieWeight, Integer queueSize, String input, String normalize) {
    public Preferences {
      if (fragmentLength == null) fragmentLength = 100;
      if (totalComparisons == null) totalComparisons = 1000;
      if (rounds == null) rounds = 10;
      if (initialComparisonFrac == null) initialComparisonFrac = 0.1;
      if (initialEpochMultiplier == null) initialEpochMultiplier = 200.0;
      if (querySchedule == null) querySchedule = "hyperbolic";
      if (transitionOversampling == null) transitionOversampling = 1.0;
      if (temperature == null) temperature = 1.0;
      if (noise == null) noise = 0.0;
      if (epochs == null) epochs = 1;
      if (batchSize == null) batchSize = 32;
      if (learningRate == null) learningRate = 1e-3;
      if (hiddenSizes == null) hiddenSizes = List.of(32, 32);
      if (tieWeight == null) tieWeight = 0.125;
      if (queueSize == null) queueSize = 0;
      if (input == null) input = "obs_action";
      if (normalize == null) normalize = "scale";
      String p = "algo.preferences.";
      if (fragmentLength < 1 || fragmentLength > 100_000) throw bad(p + "fragmentLength", fragmentLength, "e.g. 50");
      if (totalComparisons < 1) throw bad(p + "totalComparisons", totalComparisons, "e.g. 1000");
      if (rounds < 1 || rounds > 10_000) throw bad(p + "rounds", rounds, "e.g. 10");
      if (!(initialComparisonFrac >= 0 && initialComparisonFrac < 1)) throw bad(p + "initialComparisonFrac", initialComparisonFrac, "a number in [0, 1), e.g. 0.1");
      if (!(initialEpochMultiplier >= 1) || initialEpochMultiplier > 10_000) throw bad(p + "initialEpochMultiplier", initialEpochMultiplier, "a number in 1..10000, e.g. 200");
      if (!List.of("hyperbolic", "inverse_quadratic", "constant").contains(querySchedule)) {
        throw bad(p + "querySchedule", querySchedule, "one of hyperbolic, inverse_quadratic, constant");
      }
      if (!(transitionOversampling > 0) || transitionOversampling > 100) throw bad(p + "transitionOversampling", transitionOversampling, "e.g. 1");
      if (!(temperature > 0) || Double.isInfinite(temperature)) throw bad(p + "temperature", temperature, "a positive number, e.g. 1");
      if (!(noise >= 0 && noise <= 0.5)) throw bad(p + "noise", noise, "a number in [0, 0.5]");
      if (epochs < 1 || epochs > 10_000) throw bad(p + "epochs", epochs, "e.g. 1");
      if (batchSize < 1 || batchSize > 65_536) throw bad(p + "batchSize", batchSize, "e.g. 32");
      if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw bad(p + "learningRate", learningRate, "e.g. 1e-3");
      for (Integer h : hiddenSizes) if (h == null || h < 1 || h > 4096) throw bad(p + "hiddenSizes", hiddenSizes, "e.g. [32, 32]");
      if (!(tieWeight >= 0) || Double.isInfinite(tieWeight)) throw bad(p + "tieWeight", tieWeight, "e.g. 0.125");
      if (queueSize < 0) throw bad(p + "queueSize", queueSize, "0 (keep all) or a positive size");
      if (!List.of("obs", "obs_action").contains(input)) throw bad(p + "input", input, "obs or obs_action");
      if (!List.of("scale", "standardize", "none").contains(normalize)) throw bad(p + "normalize", normalize, "scale, standardize or none");
    }

    public static Preferences defaults() {
      return new Preferences(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null);
    }

    private static UserInputException bad(String where, Object v, String fix) {
      return new UserInputException(where, "bad value " + v, "use " + fix);
    }
  }
}
