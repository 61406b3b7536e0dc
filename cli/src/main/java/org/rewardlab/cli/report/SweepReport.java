package org.rewardlab.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.rewardlab.algos.sweep.SweepPlan;
import org.rewardlab.algos.sweep.SweepSpec;
import org.rewardlab.algos.sweep.SweepTable;
import org.rewardlab.algos.sweep.TaskResult;
import org.rewardlab.core.run.AtomicFiles;

/**
 * {@code sweep.html}, the report of a sweep: the per-cell table (mean ± 95% interval of each metric,
 * std, n, links to the runs), a heat map of the headline metric when the sweep has two axes, and per
 * axis a line plot of the headline metric with 95% interval bars (one line per combination of the
 * other axes' values). Plots go to {@code <sweepDir>/plots/}.
 */
public final class SweepReport {
  public static final String FILE = "sweep.html";
  static final String PLOTS = "plots";
  /** Most lines in one axis plot (combinations of the other axes beyond this are left out). */
  static final int MAX_LINES = 10;

  private SweepReport() {}

  /**
   * Writes {@code sweep.html} and its plots into {@code sweepDir}.
   *
   * @param engine where the tasks ran, in words (for the header)
   * @return the report's path
   */
  public static Path write(Path sweepDir, SweepTable table, String engine) {
    List<Path> plots = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    SweepPlan plan = table.plan();
    SweepSpec spec = plan.spec();
    String metric = spec.headlineMetric();
    boolean any = table.cells().stream().anyMatch(c -> c.stat(metric).n() > 0);
    if (any && spec.axes().size() == 2) {
      Path png = sweepDir.resolve(PLOTS).resolve("heatmap.png");
      heatmap(table, metric, png);
      plots.add(png);
      captions.add("Heat map of the mean " + metric + " per cell (the 95% interval's half-width below each mean).");
    }
    if (any) {
      for (int k = 0; k < spec.axes().size(); k++) {
        Path png = sweepDir.resolve(PLOTS).resolve("axis-" + k + ".png");
        axisPlot(table, metric, k, png);
        plots.add(png);
        captions.add("Mean " + metric + " over " + spec.axes().get(k).name() + ", with 95% t-interval bars"
            + (spec.axes().size() > 1 ? "; one line per value of the other axes." : "."));
      }
    }
    Path html = sweepDir.resolve(FILE);
    AtomicFiles.writeString(html, html(sweepDir, table, engine, plots, captions));
    return html;
  }

