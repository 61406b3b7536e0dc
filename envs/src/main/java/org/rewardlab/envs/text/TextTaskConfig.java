package org.rewardlab.envs.text;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The configuration of a text task, written in YAML with a {@code type:} discriminator (the task's
 * registry name):
 *
 * <pre>{@code
 * task:
 *   type: arith
 *   digits: [3]
 *   ops: [add]
 *   answerFormat: fixed_width
 *   scratchpad: false
 * }</pre>
 *
 * <p>Each subtype is an immutable record with a static {@code defaults()}, validated on construction
 * with messages that say how to fix the value. {@link TextTasks#make(TextTaskConfig)} builds the task.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ArithConfig.class, name = ArithTask.NAME),
  @JsonSubTypes.Type(value = CountdownConfig.class, name = CountdownTask.NAME),
  @JsonSubTypes.Type(value = SortConfig.class, name = SortTask.NAME),
  @JsonSubTypes.Type(value = BanditConfig.class, name = SequenceBandit.NAME),
  @JsonSubTypes.Type(value = PrefConfig.class, name = PrefTask.NAME),
  @JsonSubTypes.Type(value = ShopConfig.class, name = ShopTask.NAME),
  @JsonSubTypes.Type(value = RankConfig.class, name = RankTask.NAME),
  @JsonSubTypes.Type(value = JobConfig.class, name = JobTask.NAME),
})
public sealed interface TextTaskConfig permits ArithConfig, CountdownConfig, SortConfig, BanditConfig, PrefConfig, ShopConfig,
    RankConfig, JobConfig {}
