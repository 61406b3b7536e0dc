package org.rewardlab.reward.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How {@code prm_refine} refines process (step) rewards. */
public enum RefineMode {
  /** min(r − η, 0) per step. */
  CLIP,
  /** differences of consecutive step rewards, which telescope to the first. */
  DELTA,
  /** Clip, then Delta. */
  CLIP_DELTA;

  /** The YAML spelling: lower case. */
  @JsonValue
  public String yamlName() {
    return SpecEnums.yamlName(this);
  }

  /** Parses the YAML spelling, naming the valid ones when it is wrong. */
  @JsonCreator
  public static RefineMode parse(String s) {
    return SpecEnums.parse(RefineMode.class, s, "refinement");
  }
}
