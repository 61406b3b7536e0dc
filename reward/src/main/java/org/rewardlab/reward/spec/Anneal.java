package org.rewardlab.reward.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The annealing schedule s(progress) of CRF's conciseness bonus, from 1 at the start of training to 0 at its end. */
public enum Anneal {
  /** s = (1 + cos(π·progress))/2. */
  COSINE,
  /** s = 1 − progress. */
  LINEAR,
  /** s = 1 throughout. */
  NONE;

  /** The YAML spelling: lower case. */
  @JsonValue
  public String yamlName() {
    return SpecEnums.yamlName(this);
  }

  /** Parses the YAML spelling, naming the valid ones when it is wrong. */
  @JsonCreator
  public static Anneal parse(String s) {
    return SpecEnums.parse(Anneal.class, s, "schedule");
  }
}
