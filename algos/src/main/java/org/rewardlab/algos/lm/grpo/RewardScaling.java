package org.rewardlab.algos.lm.grpo;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import org.rewardlab.core.UserInputException;

/**
 * How group-relative advantages divide the centred reward: TRL's {@code GRPOConfig.scale_rewards}, with its names.
 * The mean subtracted is always the group mean.
 */
public enum RewardScaling {
  /** {@code "group"}: divide by the unbiased std of the completion's group (TRL default; verl {@code norm_adv_by_std_in_grpo=True}). */
  GROUP("group"),
  /** {@code "batch"}: divide by the unbiased std of all rewards of the batch (TRL only; "Lite PPO"). */
  BATCH("batch"),
  /** {@code "none"}: no division, A = r - group mean (Dr. GRPO; verl {@code norm_adv_by_std_in_grpo=False}). */
  NONE("none");

  private final String peerName;

  RewardScaling(String peerName) {
    this.peerName = peerName;
  }

  /** The value of TRL's {@code scale_rewards}. */
  @JsonValue
  public String peerName() {
    return peerName;
  }

  /** Parses TRL's name ({@code group}, {@code batch}, {@code none}) or the enum name. */
  @JsonCreator
  public static RewardScaling fromName(String name) {
    for (RewardScaling s : values()) {
      if (s.peerName.equals(name) || s.name().equals(name.toUpperCase(Locale.ROOT))) return s;
    }
    throw new UserInputException("scale_rewards", "unknown reward scaling '" + name + "'",
        "use one of " + Arrays.stream(values()).map(RewardScaling::peerName).toList());
  }
}
