package org.rewardlab.reward.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** When a {@code gated} reward decides its gates. */
public enum GateMode {
  /** on the episode's sums: lower levels accumulate over the episode and are paid at its end if every higher level's sum clears its threshold (G-RA). */
  EPISODE,
  /** at every step, on that step's values (a hierarchy of format and content checks). */
  STEP;

  /** The YAML spelling: lower case. */
  @JsonValue
  public String yamlName() {
    return SpecEnums.yamlName(this);
  }

  /** Parses the YAML spelling, naming the valid ones when it is wrong. */
  @JsonCreator
  public static GateMode parse(String s) {
    return SpecEnums.parse(GateMode.class, s, "gate mode");
  }
}
