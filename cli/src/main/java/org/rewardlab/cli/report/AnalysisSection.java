package org.rewardlab.cli.report;

import static org.rewardlab.cli.report.RunReport.esc;

import java.util.List;
import java.util.Locale;
import org.rewardlab.cli.report.RewardAnalysis.Chart;
import org.rewardlab.cli.report.RewardAnalysis.Monitor;
import org.rewardlab.cli.report.RewardAnalysis.Result;
import org.rewardlab.cli.report.RunDirs.RunInfo;
import org.rewardlab.reward.analysis.HackingMonitor;
import org.rewardlab.reward.analysis.HackingMonitor.Verdict;
import org.rewardlab.reward.analysis.TermBreakdown;

/** The "Reward analysis" section of {@code report.html}. Stateless. */
final class AnalysisSection {
  private AnalysisSection() {}

  static void append(StringBuilder h, RunInfo info, Result r, List<Chart> charts) {
    h.append("<h2 id=\"reward-analysis\">Reward analysis</h2>\n");
    if (r.isEmpty()) {
      h.append("<p class=\"muted\">No reward/* terms and no proxy/gold pair in this run: nothing to analyse. Train with a"
          + " <code>reward:</code> spec to log each term (docs/rewards.md).</p>\n");
      notes(h, r);
      return;
    }
    h.append("<p>A <em>record</em> is one line of metrics.jsonl: a finished episode for env runs, an update step for"
        + " language-model runs. <em>Recent</em> means the last ").append(r.window()).append(" records")
        .append(r.windowGiven() ? "" : " (a quarter of the run, at least 20)")
        .append(". The same numbers, as text or JSON: <code>rewardlab reward inspect RUN [--json OUT]</code>.</p>\n");
    if (!r.monitors().isEmpty()) {
      h.append("<ul>\n");
      for (Monitor mon : r.monitors()) {
        h.append("<li><a href=\"#hacking-monitor\">Hacking monitor</a>, ").append(esc(mon.name())).append(": <strong>")
            .append(esc(label(mon.verdict().status()))).append("</strong>");
        if (!mon.verdict().flagged().isEmpty()) {
          h.append(" (flagged steps ").append(steps(mon)).append(')');
        }
        h.append("</li>\n");
      }
      h.append("</ul>\n");
    }

    if (r.breakdown() != null) {
      TermBreakdown b = r.breakdown();
      h.append("<h3 id=\"contributions\">Term contributions</h3>\n<table>\n<caption>Mean of each term per record and its"
          + " share |mean| / Σ |means|, over the run (").append(b.records()).append(" records) and over the last ")
          .append(b.recent()).append("; mean |x| shows terms that cancel on average (e.g. a telescoping potential"
          + " shaping). ");
      String addUp = RewardAnalysis.addUpSentence(r);
      if (addUp != null) h.append(esc(upper(addUp))).append('.');
      h.append("</caption>\n<tr><th>term</th><th>mean</th><th>share</th><th>recent mean</th><th>recent share</th>"
          + "<th>mean |x|</th><th>sd</th></tr>\n");
      for (TermBreakdown.Term t : b.terms()) {
        h.append("<tr><td>").append(esc(t.name())).append("</td>");
        cells(h, RunReport.num(t.mean()), RewardAnalysis.pct(t.share()), RunReport.num(t.recentMean()),
            RewardAnalysis.pct(t.recentShare()), RunReport.num(t.meanAbs()), RunReport.num(t.std()));
        h.append("</tr>\n");
      }
      h.append("<tr><th>sum</th>");
      cells(h, RunReport.num(b.total()), "", RunReport.num(b.recentTotal()), "", "", "");
      h.append("</tr>\n</table>\n");
      figures(h, info, charts, "reward_contributions.png", "reward_shares.png");

      h.append("<h3 id=\"correlations\">Correlations</h3>\n<table>\n<caption>Pearson's r (linear) and Spearman's ρ"
          + " (ranks) between terms and returns, per record; – where a column is constant. A shaping term that"
          + " correlates negatively with the env's return is worth a look.</caption>\n")
          .append("<tr><th>a</th><th>b</th><th>r (run)</th><th>ρ (run)</th><th>r (last ")
          .append(r.recent().records()).append(")</th><th>ρ (last ").append(r.recent().records()).append(")</th></tr>\n");
      List<String> keys = r.correlationKeys();
      for (int a = 0; a < keys.size(); a++) {
        for (int c = a + 1; c < keys.size(); c++) {
          h.append("<tr><td>").append(esc(keys.get(a))).append("</td><td>").append(esc(keys.get(c))).append("</td>");
          cells(h, corr(r.overRun().pearson()[a][c]), corr(r.overRun().spearman()[a][c]),
              corr(r.recent().pearson()[a][c]), corr(r.recent().spearman()[a][c]));
          h.append("</tr>\n");
        }
      }
      h.append("</table>\n");
      figures(h, info, charts, "reward_correlations.png");
    }

    h.append("<h3 id=\"hacking-monitor\">Hacking monitor</h3>\n");
    if (r.monitors().isEmpty()) {
      h.append("<p class=\"muted\">No proxy/gold pair logged: the monitor compares ").append(RewardAnalysis.TRAINED_RETURN)
          .append(" with ").append(RewardAnalysis.ENV_RETURN).append(", ").append(RewardAnalysis.LM_REWARD).append(" with ")
          .append(RewardAnalysis.LM_ACCURACY).append(", and proxy/&lt;x&gt; with gold/&lt;x&gt;.</p>\n");
    } else {
      h.append("<p>The <em>proxy</em> is the reward the agent is trained on; the <em>gold</em> is what was wanted."
          + " The monitor flags the proxy rising while the gold falls.</p>\n");
    }
    for (Monitor mon : r.monitors()) {
      Verdict v = mon.verdict();
      String cls = switch (v.status()) {
        case DIVERGING -> "verdict bad";
        case DIVERGED_EARLIER -> "verdict warn";
        case NO_DIVERGENCE -> "verdict ok";
        case NOT_ENOUGH_DATA -> "verdict";
      };
      h.append("<div class=\"").append(cls).append("\"><strong>").append(esc(mon.name())).append("</strong> (proxy ")
          .append(esc(mon.proxyKey())).append(", gold ").append(esc(mon.goldKey())).append(", ").append(v.records())
          .append(" records): ").append(esc(v.summary())).append('.');
      if (!v.flagged().isEmpty()) h.append("<br>Flagged steps: ").append(steps(mon)).append('.');
      h.append("</div>\n<p class=\"muted\">Rule: ").append(esc(upper(RewardAnalysis.rule(v)))).append(".</p>\n");
      if (v.last() != null) {
        HackingMonitor.Window w = v.last();
        h.append("<table>\n<caption>The last window (records ").append(w.from()).append("–").append(w.to() - 1)
            .append("): trend = Spearman ρ with time, against its threshold ±z/√(n_eff − 1); change = later-half mean"
                + " − earlier-half mean in run standard deviations, against −κ for the gold.</caption>\n<tr><th></th><th>trend</th>"
                + "<th>threshold</th><th>change</th><th>threshold</th></tr>\n<tr><td>proxy</td>");
        cells(h, corr(w.proxyTrend()), String.format(Locale.ROOT, "≥ %+.2f", w.proxyTau()), signed(w.proxyChange()), "");
        h.append("</tr>\n<tr><td>gold</td>");
        cells(h, corr(w.goldTrend()), String.format(Locale.ROOT, "≤ %+.2f", -w.goldTau()), signed(w.goldChange()),
            String.format(Locale.ROOT, "≤ %+.2f", -v.config().minChange()));
        h.append("</tr>\n</table>\n");
      }
      for (Chart c : charts) {
        if (c.caption().startsWith("Hacking monitor, " + mon.name() + ":")) RunReport.figure(h, info, c.png(), c.caption());
      }
    }
    notes(h, r);
  }

