package org.rewardlab.algos.gfn;

import java.util.Arrays;
import java.util.Locale;
import org.rewardlab.core.UserInputException;

/** The training objectives of {@link GfnLosses} (GEN §0–§2), by their config names. */
public enum GfnObjective {
  /** Trajectory balance (Malkin et al. 2022). */
  TB("tb"),
  /** Detailed balance (Bengio et al. 2023). */
  DB("db"),
  /** Sub-trajectory balance with {@code lambda^{j-i}} weights, torchgfn's "geometric_within" (Madan et al. 2023). */
  SUBTB("subtb"),
  /** Flow matching (Bengio et al. 2021), torchgfn's {@code FMGFlowNet}. */
  FM("fm"),
  /** Forward-looking detailed balance (Pan et al. 2023). */
  FLDB("fldb"),
  /** Forward-looking sub-trajectory balance. */
  FLSUBTB("flsubtb"),
  /** Order-preserving TB (Chen &amp; Mauch 2024): only the pairwise ranking of terminal objects is used. */
  OPTB("optb");

  private final String id;

  GfnObjective(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Needs a state-flow head {@code log F(s)}. */
  public boolean usesStateFlow() {
    return this == DB || this == SUBTB || this == FLDB || this == FLSUBTB;
  }

  /** Uses the env's per-state reward (forward-looking). */
  public boolean forwardLooking() {
    return this == FLDB || this == FLSUBTB;
  }

  /** Has a learned scalar {@code log Z}. */
  public boolean usesLogZ() {
    return this == TB || this == OPTB;
  }

  public static GfnObjective parse(String s, String where) {
    for (GfnObjective o : values()) if (o.id.equals(s == null ? "" : s.toLowerCase(Locale.ROOT))) return o;
    throw new UserInputException(where, "unknown GFlowNet loss " + UserInputException.quote(s),
        "use one of " + Arrays.stream(values()).map(GfnObjective::id).toList());
  }
}
