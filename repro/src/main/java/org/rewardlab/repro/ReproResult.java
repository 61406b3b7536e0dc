package org.rewardlab.repro;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one repro run, as saved to {@code repro/results/<id>.json}. Immutable.
 *
 * @param paperId the paper's id
 * @param command the command line that produced it ({@code rewardlab repro run carl --seed 1})
 * @param seeds the seeds every arm ran on
 * @param wallSeconds wall-clock duration of the run in seconds (NaN before the runner stamps it)
 * @param claims the measured claims; at least one
 * @param notes free lines for the reader: the scale used, deviations from the paper's setup
 */
@JsonIgnoreProperties(value = {"verdict"}, allowGetters = true)
public record ReproResult(
    String paperId, String command, List<Long> seeds, double wallSeconds, List<Claim> claims, List<String> notes) {
  public ReproResult {
    if (paperId == null || Papers.find(paperId).isEmpty()) {
      throw new IllegalArgumentException("result for unknown paper id '" + paperId + "'");
    }
    command = command == null ? "" : command;
    seeds = seeds == null ? List.of() : List.copyOf(seeds);
    if (claims == null || claims.isEmpty()) {
      throw new IllegalArgumentException("result for '" + paperId + "' needs at least one measured claim");
    }
    claims = List.copyOf(claims);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** A result as a {@link Repro} returns it: the runner fills command, seeds and wall time. */
  public static ReproResult of(String paperId, List<Claim> claims, String... notes) {
    return new ReproResult(paperId, "", List.of(), Double.NaN, claims, List.of(notes));
  }

  /** This result stamped with how it was run. */
  public ReproResult withRun(String command, List<Long> seeds, double wallSeconds) {
    return new ReproResult(paperId, command, seeds, wallSeconds, claims, notes);
  }

  /** All claims together: see {@link Verdict#combine}. */
  @JsonProperty("verdict")
  public Verdict verdict() {
    List<Verdict> verdicts = new ArrayList<>();
    for (Claim c : claims) {
      verdicts.add(c.verdict());
    }
    return Verdict.combine(verdicts);
  }
}
