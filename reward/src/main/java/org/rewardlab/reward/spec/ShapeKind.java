package org.rewardlab.reward.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The curve of a {@code shape} term. */
public enum ShapeKind {
  /** Lucy-SKG's parameterized distance reward (exp(−0.5·d/(c·w_dis)))^(1/w_den). */
  DISTANCE,
  /** sqrt(max(x, 0)/scale) (Lucy-SKG's boost utility). */
  SQRT,
  /** x/scale (a normalized utility, e.g. a velocity over its maximum). */
  LINEAR,
  /** x when x ≥ at, else 0 (Shop-R1 counts a ROUGE-L score only from 0.75). */
  THRESHOLD;

  /** The YAML spelling: lower case. */
  @JsonValue
  public String yamlName() {
    return SpecEnums.yamlName(this);
  }

  /** Parses the YAML spelling, naming the valid ones when it is wrong. */
  @JsonCreator
  public static ShapeKind parse(String s) {
    return SpecEnums.parse(ShapeKind.class, s, "shape");
  }
}
