package org.rewardlab.repro;

/**
 * The reproduction of one seed paper's central claim at CPU scale: it wires library parts (envs,
 * reward terms, learners) into the paper's experiment and its baseline, runs every arm on the
 * context's seeds, and returns the measured {@link Claim}s.
 *
 * <p>Each paper's implementation lives in its own package {@code org.rewardlab.repro.<id>} (dashes
 * dropped) and is registered with one line in {@link ReproRegistry#standard()}. A run must be a
 * function of the context's seeds alone: same seeds, same numbers.
 */
public interface Repro {
  /** The paper this reproduces; must be the entry of {@link Papers#ALL} with its id. */
  Paper paper();

  /** How far the paper is built ({@link PaperStatus#WORKING} once the claim is measured end to end). */
  PaperStatus status();

  /** How many seeds a run uses when the user does not say. */
  default int defaultSeedCount() {
    return 3;
  }

  /**
   * Runs every arm on {@code ctx.seeds()} and measures the claim(s). Files the run writes go under
   * {@code ctx.outputDir()}; progress lines go to {@link ReproContext#log(String)}. Build the result
   * with {@link ReproResult#of}; the runner adds the command line and wall time.
   */
  ReproResult run(ReproContext ctx);
}
