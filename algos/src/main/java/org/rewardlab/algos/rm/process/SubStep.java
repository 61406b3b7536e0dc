package org.rewardlab.algos.rm.process;

/**
 * One computation of a step-structured arithmetic chain (RM §8 (e)), as a reward model sees it and as the grader
 * knows it. A reasoning step (a tree node's unit) is one or more sub-steps; a merged step (HRM, HNC) is the
 * concatenation of two steps' sub-steps.
 *
 * @param ok the computation checks locally ({@code a op b = c} is right for the numbers written): visible
 * @param coherent its input is the value the preceding sub-step wrote (or, for a recheck, a real re-derivation):
 *     visible only to a model that sees the preceding sub-step in the same window
 * @param recheck it is a "recheck:" (self-reflection) sub-step
 * @param correct the chain's value is right after it (hidden; what the grader checks)
 */
public record SubStep(boolean ok, boolean coherent, boolean recheck, boolean correct) {
  /** A right step on a right chain (or a locally right continuation of a wrong one when {@code onTrack} is false). */
  public static SubStep plain(boolean onTrack) {
    return new SubStep(true, true, false, onTrack);
  }

  /** A visible calculation error. */
  public static SubStep calcError() {
    return new SubStep(false, true, false, false);
  }

  /** A copy error: locally right arithmetic on a miscopied input, wrong, seen only next to the preceding step. */
  public static SubStep copyError() {
    return new SubStep(true, false, false, false);
  }

  /** A genuine recheck that restores the right value. */
  public static SubStep fix() {
    return new SubStep(true, true, true, true);
  }

  /** A fake recheck: claims to verify but restates a wrong value (incoherent with what it claims to redo). */
  public static SubStep fakeRecheck() {
    return new SubStep(true, false, true, false);
  }
}
