package org.rewardlab.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rewardlab.cli.report.MetricsReader.Metrics;
import org.rewardlab.cli.report.MetricsReader.Rows;
import org.rewardlab.cli.report.RunDirs.RunInfo;
import org.rewardlab.reward.analysis.ContributionCurves;
import org.rewardlab.reward.analysis.CorrelationTable;
import org.rewardlab.reward.analysis.HackingMonitor;
import org.rewardlab.reward.analysis.HackingMonitor.Verdict;
import org.rewardlab.reward.analysis.TermBreakdown;

/**
 * The reward analysis of one run, from its {@code metrics.jsonl}: what each {@code reward/<term>}
 * contributes (breakdown, stacked curves, shares), how the terms and the returns correlate, and the
 * hacking monitor on every (proxy, gold) pair the run logged. {@link RunReport} puts it in
 * {@code report.html}; {@code rewardlab reward inspect} prints it.
 *
 * <h2>Records</h2>
 *
 * A record is one line of {@code metrics.jsonl}: one finished episode for env runs (its return, trained
 * return and per-term sums are logged together), one update step for language-model runs. The term
 * analysis uses the records that carry every {@code reward/*} key; a return key joins the correlation
 * table when it is on every one of them.
 *
 * <h2>Proxy and gold</h2>
 *
 * Monitored pairs, each when both keys were logged on common records: {@code proxy/<x>} against
 * {@code gold/<x>} for every x (the convention for trainers that know a true objective);
 * {@value #TRAINED_RETURN} (the reward the agent is trained on) against {@value #ENV_RETURN} (the env's
 * own return); {@value #LM_REWARD} against {@value #LM_ACCURACY} (a verifier's correctness).
 *
 * <p>Stateless and thread-safe.
 */
public final class RewardAnalysis {
  /** Prefix of the per-term metrics. */
  public static final String TERM_PREFIX = "reward/";
  static final String ENV_RETURN = "charts/episodic_return";
  static final String TRAINED_RETURN = "charts/trained_return";
  static final String LM_REWARD = "charts/reward";
  static final String LM_RAW_REWARD = "charts/raw_reward";
  static final String LM_ACCURACY = "charts/accuracy";
  static final String GOLD_PREFIX = "gold/";
  static final String PROXY_PREFIX = "proxy/";
  /** Return-like keys that join the correlation table, in this order, when logged with the terms. */
  static final List<String> RETURN_KEYS = List.of(ENV_RETURN, TRAINED_RETURN, LM_ACCURACY, LM_REWARD, LM_RAW_REWARD);

  private RewardAnalysis() {}

  /**
   * A monitored pair and its verdict.
   *
   * @param name what is monitored (e.g. "env return")
   * @param proxyKey the trained reward's metric
   * @param goldKey the gold metric
   * @param steps the step of each paired record
   * @param proxy the proxy per record
   * @param gold the gold per record
   * @param verdict the monitor's verdict
   */
  public record Monitor(String name, String proxyKey, String goldKey, long[] steps, double[] proxy, double[] gold,
      Verdict verdict) {
    /** Step range {from, to} (inclusive) of records [r.from, r.to). */
    long[] stepRange(HackingMonitor.Range r) {
      return new long[] {steps[r.from()], steps[r.to() - 1]};
    }
  }

  /**
   * Everything computed.
   *
   * @param termKeys the {@code reward/*} keys, in order of first appearance
   * @param terms the records with every term, plus the correlated return keys ({@code null} without terms)
   * @param window W: the recent window of the breakdown and correlations, and the monitors' window
   * @param windowGiven whether W was given (else automatic: max(20, n/4) for n records)
   * @param breakdown per-term means and shares ({@code null} without terms)
   * @param curves running means, stacked ({@code null} without terms)
   * @param smoothing the running-mean window of the curves
   * @param correlationKeys the columns of the correlation tables
   * @param overRun correlations over every record ({@code null} without terms)
   * @param recent correlations over the last W records ({@code null} without terms)
   * @param totalKey the key of the trained total the terms should add up to, or {@code null}
   * @param addUpError max |Σ terms − total| over the records, NaN without a total
   * @param monitors the monitored pairs
   * @param notes remarks for people (pairs that could not be monitored, ...)
   */
  public record Result(List<String> termKeys, Rows terms, int window, boolean windowGiven, TermBreakdown breakdown,
      ContributionCurves curves, int smoothing, List<String> correlationKeys, CorrelationTable overRun,
      CorrelationTable recent, String totalKey, double addUpError, List<Monitor> monitors, List<String> notes) {
    public Result {
      termKeys = List.copyOf(termKeys);
      correlationKeys = List.copyOf(correlationKeys);
      monitors = List.copyOf(monitors);
      notes = List.copyOf(notes);
    }

    /** Whether there is anything to show. */
    public boolean isEmpty() {
      return breakdown == null && monitors.isEmpty();
    }

    /** A term's short name: its key without {@value #TERM_PREFIX}. */
    static String shortName(String key) {
      return key.startsWith(TERM_PREFIX) ? key.substring(TERM_PREFIX.length()) : key;
    }
  }

