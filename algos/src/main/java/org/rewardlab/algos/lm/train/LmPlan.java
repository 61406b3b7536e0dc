package org.rewardlab.algos.lm.train;

import org.rewardlab.envs.text.TextTaskConfig;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * What an LM run does, whichever algorithm asked for it: {@code sft.steps()} supervised iterations,
 * then {@code grpo.steps()} GRPO iterations when {@code grpo} is set, or {@code dpo.steps()} DPO iterations when
 * {@code dpo} is set.
 *
 * @param task the text task
 * @param model the model
 * @param sft the supervised phase (steps may be 0 before GRPO)
 * @param grpo the RL phase, or null for SFT only
 * @param eval test-split evaluation
 * @param formatWeight weight of the {@code format} reward term
 * @param reward the experiment's {@code reward:} spec scoring the GRPO completions, or null for the
 *     task's verifier reward (correct + formatWeight·format)
 * @param dpo the preference phase, or null
 */
record LmPlan(TextTaskConfig task, LmModelSpec model, SftSpec sft, GrpoConfig grpo, LmEvalSpec eval, double formatWeight,
    RewardSpec reward, DpoRunConfig dpo) {
  static LmPlan of(SftConfig c) {
    return new LmPlan(c.task(), c.model(), c.sft(), null, c.eval(), 0.0, null, null);
  }

  static LmPlan of(GrpoConfig c) {
    return new LmPlan(c.task(), c.model(), c.warmStart(), c, c.eval(), c.formatWeight(), null, null);
  }

  static LmPlan of(DpoRunConfig c) {
    return new LmPlan(c.task(), c.model(), c.warmStart(), null, c.eval(), 0.0, null, c);
  }

  /** This plan scored with {@code spec} (null: the task's verifier reward). */
  LmPlan withReward(RewardSpec spec) {
    return new LmPlan(task, model, sft, grpo, eval, formatWeight, spec, dpo);
  }

  /** Iterations of the whole run. */
  int iterations() {
    return sft.steps() + (grpo == null ? 0 : grpo.steps()) + (dpo == null ? 0 : dpo.steps());
  }
}