  static String html(Path sweepDir, SweepTable table, String engine, List<Path> plots, List<String> captions) {
    SweepPlan plan = table.plan();
    SweepSpec spec = plan.spec();
    StringBuilder h = new StringBuilder(16384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>RewardLab sweep: ")
        .append(esc(spec.name())).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,-apple-system,'DejaVu Sans',sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}\n")
        .append("h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}\n")
        .append("table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}\n")
        .append("th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}\n")
        .append("pre{background:#f7f7f7;border:1px solid #e2e2e2;padding:.8em;overflow-x:auto;font-size:.85em}\n")
        .append("figure{margin:1em 0}img{max-width:100%;border:1px solid #eee}figcaption{font-size:.85em;color:#555}\n")
        .append(".muted{color:#777}a.run{margin-right:.5em}\n")
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>RewardLab sweep: ").append(esc(spec.name())).append("</h1>\n");
    int done = table.results().size();
    h.append("<p class=\"muted\">").append(esc(sweepDir.toAbsolutePath().normalize().toString())).append(" · ")
        .append(plan.cells().size()).append(" cells × ").append(spec.seeds().size()).append(" seeds = ")
        .append(plan.taskCount()).append(" tasks, ").append(done).append(" done");
    if (engine != null && !engine.isEmpty()) h.append(" · ran on ").append(esc(engine));
    h.append("</p>\n");
    h.append("<p>Base experiment <code>").append(esc(spec.baseSource())).append("</code>");
    if (!spec.set().isEmpty()) h.append(" with <code>").append(esc(String.join(" ", spec.set()))).append("</code>");
    h.append("; seeds ").append(esc(spec.seeds().toString())).append("; headline metric <code>")
        .append(esc(spec.headlineMetric())).append("</code>. Data: <a href=\"cells.csv\">cells.csv</a>, "
            + "<a href=\"results.csv\">results.csv</a>, <a href=\"sweep.json\">sweep.json</a>.</p>\n");

    h.append("<h2 id=\"cells\">Cells</h2>\n<table>\n<tr><th>cell</th>");
    for (String a : table.axisNames()) h.append("<th>").append(esc(a)).append("</th>");
    h.append("<th>n</th>");
    for (String m : table.metrics()) h.append("<th>").append(esc(m)).append("<br>mean ± 95%</th><th>std</th>");
    h.append("<th>runs</th></tr>\n");
    for (SweepTable.CellRow row : table.cells()) {
      h.append("<tr><td class=\"num\">").append(row.cell().index()).append("</td>");
      for (String a : table.axisNames()) h.append("<td>").append(esc(row.cell().coords().get(a))).append("</td>");
      h.append("<td class=\"num\">").append(row.seeds()).append("</td>");
      for (String m : table.metrics()) {
        SweepTable.Stat s = row.stat(m);
        h.append("<td class=\"num\">").append(esc(SweepTable.pretty(s))).append("</td><td class=\"num\">")
            .append(s.n() < 2 ? "" : String.format(Locale.ROOT, "%.3g", s.std())).append("</td>");
      }
      h.append("<td>");
      for (TaskResult r : table.results()) {
        if (r.cell() != row.cell().index()) continue;
        h.append("<a class=\"run\" href=\"").append(esc(link(sweepDir, r.runDir()))).append("\" title=\"")
            .append(esc(r.host() + ": " + r.runDir())).append("\">seed ").append(r.seed()).append("</a>");
      }
      h.append("</td></tr>\n");
    }
    h.append("</table>\n");
    h.append("<p class=\"muted\">mean ± half-width of the 95% Student-t interval of the mean over seeds; "
        + "std is the sample standard deviation; runs link to the run directories.</p>\n");

    h.append("<h2 id=\"plots\">Plots</h2>\n");
    if (plots.isEmpty()) h.append("<p class=\"muted\">Nothing to plot (no results, or no axes).</p>\n");
    for (int i = 0; i < plots.size(); i++) {
      String rel = sweepDir.toAbsolutePath().normalize().relativize(plots.get(i).toAbsolutePath().normalize()).toString().replace('\\', '/');
      h.append("<figure><img src=\"").append(esc(rel)).append("\" alt=\"").append(esc(captions.get(i)))
          .append("\"><figcaption>").append(esc(captions.get(i))).append("</figcaption></figure>\n");
    }
    h.append("<h2 id=\"axes\">Axes</h2>\n<table>\n<tr><th>axis</th><th>value</th><th>sets</th></tr>\n");
    for (SweepSpec.Axis a : spec.axes()) {
      for (SweepSpec.AxisValue v : a.values()) {
        h.append("<tr><td>").append(esc(a.name())).append("</td><td>").append(esc(v.label())).append("</td><td><code>")
            .append(esc(String.join(" ", v.overrides()))).append("</code></td></tr>\n");
      }
    }
    h.append("</table>\n</body>\n</html>\n");
    return h.toString();
  }

  /** A run directory as a link from the report: relative when it is under the sweep directory. */
  static String link(Path sweepDir, String runDir) {
    Path base = sweepDir.toAbsolutePath().normalize();
    Path run = Path.of(runDir).toAbsolutePath().normalize();
    if (run.startsWith(base)) return base.relativize(run).toString().replace('\\', '/') + "/";
    return run.toUri().toString();
  }