  /**
   * Analyses {@code m}.
   *
   * @param window W, or 0 for automatic (max(20, n/4) records, n counted per analysis)
   */
  public static Result analyze(Metrics m, int window) {
    HackingMonitor.Config config = HackingMonitor.Config.defaults().withWindow(window);
    List<String> notes = new ArrayList<>();
    List<String> termKeys = m.keysWithPrefix(TERM_PREFIX);
    Rows terms = null;
    TermBreakdown breakdown = null;
    ContributionCurves curves = null;
    CorrelationTable overRun = null;
    CorrelationTable recent = null;
    List<String> corrKeys = List.of();
    String totalKey = null;
    double addUp = Double.NaN;
    int w = window;
    int smoothing = 1;
    if (!termKeys.isEmpty()) {
      Rows base = m.rows(termKeys);
      if (base.size() == 0) {
        notes.add("the reward/* terms were never all logged on one record: no breakdown");
      } else {
        List<String> keys = new ArrayList<>(termKeys);
        for (String k : RETURN_KEYS) {
          List<String> with = new ArrayList<>(keys);
          with.add(k);
          if (m.get(k) != null && m.rows(with).size() == base.size()) keys = with;
        }
        terms = m.rows(keys);
        int n = terms.size();
        w = config.windowFor(n);
        double[][] termCols = new double[termKeys.size()][];
        for (int j = 0; j < termKeys.size(); j++) termCols[j] = terms.columns()[j];
        List<String> names = termKeys.stream().map(Result::shortName).toList();
        breakdown = TermBreakdown.of(names, termCols, w);
        smoothing = Plots.window(n);
        curves = ContributionCurves.of(names, termCols, smoothing);
        corrKeys = keys;
        overRun = CorrelationTable.of(keys, terms.columns(), 0, n);
        recent = CorrelationTable.of(keys, terms.columns(), Math.max(0, n - w), n);
        totalKey = keys.contains(TRAINED_RETURN) ? TRAINED_RETURN : keys.contains(LM_REWARD) ? LM_REWARD : null;
        if (totalKey != null) {
          double[] total = terms.column(totalKey);
          addUp = 0;
          for (int i = 0; i < n; i++) {
            double s = 0;
            for (double[] c : termCols) s += c[i];
            addUp = Math.max(addUp, Math.abs(s - total[i]));
          }
        }
        if (n < w) {
          notes.add(String.format(Locale.ROOT, "the run has %d records with every term, fewer than the window of %d:"
              + " the recent columns cover the whole run", n, w));
        }
      }
    }
    List<Monitor> monitors = new ArrayList<>();
    for (String[] pair : pairs(m)) {
      Rows r = m.rows(List.of(pair[1], pair[2]));
      if (r.size() == 0) {
        notes.add("proxy " + pair[1] + " and gold " + pair[2] + " were never logged on the same record: not monitored");
        continue;
      }
      double[] proxy = r.columns()[0];
      double[] gold = r.columns()[1];
      monitors.add(new Monitor(pair[0], pair[1], pair[2], r.steps(), proxy, gold, HackingMonitor.check(proxy, gold, config)));
    }
    if (m.get(ENV_RETURN) != null && m.get(TRAINED_RETURN) == null && m.get(LM_ACCURACY) == null && monitors.isEmpty()) {
      notes.add("the run trains on the env's own reward (no reward: spec), so proxy and gold are the same: nothing to monitor");
    }
    if (w == 0) w = monitors.isEmpty() ? HackingMonitor.defaultWindow(0) : monitors.get(0).verdict().window();
    return new Result(termKeys, terms, w, window != 0, breakdown, curves, smoothing, corrKeys, overRun, recent, totalKey,
        addUp, monitors, notes);
  }

