package org.rewardlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rewardlab.algos.lm.conformance.CaseReport;
import org.rewardlab.algos.lm.conformance.Conformance;
import org.rewardlab.algos.lm.conformance.ConformanceReport;
import org.rewardlab.algos.lm.conformance.QuantityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rewardlab conformance FILE.json...}: recomputes every number of a peer golden file (TRL/verl GRPO, verl's
 * estimator and loss variants, TRL DPO) with RewardLab's implementation and compares them. Exit 0 when every number
 * is within the tolerance, 1 when some are not (the first mismatches are named), 2 when a file cannot be checked.
 */
@Command(
    name = "conformance",
    description = {
      "Recompute every number recorded in peer golden files (../shared/golden/llm/*.json: TRL and verl GRPO,",
      "verl variants, TRL DPO) from their inputs with RewardLab's float64 implementation, and print per case and",
      "per quantity the largest absolute and relative error. A number passes when its error is at most 1e-12,",
      "or at most 1e-9 relative."
    },
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  every number within tolerance",
        "  1  some numbers out of tolerance (the first mismatches are named)",
        "  2  a file cannot be checked (missing, not JSON, missing field, unknown case kind or quantity)"})
final class ConformanceCommand implements Callable<Integer> {
  /** Exit code when a recorded number is out of tolerance. */
  static final int MISMATCH = 1;

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE.json", description = "Golden files.")
  List<Path> files;

  @Option(names = "--summary", description = "One line per case instead of one per quantity.")
  boolean summary;

  @Option(names = "--max-mismatches", paramLabel = "N",
      description = "How many mismatches to name at the end (default: ${DEFAULT-VALUE}).")
  int maxMismatches = 10;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Conformance conformance = Conformance.standard();
    boolean allPassed = true;
    for (Path file : files) {
      ConformanceReport report = conformance.check(file);
      print(out, report);
      if (!report.passed()) {
        allPassed = false;
        List<ConformanceReport.Mismatch> mismatches = report.mismatches();
        err.println("conformance: " + report.file() + ": " + mismatches.size() + " of " + report.quantityCount()
            + " quantities out of tolerance; first: " + mismatches.get(0));
        for (ConformanceReport.Mismatch m : mismatches.subList(1, Math.min(mismatches.size(), Math.max(1, maxMismatches)))) {
          err.println("  also: " + m);
        }
      }
    }
    return allPassed ? Main.OK : MISMATCH;
  }

  private void print(PrintWriter out, ConformanceReport r) {
    out.println("file " + r.file() + " (kind " + r.kind() + ", " + r.cases().size() + " cases; a number passes when"
        + " |error| <= " + num(r.tolerance().abs()) + " or <= " + num(r.tolerance().rel()) + " relative)");
    for (CaseReport c : r.cases()) {
      if (summary) {
        out.printf(Locale.ROOT, "  %-4s %-48s %4d quantities  max abs %s  max rel %s%n", c.passed() ? "ok" : "FAIL",
            c.name(), c.quantities().size(), num(c.maxAbs()), num(c.maxRel()));
        continue;
      }
      out.println("case " + c.name());
      for (QuantityReport q : c.quantities()) {
        out.printf(Locale.ROOT, "  %-4s %-62s %-8s max abs %s  max rel %s%s%n", q.passed() ? "ok" : "FAIL", q.name(),
            "n=" + q.count(), num(q.maxAbs()), num(q.maxRel()),
            q.passed() ? "" : "  (" + q.failures() + " out; at " + (q.worstIndex().isEmpty() ? "the value" : q.worstIndex())
                + " recorded " + q.worstExpected() + ", RewardLab " + q.worstActual() + ")");
      }
    }
    int failed = r.mismatches().size();
    out.printf(Locale.ROOT, "%s %s: %d cases, %d quantities, %d numbers; %s; max abs %s, max rel %s%n",
        failed == 0 ? "PASS" : "FAIL", r.file(), r.cases().size(), r.quantityCount(), r.numberCount(),
        failed == 0 ? "all within tolerance" : failed + " quantities out of tolerance", num(r.maxAbs()), num(r.maxRel()));
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1e", v);
  }
}
