package org.rewardlab.envs.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rewardlab.core.UserInputException;

/**
 * T-BANDIT: a contextual bandit whose action is a short token sequence (PO §0).
 *
 * @param contexts C, the number of contexts (prompts), 1..1000, drawn uniformly
 * @param arms K, the symbols a response is made of ({@code a, b, ...}), 2..26
 * @param length L, the response length, 1..8; there are K^L responses per context and
 *     C·K^L must not exceed 2^20
 * @param structure how the reward table is drawn: {@code random} (every sequence its own reward)
 *     or {@code additive} (a per-position reward per symbol, averaged: credit can be assigned token
 *     by token)
 * @param tableSeed the seed of the reward table: part of the task's definition, not of a run
 */
public record BanditConfig(int contexts, int arms, int length, Structure structure, long tableSeed)
    implements TextTaskConfig {
  /** The most table entries C·K^L. */
  public static final int MAX_TABLE = 1 << 20;

  public BanditConfig {
    if (contexts < 1 || contexts > 1000) {
      throw new UserInputException("contexts", contexts + " contexts is out of range", "use 1..1000");
    }
    if (arms < 2 || arms > 26) {
      throw new UserInputException("arms", arms + " arms is out of range", "use 2..26");
    }
    if (length < 1 || length > 8) {
      throw new UserInputException("length", "response length " + length + " is out of range", "use 1..8");
    }
    if (Math.pow(arms, length) * contexts > MAX_TABLE) {
      throw new UserInputException("length",
          "the reward table would have " + contexts + " x " + arms + "^" + length + " entries, more than " + MAX_TABLE,
          "use fewer contexts, arms or a shorter length");
    }
    if (structure == null) {
      throw new UserInputException("structure", "no table structure given", "use `random` or `additive`");
    }
  }

  /** 4 contexts, 3 arms, length 3 (27 responses per context), a random table from seed 0. */
  public static BanditConfig defaults() {
    return new BanditConfig(4, 3, 3, Structure.RANDOM, 0);
  }

  /** How the reward table is drawn, written {@code random} or {@code additive}. */
  public enum Structure {
    /** r(c, y) ~ U[0, 1) independently for every context and sequence. */
    RANDOM,
    /** r(c, y) = (1/L) Σ_t w(c, t, y_t) with w ~ U[0, 1): the best sequence is the best symbol per position. */
    ADDITIVE;

    /** The YAML spelling: lower case. */
    @JsonValue
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the YAML spelling, naming the valid ones when it is wrong. */
    @JsonCreator
    public static Structure parse(String s) {
      for (Structure v : values()) {
        if (v.yamlName().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) return v;
      }
      throw new UserInputException("structure", "unknown table structure '" + s + "'",
          "use one of " + Arrays.stream(values()).map(Structure::yamlName).collect(Collectors.joining(", ")));
    }
  }
}