  /**
   * The metrics of a run directory: one that exists and holds {@code metrics.jsonl} (a manifest is
   * optional, as for the report).
   *
   * @throws org.rewardlab.core.UserInputException naming the directory or file and what to pass instead
   */
  public static Metrics read(Path runDir) {
    RunDirs.info(runDir);
    return RunDirs.metrics(runDir);
  }

  /** {name, proxy key, gold key} of every pair the run logged. */
  static List<String[]> pairs(Metrics m) {
    List<String[]> out = new ArrayList<>();
    for (String g : m.keysWithPrefix(GOLD_PREFIX)) {
      String x = g.substring(GOLD_PREFIX.length());
      if (m.get(PROXY_PREFIX + x) != null) out.add(new String[] {x, PROXY_PREFIX + x, g});
    }
    if (m.get(TRAINED_RETURN) != null && m.get(ENV_RETURN) != null) out.add(new String[] {"env return", TRAINED_RETURN, ENV_RETURN});
    if (m.get(LM_REWARD) != null && m.get(LM_ACCURACY) != null) out.add(new String[] {"accuracy", LM_REWARD, LM_ACCURACY});
    return out;
  }

  /** One analysis chart: file and caption. */
  public record Chart(Path png, String caption) {}

  /** {@link #writePlots(RunInfo, Result, Path)} into the run directory's {@code plots/}. */
  public static List<Chart> writePlots(Path runDir, Result r) {
    return writePlots(RunDirs.info(runDir), r, runDir.resolve(RunReport.PLOTS));
  }

  /**
   * Writes the analysis charts into {@code plotsDir}: stacked contributions, shares and the correlation
   * heatmap when there are terms, and one proxy-against-gold chart per monitored pair.
   */
  public static List<Chart> writePlots(RunInfo info, Result r, Path plotsDir) {
    List<Chart> out = new ArrayList<>();
    if (r.breakdown() != null) {
      Path p = plotsDir.resolve("reward_contributions.png");
      Plots.contributionStack(info.name(), r.curves(), r.terms().steps(), p);
      out.add(new Chart(p, "Per-term contributions over training: running mean over " + r.smoothing()
          + " records of each term, positive terms stacked above 0 and negative ones below; the black line is"
          + " their sum (the trained reward when the terms add up to it)"));
      p = plotsDir.resolve("reward_shares.png");
      Plots.shareStack(info.name(), r.curves(), r.terms().steps(), p);
      out.add(new Chart(p, "Share of each term: |running mean| / Σ |running means|, stacked to 1"));
      if (r.correlationKeys().size() >= 2) {
        p = plotsDir.resolve("reward_correlations.png");
        Plots.correlationHeatmap(info.name(), r.overRun(), r.recent(), p);
        out.add(new Chart(p, "Spearman correlations over the run (" + r.overRun().records() + " records) and over the"
            + " last " + r.recent().records()));
      }
    }
    for (int i = 0; i < r.monitors().size(); i++) {
      Monitor mon = r.monitors().get(i);
      Path p = plotsDir.resolve(i == 0 ? "proxy_vs_gold.png" : "proxy_vs_gold_" + fileSafe(mon.name()) + ".png");
      Plots.proxyVsGold(info.name(), mon, p);
      out.add(new Chart(p, "Hacking monitor, " + mon.name() + ": proxy " + mon.proxyKey() + " (left axis) and gold "
          + mon.goldKey() + " (right axis), running means over raw values; red bands are windows where the proxy"
          + " rose while the gold fell"));
    }
    return out;
  }

  private static String fileSafe(String s) {
    String f = s.replaceAll("[^A-Za-z0-9._-]+", "_");
    return f.length() > 60 ? f.substring(0, 60) : f;
  }

  // ---- text ----

  /** The rule of the monitor with the numbers of {@code v}, in one paragraph. */
  static String rule(Verdict v) {
    return String.format(Locale.ROOT, "a window of W = %d records diverges when the proxy's Spearman trend (its rank"
        + " correlation with time) is >= tau and the gold's is <= -tau, each with its own tau = z/sqrt(n_eff - 1),"
        + " z = %s, n_eff = W(1 - r1)/(1 + r1) for r1 >= 0 the lag-1 autocorrelation of the series around its"
        + " least-squares line (about %.2f for independent noise), and the gold's later-half mean minus its"
        + " earlier-half mean is <= -%s of its standard deviation over the run. Windows end every max(1, W/4)"
        + " records and at the last record; DIVERGING means the last window diverges, DIVERGED EARLIER that only"
        + " earlier ones did", v.window(), plain(v.config().z()), v.config().tau(v.window()),
        plain(v.config().minChange()));
  }

