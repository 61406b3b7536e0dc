package org.rewardlab.algos.lm.train;

/**
 * {@code algo: {type: dpo}}: the DPO family (TRL's loss types and conventions) on a TinyGpt, from a preference file or
 * online pairs (see {@link DpoRunConfig}); registered in {@code META-INF/services}.
 */
public final class DpoAlgorithm extends LmAlgorithm<DpoRunConfig> {
  @Override
  public String type() {
    return "dpo";
  }

  @Override
  public Class<DpoRunConfig> specClass() {
    return DpoRunConfig.class;
  }

  @Override
  public String description() {
    return "the DPO family (TRL loss types) on a TinyGpt, from TRL-format preference pairs or online pairs";
  }

  @Override
  LmPlan plan(DpoRunConfig spec) {
    return LmPlan.of(spec);
  }
}
