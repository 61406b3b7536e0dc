package org.rewardlab.repro;

/** Runs a {@link Repro} and stamps its result with the command, seeds and wall time. Stateless. */
public final class ReproRunner {
  private ReproRunner() {}

  /**
   * Runs {@code repro} in {@code ctx}.
   *
   * @throws IllegalStateException if the repro returns a result for another paper
   */
  public static ReproResult run(Repro repro, ReproContext ctx) {
    long start = System.nanoTime();
    ReproResult result = repro.run(ctx);
    double wallSeconds = (System.nanoTime() - start) / 1e9;
    if (result == null || !result.paperId().equals(repro.paper().id())) {
      throw new IllegalStateException("repro " + repro.getClass().getName() + " for '" + repro.paper().id()
          + "' returned a result for " + (result == null ? "nothing" : "'" + result.paperId() + "'"));
    }
    return result.withRun(ctx.command(), ctx.seeds(), wallSeconds);
  }
}
