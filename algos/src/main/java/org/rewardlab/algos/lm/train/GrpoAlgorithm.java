package org.rewardlab.algos.lm.train;

/** {@code algo: {type: grpo}}: GRPO (TRL/verl conventions) on a verifiable text task, after an optional SFT warm start (see {@link GrpoConfig}); registered in {@code META-INF/services}. */
public final class GrpoAlgorithm extends LmAlgorithm<GrpoConfig> {
  @Override
  public String type() {
    return "grpo";
  }

  @Override
  public Class<GrpoConfig> specClass() {
    return GrpoConfig.class;
  }

  @Override
  public String description() {
    return "GRPO (TRL/verl conventions) on a verifiable text task, after an optional SFT warm start";
  }

  @Override
  LmPlan plan(GrpoConfig spec) {
    return LmPlan.of(spec);
  }
}
