package org.rewardlab.algos.experiment;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The {@code algo:} section of an experiment: one algorithm's own configuration, tagged with its
 * type ({@code type: ppo}). Each algorithm's config record implements this interface and is
 * registered with its type name by {@link Algorithms} (from the {@link Algorithm} that owns it), so
 * the YAML reader knows the subtypes without a closed list here.
 *
 * <p>Not sealed on purpose: an algorithm added in another module, or in a test, registers its own
 * spec type (one line in {@code META-INF/services/org.rewardlab.algos.experiment.Algorithm}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface AlgoSpec {
  /**
   * The discount γ the agent optimizes, for reward parts that need the agent's γ (potential-based
   * shaping without its own γ); NaN for an algorithm without one.
   */
  default double discount() {
    return Double.NaN;
  }

  /**
   * Whether the algorithm trains on the experiment's {@code env:} (with its {@code policy:} head and
   * {@code reward:} spec). False for algorithms that bring their own data (the language-model
   * algorithms train on {@code algo.task}); their experiments then have no env, policy or reward.
   */
  default boolean usesEnv() {
    return true;
  }

  /**
   * Whether the algorithm trains on the experiment's {@code reward:} spec: every env algorithm (the
   * spec scores its transitions), and those language-model algorithms that score completions with it
   * ({@code grpo}: the spec is built for completions). False for an algorithm with no reward to
   * replace (supervised fine-tuning).
   */
  default boolean acceptsReward() {
    return usesEnv();
  }
}
