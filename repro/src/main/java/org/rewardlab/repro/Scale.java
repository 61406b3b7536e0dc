package org.rewardlab.repro;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rewardlab.core.UserInputException;

/**
 * How long a repro runs: the one switch every reproduction answers ({@code rewardlab repro run <id>
 * --scale smoke|default|paper}). Each repro maps a scale to its own config with {@link
 * Repro#config(Scale)}.
 */
public enum Scale {
  /** Seconds: the smallest run that goes through every arm and claim; what the tests run for every repro. */
  SMOKE("smoke"),
  /** The CPU-scale run whose numbers go to {@code docs/PAPERS.md}: under 10 minutes on 2 cores. */
  DEFAULT("default"),
  /** The paper's own scale (may take hours); a repro may refuse it with {@link #refused}. */
  PAPER("paper");

  private final String label;

  Scale(String label) {
    this.label = label;
  }

  /** The lower-case name users type and result files store: {@code smoke}, {@code default}, {@code paper}. */
  @JsonValue
  public String label() {
    return label;
  }

  /** The valid names, comma-separated, for messages. */
  public static String names() {
    return Arrays.stream(values()).map(Scale::label).collect(Collectors.joining(", "));
  }

  /**
   * The scale a person typed after {@code --scale} (case-insensitive).
   *
   * @throws UserInputException naming {@code --scale} and the valid names
   */
  @JsonCreator
  public static Scale parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (Scale s : values()) {
      if (s.label.equals(t)) {
        return s;
      }
    }
    throw new UserInputException("--scale", "unknown scale '" + text + "'", "use one of " + names());
  }

  /**
   * The error a repro throws from {@link Repro#config(Scale)} when it cannot run at this scale, e.g.
   * {@code throw Scale.PAPER.refused("carl", "needs 8 GPUs for 3 days")}.
   */
  public UserInputException refused(String paperId, String why) {
    return new UserInputException("--scale " + label, paperId + " does not run at this scale: " + why,
        "use --scale default for the CPU-scale run");
  }
}
