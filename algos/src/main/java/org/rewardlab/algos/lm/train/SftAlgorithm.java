package org.rewardlab.algos.lm.train;

/** {@code algo: {type: sft}}: supervised fine-tuning of a TinyGpt on a verifiable text task (see {@link SftConfig}); registered in {@code META-INF/services}. */
public final class SftAlgorithm extends LmAlgorithm<SftConfig> {
  @Override
  public String type() {
    return "sft";
  }

  @Override
  public Class<SftConfig> specClass() {
    return SftConfig.class;
  }

  @Override
  public String description() {
    return "supervised fine-tuning of a TinyGpt on a verifiable text task";
  }

  @Override
  LmPlan plan(SftConfig spec) {
    return LmPlan.of(spec);
  }
}