  /** The analysis as text (the {@code reward inspect} output). */
  public static void print(PrintWriter out, Result r) {
    if (r.breakdown() != null) {
      TermBreakdown b = r.breakdown();
      out.printf(Locale.ROOT, "Term contributions over %d records (mean per record; share = |mean| / sum of |means|;"
          + " recent = the last %d):%n", b.records(), b.recent());
      int width = Math.max(8, b.terms().stream().mapToInt(t -> t.name().length()).max().orElse(0));
      String head = "  %-" + width + "s %12s %7s %12s %7s %12s %12s%n";
      out.printf(Locale.ROOT, head, "term", "mean", "share", "recent mean", "share", "mean |x|", "sd");
      for (TermBreakdown.Term t : b.terms()) {
        out.printf(Locale.ROOT, head, t.name(), num(t.mean()), pct(t.share()), num(t.recentMean()), pct(t.recentShare()),
            num(t.meanAbs()), num(t.std()));
      }
      out.printf(Locale.ROOT, head, "sum", num(b.total()), "", num(b.recentTotal()), "", "", "");
      String addUp = addUpSentence(r);
      if (addUp != null) out.println("  " + addUp);
      out.println();
      out.printf(Locale.ROOT, "Correlations (Pearson r, Spearman rho) over the run (%d records) and the last %d:%n",
          r.overRun().records(), r.recent().records());
      List<String> keys = r.correlationKeys();
      int kw = keys.stream().mapToInt(String::length).max().orElse(8);
      String row = "  %-" + kw + "s  %-" + kw + "s %9s %9s %9s %9s%n";
      out.printf(Locale.ROOT, row, "a", "b", "r run", "rho run", "r recent", "rho recent");
      for (int a = 0; a < keys.size(); a++) {
        for (int c = a + 1; c < keys.size(); c++) {
          out.printf(Locale.ROOT, row, keys.get(a), keys.get(c), corr(r.overRun().pearson()[a][c]),
              corr(r.overRun().spearman()[a][c]), corr(r.recent().pearson()[a][c]), corr(r.recent().spearman()[a][c]));
        }
      }
      out.println();
    } else {
      out.println("No reward/* terms in this run: no breakdown or correlations (train with a reward: spec to log"
          + " each term).");
      out.println();
    }
    if (r.monitors().isEmpty()) {
      out.println("Hacking monitor: no proxy/gold pair logged (" + TRAINED_RETURN + " with " + ENV_RETURN + ", "
          + LM_REWARD + " with " + LM_ACCURACY + ", or proxy/<x> with gold/<x>).");
    }
    for (Monitor mon : r.monitors()) {
      Verdict v = mon.verdict();
      out.printf(Locale.ROOT, "Hacking monitor, %s: proxy %s, gold %s (%d records; W = %d, z = %s, kappa = %s)%n",
          mon.name(), mon.proxyKey(), mon.goldKey(), v.records(), v.window(), plain(v.config().z()),
          plain(v.config().minChange()));
      out.println("  " + v.summary());
      if (v.last() != null) {
        HackingMonitor.Window w = v.last();
        out.printf(Locale.ROOT, "  last window (records %d-%d): proxy trend %s (threshold +%.2f), change %+.2f sd;"
            + " gold trend %s (threshold -%.2f), change %+.2f sd%n", w.from(), w.to() - 1, corr(w.proxyTrend()),
            w.proxyTau(), w.proxyChange(), corr(w.goldTrend()), w.goldTau(), w.goldChange());
      }
      out.printf(Locale.ROOT, "  rule: proxy trend >= +tau and gold trend <= -tau (tau = z/sqrt(n_eff - 1), n_eff corrected"
          + " for autocorrelation), and the gold's half-to-half change <= -%s run sd, in windows of %d records every %d"
          + " (docs/training.md, \"Reward analysis\")%n", plain(v.config().minChange()), v.window(), Math.max(1, v.window() / 4));
      for (HackingMonitor.Range range : v.flagged()) {
        long[] s = mon.stepRange(range);
        out.printf(Locale.ROOT, "  flagged: records %d-%d (steps %d-%d)%n", range.from(), range.to() - 1, s[0], s[1]);
      }
    }
    for (String note : r.notes()) out.println("note: " + note);
  }

