/**
 * Reading a run directory's metrics, drawing its charts (JFreeChart, headless) and writing its
 * {@code report.html}.
 */
package org.rewardlab.cli.report;
