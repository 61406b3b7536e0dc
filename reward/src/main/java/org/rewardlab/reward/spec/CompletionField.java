package org.rewardlab.reward.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A fixed field of a completion that a {@code completion} term reads (see {@code core.reward.ScoredCompletion}). */
public enum CompletionField {
  /** 1 when the verifier judges the answer right, else 0. */
  CORRECT,
  /** 1 when the completion is well formed, else 0. */
  FORMAT,
  /** the task's graded outcome or a reward model's score. */
  SCORE,
  /** the number of generated tokens. */
  LENGTH,
  /** 1 when the model ended the completion, 0 when it ran out of tokens. */
  FINISHED;

  /** The YAML spelling: lower case. */
  @JsonValue
  public String yamlName() {
    return SpecEnums.yamlName(this);
  }

  /** Parses the YAML spelling, naming the valid ones when it is wrong. */
  @JsonCreator
  public static CompletionField parse(String s) {
    return SpecEnums.parse(CompletionField.class, s, "completion field");
  }
}
