package org.rewardlab.repro;

import java.util.List;

/**
 * The reproduction of one seed paper's central claim, as three small functions the {@link
 * ReproRunner} calls:
 *
 * <ol>
 *   <li>{@link #config(Scale)}: the run's config record at a scale (smoke, default, paper);
 *   <li>{@link #measure}: every arm on one seed, as named numbers (a {@link SeedResult}), each arm's
 *       work wrapped in {@link ReproContext#timeArm} so its wall time is recorded;
 *   <li>{@link #claims} (and {@link #notes}): the per-seed numbers of all seeds turned into
 *       {@link Claim}s with their comparisons.
 * </ol>
 *
 * The runner loops over the config's seeds, reports progress, times the arms and stamps the result
 * with config, scale, seeds, git commit and versions. A measurement must be a function of the config
 * and the seed alone: same seed, same numbers.
 *
 * <p>Each paper's implementation lives in its own package {@code org.rewardlab.repro.<id>} (dashes
 * dropped) and is registered with one line in {@link ReproRegistry#standard()}; {@code
 * org.rewardlab.repro.starc.StarcRepro} is the worked example. Implementations are immutable.
 *
 * @param <C> the paper's config record
 */
public interface Repro<C extends ReproConfig<C>> {
  /** The paper this reproduces; must be the entry of {@link Papers#ALL} with its id. */
  Paper paper();

  /** How far the paper is built ({@link PaperStatus#WORKING} once the claim is measured end to end). */
  PaperStatus status();

  /**
   * The config at {@code scale}: {@link Scale#SMOKE} finishes in seconds, {@link Scale#DEFAULT} in
   * under 10 minutes on 2 cores, {@link Scale#PAPER} is the paper's own setup.
   *
   * @throws org.rewardlab.core.UserInputException from {@link Scale#refused} where the scale cannot run
   */
  C config(Scale scale);

  /**
   * The paper's own scale in words, for the report beside ours ({@code 16 MDPs x 64 reward pairs x
   * 16 steps, one run}); stated even where {@link Scale#PAPER} is refused.
   */
  String paperScale();

  /**
   * Runs every arm on one seed and returns its numbers. Files go under {@link
   * ReproContext#outputDir()}; progress lines to {@link ReproContext#log}.
   */
  SeedResult measure(C config, long seed, ReproContext ctx);

  /** The measured claims from the numbers of every seed ({@code perSeed} in the config's seed order). */
  List<Claim> claims(C config, List<SeedResult> perSeed);

  /** Lines for the reader beside the claims: deviations from the paper, numbers that are not claims. */
  default List<String> notes(C config, List<SeedResult> perSeed) {
    return List.of();
  }

  /**
   * The independent arms of one seed, each runnable on its own by {@link #measureArm}, so that {@code repro run
   * --engine} runs every (seed, arm) as a task of its own; empty (the default): the seed is one task. A repro
   * that declares arms must keep {@link #measure} equal to {@link #mergeArms} of {@link #measureArm} over these
   * arms in this order (implement {@code measure} as {@link #measureByArms}), so both paths give the same
   * numbers. Arms must not depend on each other's results, nor write the same files.
   */
  default List<String> arms(C config) {
    return List.of();
  }

  /**
   * Arm {@code arm} (one of {@link #arms}) on one seed: the values it contributes to the seed's result.
   *
   * @throws UnsupportedOperationException if the repro declares no arms
   */
  default SeedResult measureArm(C config, long seed, String arm, ReproContext ctx) {
    throw new UnsupportedOperationException("repro for '" + paper().id() + "' declares no arms");
  }

  /**
   * The seed's result from its arms' results ({@code perArm} in the order of {@link #arms}): by default their
   * values merged in arm order (a name measured by two arms is an error); a repro may add values computed from
   * several arms (a difference between arms), cheaply: this runs on the driver.
   */
  default SeedResult mergeArms(C config, long seed, List<SeedResult> perArm) {
    java.util.Map<String, Double> values = new java.util.LinkedHashMap<>();
    for (SeedResult r : perArm) {
      for (java.util.Map.Entry<String, Double> e : r.values().entrySet()) {
        if (values.put(e.getKey(), e.getValue()) != null) {
          throw new IllegalStateException("repro for '" + paper().id() + "': value '" + e.getKey()
              + "' of seed " + seed + " is measured by two arms");
        }
      }
    }
    return new SeedResult(seed, values);
  }

  /** {@link #measure} for a repro with arms: every arm of {@link #arms} in order, then {@link #mergeArms}. */
  default SeedResult measureByArms(C config, long seed, ReproContext ctx) {
    List<String> arms = arms(config);
    if (arms.isEmpty()) {
      throw new IllegalStateException("repro for '" + paper().id() + "' measures by arms but declares none");
    }
    List<SeedResult> parts = new java.util.ArrayList<>();
    for (String arm : arms) parts.add(measureArm(config, seed, arm, ctx));
    return mergeArms(config, seed, parts);
  }
}
