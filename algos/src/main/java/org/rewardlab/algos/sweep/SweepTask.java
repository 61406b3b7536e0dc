package org.rewardlab.algos.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * One task of a sweep: train one cell's config with one seed. Carries everything a worker needs
 * (the base experiment's YAML text, not a path: workers may not share the driver's file system), so
 * it can be shipped to any engine. Its result depends on nothing else: a task is idempotent.
 *
 * @param sweep the sweep's name
 * @param cell the cell's index in the plan
 * @param cellLabel the cell's axis values, e.g. {@code weight=30, normalization=on}
 * @param configHash the cell's config hash (SHA-256 hex of the resolved config without the seed); the
 *     worker checks that it resolves the same config
 * @param baseYaml the base experiment's YAML text
 * @param baseSource where the base was read from, for messages
 * @param overrides the cell's overrides in order ({@code path=value})
 * @param seed the run seed
 * @param runsRoot where run directories go on the machine that runs the task
 */
public record SweepTask(String sweep, int cell, String cellLabel, String configHash, String baseYaml, String baseSource,
    List<String> overrides, long seed, String runsRoot) implements Serializable {
  private static final long serialVersionUID = 1L;

  public SweepTask {
    overrides = List.copyOf(overrides);
  }

  /** The result key: {@code <hash12>-seed<n>}. */
  public String key() {
    return SweepPlan.key(configHash, seed);
  }

  /** The run directory's path relative to the runs root: {@code <hash12>/seed-<n>}. */
  public String runPath() {
    return configHash.substring(0, 12) + "/seed-" + seed;
  }
}
