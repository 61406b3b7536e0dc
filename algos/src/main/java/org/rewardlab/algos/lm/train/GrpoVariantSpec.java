package org.rewardlab.algos.lm.train;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The {@code variant:} section of a GRPO experiment, tagged with its type: {@code grpo} (the plain
 * group-relative advantage) or a paper's variant. Each is a config record that builds its
 * {@link GrpoVariant}; adding one is a record plus a line in the list below.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = PlainGrpo.class, name = "grpo"),
  @JsonSubTypes.Type(value = RiskPo.class, name = "riskpo"),
  @JsonSubTypes.Type(value = Copo.class, name = "copo"),
  @JsonSubTypes.Type(value = GrpoLambda.class, name = "grpo-lambda"),
  @JsonSubTypes.Type(value = LengthPenalty.class, name = "length-penalty"),
  @JsonSubTypes.Type(value = Crf.class, name = "crf"),
  @JsonSubTypes.Type(value = TpGrpo.class, name = "tp-grpo"),
  @JsonSubTypes.Type(value = Hicra.class, name = "hicra"),
})
public interface GrpoVariantSpec {
  /** The variant for a run of {@code config}. */
  GrpoVariant create(GrpoConfig config);
}