  /** "The terms add up to ..." or {@code null} without a total. */
  static String addUpSentence(Result r) {
    if (r.totalKey() == null) return null;
    double tol = 1e-6 * Math.max(1, Math.abs(r.breakdown().total()));
    return r.addUpError() <= tol
        ? String.format(Locale.ROOT, "the terms add up to %s on every record (largest difference %s)", r.totalKey(),
            num(r.addUpError()))
        : String.format(Locale.ROOT, "the terms do NOT add up to %s (largest difference %s): the total is computed"
            + " otherwise (weights, normalization) or a term is missing", r.totalKey(), num(r.addUpError()));
  }

  // ---- JSON ----

  /** The analysis as JSON (the {@code reward inspect --json} file). */
  public static ObjectNode json(Path runDir, Result r) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("run", runDir.toString());
    root.put("window", r.window());
    root.put("window_given", r.windowGiven());
    if (r.breakdown() != null) {
      ObjectNode b = root.putObject("breakdown");
      b.put("records", r.breakdown().records());
      b.put("recent", r.breakdown().recent());
      ArrayNode terms = b.putArray("terms");
      for (TermBreakdown.Term t : r.breakdown().terms()) {
        ObjectNode o = terms.addObject();
        o.put("term", t.name());
        put(o, "mean", t.mean());
        put(o, "share", t.share());
        put(o, "recent_mean", t.recentMean());
        put(o, "recent_share", t.recentShare());
        put(o, "mean_abs", t.meanAbs());
        put(o, "std", t.std());
      }
      put(b, "total", r.breakdown().total());
      put(b, "recent_total", r.breakdown().recentTotal());
      if (r.totalKey() != null) {
        b.put("total_key", r.totalKey());
        put(b, "add_up_error", r.addUpError());
      }
      ObjectNode c = root.putObject("correlations");
      ArrayNode keys = c.putArray("keys");
      r.correlationKeys().forEach(keys::add);
      correlations(c.putObject("run"), r.overRun());
      correlations(c.putObject("recent"), r.recent());
    }
    ArrayNode mons = root.putArray("monitors");
    for (Monitor mon : r.monitors()) {
      Verdict v = mon.verdict();
      ObjectNode o = mons.addObject();
      o.put("name", mon.name());
      o.put("proxy", mon.proxyKey());
      o.put("gold", mon.goldKey());
      o.put("status", v.status().name());
      o.put("summary", v.summary());
      o.put("records", v.records());
      o.put("window", v.window());
      o.put("z", v.config().z());
      o.put("min_change", v.config().minChange());
      o.put("windows_checked", v.windowsChecked());
      if (v.last() != null) {
        ObjectNode l = o.putObject("last_window");
        l.put("from", v.last().from());
        l.put("to", v.last().to());
        put(l, "proxy_trend", v.last().proxyTrend());
        put(l, "gold_trend", v.last().goldTrend());
        put(l, "proxy_threshold", v.last().proxyTau());
        put(l, "gold_threshold", v.last().goldTau());
        put(l, "proxy_change", v.last().proxyChange());
        put(l, "gold_change", v.last().goldChange());
        l.put("diverging", v.last().diverging());
      }
      ArrayNode fl = o.putArray("flagged");
      for (HackingMonitor.Range range : v.flagged()) {
        long[] s = mon.stepRange(range);
        ObjectNode x = fl.addObject();
        x.put("from_record", range.from());
        x.put("to_record", range.to());
        x.put("from_step", s[0]);
        x.put("to_step", s[1]);
      }
    }
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    return root;
  }

  private static void correlations(ObjectNode o, CorrelationTable t) {
    o.put("from_record", t.from());
    o.put("to_record", t.to());
    matrix(o.putArray("pearson"), t.pearson());
    matrix(o.putArray("spearman"), t.spearman());
  }

  private static void matrix(ArrayNode a, double[][] m) {
    for (double[] row : m) {
      ArrayNode r = a.addArray();
      for (double v : row) {
        if (Double.isNaN(v)) r.addNull(); else r.add(v);
      }
    }
  }

  private static void put(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) o.put(key, v); else o.putNull(key);
  }

  static String num(double v) {
    return RunReport.num(v).isEmpty() ? "-" : RunReport.num(v);
  }

  /** A parameter as written: 3, 0.25. */
  static String plain(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  static String pct(double share) {
    return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  static String corr(double c) {
    return Double.isNaN(c) ? "-" : String.format(Locale.ROOT, "%+.3f", c);
  }
}
