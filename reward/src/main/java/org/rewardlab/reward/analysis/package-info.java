/**
 * Statistics over a run's logged reward metrics, in pure Java on plain arrays: per-term contributions
 * and their shares of the total ({@link TermBreakdown}, {@link ContributionCurves}), term-to-term and
 * term-to-return correlations ({@link CorrelationTable}), and a reward-hacking monitor that flags a
 * proxy rising while the gold signal falls ({@link HackingMonitor}).
 *
 * <p>The input is one row per logged record (an episode for env runs, an update step for language-model
 * runs) in time order, one column per metric, every value finite; reading and aligning a run's
 * {@code metrics.jsonl} is the caller's job (the CLI's report package does it).
 */
package org.rewardlab.reward.analysis;
