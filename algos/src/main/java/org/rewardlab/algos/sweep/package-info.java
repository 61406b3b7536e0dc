/**
 * Sweeps: a base experiment, axes of config values and seeds, run as independent tasks on any
 * {@link org.rewardlab.core.parallel.TaskEngine} (threads here, or Spark).
 *
 * <p>{@link org.rewardlab.algos.sweep.SweepSpec} is the sweep file; {@link
 * org.rewardlab.algos.sweep.SweepPlan} its cells (the cartesian product of the axes, each with the
 * hash of its resolved config) and tasks (cells × seeds, {@link org.rewardlab.algos.sweep.SweepTask});
 * {@link org.rewardlab.algos.sweep.SweepTaskRunner} trains one task into {@code
 * <runsRoot>/<hash12>/seed-<n>} and returns a {@link org.rewardlab.algos.sweep.TaskResult}; {@link
 * org.rewardlab.algos.sweep.SweepStore} keeps one result file per task, written atomically; {@link
 * org.rewardlab.algos.sweep.SweepTable} aggregates them (mean, std, 95% t-interval per cell) the same
 * way for every engine; {@link org.rewardlab.algos.sweep.SweepRunner} ties them together and skips
 * finished tasks. Guide: {@code docs/sweeps.md}.
 */
package org.rewardlab.algos.sweep;