  /** Rows: the first axis's values; columns: the second's; colour and text: the cell's mean. */
  static void heatmap(SweepTable table, String metric, Path png) {
    SweepSpec spec = table.plan().spec();
    List<String> rows = spec.axes().get(0).values().stream().map(SweepSpec.AxisValue::label).toList();
    List<String> cols = spec.axes().get(1).values().stream().map(SweepSpec.AxisValue::label).toList();
    int n = rows.size() * cols.size();
    double[][] xyz = new double[3][n];
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (SweepTable.CellRow row : table.cells()) {
      int i = row.cell().index();
      int r = i / cols.size();
      int c = i % cols.size();
      double v = row.stat(metric).mean();
      xyz[0][i] = c;
      xyz[1][i] = r;
      xyz[2][i] = v;
      if (!Double.isNaN(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    DefaultXYZDataset ds = new DefaultXYZDataset();
    ds.addSeries(metric, xyz);
    XYBlockRenderer r = new XYBlockRenderer();
    r.setPaintScale(new Sequential(lo, hi));
    SymbolAxis x = symbolAxis(spec.axes().get(1).name(), cols);
    SymbolAxis y = symbolAxis(spec.axes().get(0).name(), rows);
    y.setInverted(true);
    XYPlot plot = new XYPlot(ds, x, y, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    Font f = new Font(Font.SANS_SERIF, Font.PLAIN, n <= 16 ? 13 : 10);
    for (SweepTable.CellRow row : table.cells()) {
      int i = row.cell().index();
      SweepTable.Stat s = row.stat(metric);
      XYTextAnnotation a = new XYTextAnnotation(SweepTable.pretty(s), xyz[0][i], xyz[1][i]);
      a.setFont(f);
      double t = hi > lo && !Double.isNaN(s.mean()) ? (s.mean() - lo) / (hi - lo) : 0;
      a.setPaint(t > 0.6 ? Color.WHITE : Color.BLACK);
      plot.addAnnotation(a);
    }
    JFreeChart chart = new JFreeChart("Mean " + metric + " — " + spec.name(), Plots.TITLE_FONT, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    Plots.save(chart, png, Plots.WIDTH, Math.max(300, Math.min(Plots.HEATMAP_HEIGHT, 120 + 90 * rows.size())));
  }

  /** The headline metric over axis {@code k}'s values, one line per combination of the other axes. */
  static void axisPlot(SweepTable table, String metric, int k, Path png) {
    SweepSpec spec = table.plan().spec();
    List<String> labels = spec.axes().get(k).values().stream().map(SweepSpec.AxisValue::label).toList();
    Map<String, YIntervalSeries> lines = new LinkedHashMap<>();
    for (SweepTable.CellRow row : table.cells()) {
      List<String> others = new ArrayList<>();
      for (SweepSpec.Axis a : spec.axes()) {
        if (!a.name().equals(spec.axes().get(k).name())) others.add(a.name() + "=" + row.cell().coords().get(a.name()));
      }
      String key = others.isEmpty() ? metric : String.join(", ", others);
      if (!lines.containsKey(key) && lines.size() >= MAX_LINES) continue;
      YIntervalSeries s = lines.computeIfAbsent(key, YIntervalSeries::new);
      SweepTable.Stat st = row.stat(metric);
      if (st.n() == 0) continue;
      double x = labels.indexOf(row.cell().coords().get(spec.axes().get(k).name()));
      double half = Double.isNaN(st.ci95()) ? 0 : st.ci95();
      s.add(x, st.mean(), st.mean() - half, st.mean() + half);
    }
    YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
    lines.values().forEach(ds::addSeries);
    XYErrorRenderer r = new XYErrorRenderer();
    r.setDefaultLinesVisible(true);
    r.setDefaultShapesVisible(true);
    r.setDrawXError(false);
    r.setErrorStroke(new BasicStroke(1.5f));
    r.setCapLength(8);
    for (int i = 0; i < ds.getSeriesCount(); i++) {
      r.setSeriesPaint(i, Plots.PALETTE[i % Plots.PALETTE.length]);
      r.setSeriesStroke(i, new BasicStroke(2f));
    }
    XYPlot plot = Plots.basePlot(null, metric + " (mean, 95% CI)");
    SymbolAxis x = symbolAxis(spec.axes().get(k).name(), labels);
    x.setRange(-0.5, labels.size() - 0.5);
    plot.setDomainAxis(x);
    plot.setDataset(0, ds);
    plot.setRenderer(0, r);
    Plots.save(Plots.chart(metric + " over " + spec.axes().get(k).name() + " — " + spec.name(), plot, lines.size() > 1),
        png, Plots.WIDTH, Plots.HEIGHT);
  }

  private static SymbolAxis symbolAxis(String label, List<String> values) {
    SymbolAxis a = new SymbolAxis(label, values.toArray(String[]::new));
    a.setTickLabelFont(Plots.TICK_FONT);
    a.setLabelFont(Plots.LABEL_FONT);
    a.setGridBandsVisible(false);
    return a;
  }

  /** White (lowest mean) to dark blue (highest); grey for a cell without results. */
  private record Sequential(double lo, double hi) implements PaintScale {
    @Override
    public double getLowerBound() {
      return Double.isFinite(lo) ? lo : 0;
    }

    @Override
    public double getUpperBound() {
      return Double.isFinite(hi) && hi > lo ? hi : getLowerBound() + 1;
    }

    @Override
    public java.awt.Paint getPaint(double v) {
      if (Double.isNaN(v)) return new Color(0xCCCCCC);
      double t = hi > lo ? Math.max(0, Math.min(1, (v - lo) / (hi - lo))) : 0.5;
      Color end = new Color(0x08519C);
      Color start = new Color(0xF7FBFF);
      return new Color((int) Math.round(start.getRed() + (end.getRed() - start.getRed()) * t),
          (int) Math.round(start.getGreen() + (end.getGreen() - start.getGreen()) * t),
          (int) Math.round(start.getBlue() + (end.getBlue() - start.getBlue()) * t));
    }
  }

  static String esc(String s) {
    return RunReport.esc(s == null ? "" : s);
  }
}
