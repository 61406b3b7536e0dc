/**
 * A run on disk: {@code RunContext} (directory, seeds, manifest, metrics), {@code RunManifest}
 * ({@code manifest.json}), {@code MetricsSink} and its JSON-lines and CSV files, and
 * {@code AtomicFiles} for writes that never leave a half-written file.
 */
package org.rewardlab.core.run;
