package org.rewardlab.reward.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which state a {@code feature} term reads: f(s'), f(s) or f(s') − f(s). */
public enum FeatureOf {
  /** f(s'), the state the transition reached (default). */
  NEXT,
  /** f(s), the state the transition left. */
  CURRENT,
  /** f(s') − f(s), the change over the transition. */
  DELTA;

  /** The YAML spelling: lower case. */
  @JsonValue
  public String yamlName() {
    return SpecEnums.yamlName(this);
  }

  /** Parses the YAML spelling, naming the valid ones when it is wrong. */
  @JsonCreator
  public static FeatureOf parse(String s) {
    return SpecEnums.parse(FeatureOf.class, s, "feature position");
  }
}