  /** The verdict in a few words. */
  static String label(HackingMonitor.Status s) {
    return switch (s) {
      case DIVERGING -> "DIVERGING: the proxy rises while the gold falls";
      case DIVERGED_EARLIER -> "diverged earlier: the proxy rose while the gold fell";
      case NO_DIVERGENCE -> "no divergence";
      case NOT_ENOUGH_DATA -> "not enough data";
    };
  }

  private static String steps(Monitor mon) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < mon.verdict().flagged().size(); i++) {
      long[] s = mon.stepRange(mon.verdict().flagged().get(i));
      b.append(i == 0 ? "" : ", ").append(s[0]).append("–").append(s[1]);
    }
    return b.toString();
  }

  private static void figures(StringBuilder h, RunInfo info, List<Chart> charts, String... files) {
    for (String f : files) {
      for (Chart c : charts) if (c.png().getFileName().toString().equals(f)) RunReport.figure(h, info, c.png(), c.caption());
    }
  }

  private static void notes(StringBuilder h, Result r) {
    for (String n : r.notes()) h.append("<p class=\"muted\">Note: ").append(esc(n)).append("</p>\n");
  }

  private static void cells(StringBuilder h, String... values) {
    for (String v : values) h.append("<td class=\"num\">").append(esc(v)).append("</td>");
  }

  private static String corr(double c) {
    return Double.isNaN(c) ? "–" : String.format(Locale.ROOT, "%+.3f", c);
  }

  private static String signed(double c) {
    return Double.isNaN(c) ? "–" : String.format(Locale.ROOT, "%+.2f", c);
  }

  private static String upper(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
