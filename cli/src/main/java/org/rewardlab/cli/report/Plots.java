package org.rewardlab.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.rewardlab.cli.report.MetricsReader.Metrics;
import org.rewardlab.cli.report.MetricsReader.Series;
import org.rewardlab.cli.report.RunDirs.RunInfo;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.AtomicFiles;

/**
 * PNG charts of run metrics, drawn headless with JFreeChart.
 *
 * <h2>Smoothing</h2>
 *
 * Each curve is a trailing running mean: point i is the mean of the values at points
 * {@code max(0, i - w + 1) .. i} (in step order), with window {@code w = clamp(n / 20, 1, 50)} for
 * a series of n points ({@link #window}); the raw values are drawn faintly behind it.
 *
 * <h2>Seeds</h2>
 *
 * {@link #learningCurve} groups runs that differ only in seed (same manifest "config" once every
 * "seed" field is removed, or, without a config, the same name once a trailing seed suffix such as
 * {@code -s3} is removed). A group of two or more runs is drawn as the mean of the smoothed curves and
 * a shaded min–max band over seeds, both on a common grid of {@value #GRID_POINTS} steps spanning the
 * steps all seeds reached, with each run linearly interpolated onto it.
 *
 * <p>Stateless and thread-safe (each call builds its own chart).
 */
public final class Plots {
  /** Width of every chart, pixels. */
  public static final int WIDTH = 900;
  /** Height of a single chart, pixels. */
  public static final int HEIGHT = 500;
  /** Height of one panel of {@link #lossPanel}, pixels. */
  public static final int PANEL_HEIGHT = 180;
  /** Points of the common step grid of a seed group. */
  public static final int GRID_POINTS = 200;
  /** Most raw points drawn per series; longer series are drawn with a stride. */
  static final int MAX_RAW_POINTS = 3000;

  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf),
  };
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  static {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
  }

  private Plots() {}

  /** The smoothing window for a series of {@code n} points: {@code clamp(n / 20, 1, 50)}. */
  public static int window(int n) {
    return Math.max(1, Math.min(50, n / 20));
  }

  /**
   * One curve of {@code metric} per run (or per seed group), smoothed, raw values faint behind.
   *
   * @param runDirs run directories holding manifest.json and metrics.jsonl
   * @param metric the metric key, e.g. {@code charts/episodic_return}
   * @param outPng the PNG to write ({@value #WIDTH}×{@value #HEIGHT})
   * @throws UserInputException if no run has the metric, naming the metrics they have
   */
  public static void learningCurve(List<Path> runDirs, String metric, Path outPng) {
    if (runDirs.isEmpty()) throw new UserInputException("plot", "no run directories given", "pass at least one run directory");
    List<RunInfo> infos = new ArrayList<>();
    List<Metrics> metrics = new ArrayList<>();
    for (Path dir : runDirs) {
      infos.add(RunDirs.info(dir));
      metrics.add(RunDirs.metrics(dir));
    }
    learningCurve(infos, metrics, metric, outPng);
  }

  /** At most this many metric names are listed in the error for a metric no run has. */
  static final int MAX_LISTED_METRICS = 30;

  /** "No run has the metric": the metrics the runs have, and the nearest name to the one asked for. */
  static UserInputException noSuchMetric(String metric, List<String> available) {
    if (available.isEmpty()) {
      return new UserInputException("--metric " + UserInputException.abbreviate(metric), "no run has the metric "
          + UserInputException.quote(metric) + "; the runs have no metrics yet", "plot them after they have logged some");
    }
    List<String> listed = available.size() <= MAX_LISTED_METRICS ? available : available.subList(0, MAX_LISTED_METRICS);
    String more = available.size() > listed.size() ? " and " + (available.size() - listed.size()) + " more" : "";
    String suggestion = metric.length() > 200 ? "" : org.rewardlab.core.Suggestions.closest(metric, available)
        .map(m -> "did you mean " + UserInputException.quote(m) + "? ").orElse("");
    return new UserInputException("--metric " + UserInputException.abbreviate(metric),
        "no run has the metric " + UserInputException.quote(metric),
        suggestion + "the runs have: " + String.join(", ", listed.stream().map(UserInputException::abbreviate).toList()) + more);
  }

  /** {@link #learningCurve(List, String, Path)} on runs already read. */
  static void learningCurve(List<RunInfo> infos, List<Metrics> metrics, String metric, Path outPng) {
    Map<String, List<RunInfo>> groups = new LinkedHashMap<>();
    Map<RunInfo, Series> data = new HashMap<>();
    List<String> available = new ArrayList<>();
    for (int r = 0; r < infos.size(); r++) {
      RunInfo info = infos.get(r);
      Metrics m = metrics.get(r);
      Series s = m.get(metric);
      if (s == null || s.size() == 0) {
        available.addAll(m.series().keySet().stream().filter(k -> !available.contains(k)).toList());
        continue;
      }
      data.put(info, s);
      groups.computeIfAbsent(info.groupKey(), k -> new ArrayList<>()).add(info);
    }
    if (data.isEmpty()) {
      throw noSuchMetric(metric, available);
    }

    XYSeriesCollection raw = new XYSeriesCollection();
    XYSeriesCollection lines = new XYSeriesCollection();
    YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
    XYLineAndShapeRenderer rawR = faintRenderer();
    XYLineAndShapeRenderer lineR = lineRenderer();
    DeviationRenderer bandR = new DeviationRenderer(true, false);
    bandR.setAlpha(0.22f);
    bandR.setDefaultSeriesVisibleInLegend(false);

    List<String> labels = uniqueLabels(groups, data);
    int color = 0;
    int li = 0;
    for (List<RunInfo> group : groups.values()) {
      Color c = PALETTE[color++ % PALETTE.length];
      if (group.size() == 1) {
        RunInfo run = group.get(0);
        addRaw(raw, rawR, labels.get(li) + " raw", data.get(run), c);
        double[][] sm = smoothed(data.get(run));
        addLine(lines, lineR, labels.get(li), sm[0], sm[1], c);
      } else {
        List<double[][]> curves = new ArrayList<>();
        for (RunInfo run : group) {
          // raw series stay out of the legend; the key only has to be unique (a run may be given twice)
          addRaw(raw, rawR, labels.get(li) + " seed " + run.seed() + " raw " + raw.getSeriesCount(), data.get(run), c);
          curves.add(smoothed(data.get(run)));
        }
        double[][] agg = aggregate(curves);
        if (agg == null) {
          // the seeds share no step range: show each seed's own curve instead of a meaningless mean
          for (int k = 0; k < curves.size(); k++) {
            addLine(lines, lineR, labels.get(li) + " seed " + group.get(k).seed(), curves.get(k)[0], curves.get(k)[1], c);
          }
        } else {
          YIntervalSeries band = new YIntervalSeries(labels.get(li) + " band");
          for (int i = 0; i < agg[0].length; i++) band.add(agg[0][i], agg[1][i], agg[2][i], agg[3][i]);
          int bi = bands.getSeriesCount();
          bands.addSeries(band);
          bandR.setSeriesPaint(bi, c);
          bandR.setSeriesFillPaint(bi, c);
          bandR.setSeriesStroke(bi, new BasicStroke(0f));
          addLine(lines, lineR, labels.get(li) + " (mean of " + group.size() + " seeds, min–max band)", agg[0], agg[1], c);
        }
      }
      li++;
    }
    XYPlot plot = basePlot("step", metric);
    plot.setDataset(0, raw);
    plot.setRenderer(0, rawR);
    plot.setDataset(1, bands);
    plot.setRenderer(1, bandR);
    plot.setDataset(2, lines);
    plot.setRenderer(2, lineR);
    save(chart(metric, plot, true), outPng, WIDTH, HEIGHT);
  }

  /**
   * Every {@code reward/*} series of one run on one chart: how much each reward term contributes.
   *
   * @throws UserInputException if the run logged no {@code reward/*} metric
   */
  public static void rewardBreakdown(Path runDir, Path outPng) {
    rewardBreakdown(RunDirs.info(runDir), RunDirs.metrics(runDir), outPng);
  }

  /** {@link #rewardBreakdown(Path, Path)} on a run already read. */
  static void rewardBreakdown(RunInfo info, Metrics m, Path outPng) {
    List<String> keys = m.keysWithPrefix("reward/");
    if (keys.isEmpty()) {
      throw new UserInputException(m.file().toString(), "the run logged no reward/* metrics",
          "train with a reward spec (its terms are logged as reward/<term>)");
    }
    XYSeriesCollection raw = new XYSeriesCollection();
    XYSeriesCollection lines = new XYSeriesCollection();
    XYLineAndShapeRenderer rawR = faintRenderer();
    XYLineAndShapeRenderer lineR = lineRenderer();
    for (int i = 0; i < keys.size(); i++) {
      Series s = m.get(keys.get(i));
      Color c = PALETTE[i % PALETTE.length];
      addRaw(raw, rawR, keys.get(i) + " raw", s, c);
      double[][] sm = smoothed(s);
      addLine(lines, lineR, keys.get(i).substring("reward/".length()), sm[0], sm[1], c);
    }
    XYPlot plot = basePlot("step", "reward term (per episode)");
    plot.setDataset(0, raw);
    plot.setRenderer(0, rawR);
    plot.setDataset(1, lines);
    plot.setRenderer(1, lineR);
    save(chart("Reward breakdown — " + info.name(), plot, true), outPng, WIDTH, HEIGHT);
  }

  /**
   * Small multiples of every {@code losses/*} series of one run, stacked over a shared step axis; the
   * image is {@value #WIDTH} wide and {@value #PANEL_HEIGHT} pixels per loss (plus margins) high.
   *
   * @throws UserInputException if the run logged no {@code losses/*} metric
   */
  public static void lossPanel(Path runDir, Path outPng) {
    lossPanel(RunDirs.info(runDir), RunDirs.metrics(runDir), outPng);
  }

  /** {@link #lossPanel(Path, Path)} on a run already read. */
  static void lossPanel(RunInfo info, Metrics m, Path outPng) {
    List<String> keys = m.keysWithPrefix("losses/");
    if (keys.isEmpty()) {
      throw new UserInputException(m.file().toString(), "the run logged no losses/* metrics",
          "losses are logged by learning algorithms as losses/<name>");
    }
    NumberAxis stepAxis = axis("step");
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(stepAxis);
    combined.setGap(12);
    for (int i = 0; i < keys.size(); i++) {
      Series s = m.get(keys.get(i));
      Color c = PALETTE[i % PALETTE.length];
      XYSeriesCollection raw = new XYSeriesCollection();
      XYSeriesCollection lines = new XYSeriesCollection();
      XYLineAndShapeRenderer rawR = faintRenderer();
      XYLineAndShapeRenderer lineR = lineRenderer();
      addRaw(raw, rawR, keys.get(i) + " raw", s, c);
      double[][] sm = smoothed(s);
      addLine(lines, lineR, keys.get(i), sm[0], sm[1], c);
      XYPlot sub = basePlot(null, keys.get(i).substring("losses/".length()));
      sub.setDataset(0, raw);
      sub.setRenderer(0, rawR);
      sub.setDataset(1, lines);
      sub.setRenderer(1, lineR);
      combined.add(sub, 1);
    }
    save(chart("Losses — " + info.name(), combined, false), outPng, WIDTH, lossPanelHeight(keys.size()));
  }

  /** The pixel height of a loss panel of {@code k} losses. */
  public static int lossPanelHeight(int k) {
    return 90 + PANEL_HEIGHT * k;
  }

  // ---- data ----

  /** {steps, smoothed values}, sorted by step, non-finite values dropped. */
  static double[][] smoothed(Series s) {
    int n = s.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    long[] steps = s.steps();
    Arrays.sort(order, (a, b) -> Long.compare(steps[a], steps[b]));
    double[] x = new double[n];
    double[] y = new double[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      double v = s.values()[order[i]];
      if (!Double.isFinite(v)) continue;
      x[k] = steps[order[i]];
      y[k] = v;
      k++;
    }
    x = Arrays.copyOf(x, k);
    double[] ys = runningMean(Arrays.copyOf(y, k), window(k));
    return new double[][] {x, ys};
  }

  /** Trailing running mean over {@code w} points. */
  static double[] runningMean(double[] y, int w) {
    double[] out = new double[y.length];
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum += y[i];
      if (i >= w) sum -= y[i - w];
      out[i] = sum / Math.min(i + 1, w);
    }
    return out;
  }

  /**
   * {grid, mean, min, max} of several curves interpolated on {@value #GRID_POINTS} steps over the
   * step range every curve covers; {@code null} when they share no range.
   */
  static double[][] aggregate(List<double[][]> curves) {
    double lo = Double.NEGATIVE_INFINITY;
    double hi = Double.POSITIVE_INFINITY;
    for (double[][] c : curves) {
      if (c[0].length == 0) return null;
      lo = Math.max(lo, c[0][0]);
      hi = Math.min(hi, c[0][c[0].length - 1]);
    }
    if (!(hi > lo)) return null;
    double[][] out = new double[4][GRID_POINTS];
    for (int g = 0; g < GRID_POINTS; g++) {
      double x = lo + (hi - lo) * g / (GRID_POINTS - 1);
      double sum = 0;
      double mn = Double.POSITIVE_INFINITY;
      double mx = Double.NEGATIVE_INFINITY;
      for (double[][] c : curves) {
        double v = interpolate(c[0], c[1], x);
        sum += v;
        mn = Math.min(mn, v);
        mx = Math.max(mx, v);
      }
      out[0][g] = x;
      out[1][g] = sum / curves.size();
      out[2][g] = mn;
      out[3][g] = mx;
    }
    return out;
  }

  /** Linear interpolation of (xs, ys) at x, xs sorted; clamps outside the range. */
  static double interpolate(double[] xs, double[] ys, double x) {
    int i = Arrays.binarySearch(xs, x);
    if (i >= 0) {
      // several points may share a step: take the last one written
      while (i + 1 < xs.length && xs[i + 1] == x) i++;
      return ys[i];
    }
    int hiIdx = -i - 1;
    if (hiIdx == 0) return ys[0];
    if (hiIdx >= xs.length) return ys[xs.length - 1];
    int loIdx = hiIdx - 1;
    double t = (x - xs[loIdx]) / (xs[hiIdx] - xs[loIdx]);
    return ys[loIdx] + t * (ys[hiIdx] - ys[loIdx]);
  }

  private static List<String> uniqueLabels(Map<String, List<RunInfo>> groups, Map<RunInfo, Series> data) {
    List<String> labels = new ArrayList<>();
    for (List<RunInfo> g : groups.values()) labels.add(g.size() == 1 ? g.get(0).name() : g.get(0).baseName());
    // equal names with different configs: tell them apart by the config values that differ
    // (e.g. "mountaincar-ppo (env.normalizeObservation=true)"), else by their directory
    List<List<RunInfo>> gs = new ArrayList<>(groups.values());
    List<Map<String, String>> flat = new ArrayList<>();
    for (List<RunInfo> g : gs) flat.add(flatten(g.get(0).config()));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < gs.size(); i++) {
      String l = labels.get(i);
      List<Integer> same = new ArrayList<>();
      for (int j = 0; j < gs.size(); j++) if (labels.get(j).equals(l)) same.add(j);
      if (same.size() == 1) {
        out.add(l);
        continue;
      }
      List<String> diffs = new ArrayList<>();
      java.util.Set<String> keys = new java.util.TreeSet<>();
      for (int j : same) keys.addAll(flat.get(j).keySet());
      for (String k : keys) {
        java.util.Set<String> values = new java.util.HashSet<>();
        for (int j : same) values.add(String.valueOf(flat.get(j).get(k)));
        if (values.size() > 1) diffs.add(k + "=" + flat.get(i).getOrDefault(k, "-"));
      }
      if (diffs.isEmpty()) {
        out.add(l + " [" + gs.get(i).get(0).dir().getFileName() + "]");
      } else {
        out.add(l + " (" + String.join(", ", diffs.subList(0, Math.min(3, diffs.size())))
            + (diffs.size() > 3 ? ", ..." : "") + ")");
      }
    }
    // still equal (same directory names under different parents, or the same run twice): number them
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int k = 0; k < out.size(); k++) {
      int n = seen.merge(out.get(k), 1, Integer::sum);
      if (n > 1) out.set(k, out.get(k) + " (" + n + ")");
    }
    return out;
  }

  /** Leaf values of a config by dotted path, without seeds and names (they are not a setting). */
  private static Map<String, String> flatten(com.fasterxml.jackson.databind.JsonNode config) {
    Map<String, String> out = new java.util.TreeMap<>();
    if (config != null) flattenInto("", config, out);
    return out;
  }

  private static void flattenInto(String prefix, com.fasterxml.jackson.databind.JsonNode n, Map<String, String> out) {
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> f = it.next();
        if (prefix.isEmpty() && (f.getKey().equals("seed") || f.getKey().equals("name"))) continue;
        flattenInto(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
      }
    } else if (n.isArray() && n.size() > 0 && n.get(0).isContainerNode()) {
      for (int i = 0; i < n.size(); i++) flattenInto(prefix + "." + i, n.get(i), out);
    } else {
      out.put(prefix, n.isTextual() ? n.asText() : n.toString());
    }
  }

  // ---- drawing ----

  private static void addRaw(XYSeriesCollection raw, XYLineAndShapeRenderer r, String key, Series s, Color c) {
    XYSeries xy = new XYSeries(key, false, true);
    int stride = Math.max(1, (s.size() + MAX_RAW_POINTS - 1) / MAX_RAW_POINTS);
    for (int i = 0; i < s.size(); i += stride) {
      if (Double.isFinite(s.values()[i])) xy.add(s.steps()[i], s.values()[i], false);
    }
    int idx = raw.getSeriesCount();
    raw.addSeries(xy);
    r.setSeriesPaint(idx, new Color(c.getRed(), c.getGreen(), c.getBlue(), 60));
  }

  private static void addLine(XYSeriesCollection lines, XYLineAndShapeRenderer r, String key, double[] x, double[] y, Color c) {
    XYSeries xy = new XYSeries(key, false, true);
    for (int i = 0; i < x.length; i++) xy.add(x[i], y[i], false);
    int idx = lines.getSeriesCount();
    lines.addSeries(xy);
    r.setSeriesPaint(idx, c);
  }

  private static XYLineAndShapeRenderer faintRenderer() {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setDefaultStroke(new BasicStroke(1f));
    r.setAutoPopulateSeriesStroke(false);
    r.setDefaultSeriesVisibleInLegend(false);
    return r;
  }

  private static XYLineAndShapeRenderer lineRenderer() {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setDefaultStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    r.setAutoPopulateSeriesStroke(false);
    return r;
  }

  private static NumberAxis axis(String label) {
    NumberAxis a = new NumberAxis(label);
    a.setAutoRangeIncludesZero(false);
    a.setLabelFont(LABEL_FONT);
    a.setTickLabelFont(TICK_FONT);
    return a;
  }

  private static XYPlot basePlot(String xLabel, String yLabel) {
    XYPlot plot = new XYPlot();
    if (xLabel != null) plot.setDomainAxis(axis(xLabel));
    plot.setRangeAxis(axis(yLabel));
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xDDDDDD));
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    plot.setOutlinePaint(new Color(0xAAAAAA));
    return plot;
  }

  /**
   * A constant series (e.g. MountainCar's -200 until the goal is found) gives the range axis zero
   * length, and JFreeChart then draws a column of identical tick labels; show ±5% (at least ±1).
   */
  private static void widenFlatRange(XYPlot xy) {
    org.jfree.chart.axis.ValueAxis ax = xy.getRangeAxis();
    if (ax == null) return;
    org.jfree.data.Range r = ax.getRange();
    double c = r.getCentralValue();
    if (r.getLength() <= 1e-9 * Math.max(1.0, Math.abs(c))) {
      double h = Math.max(1.0, 0.05 * Math.abs(c));
      ax.setRange(c - h, c + h);
    }
  }

  private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
    if (plot instanceof XYPlot xy) widenFlatRange(xy);
    JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, legend);
    chart.setBackgroundPaint(Color.WHITE);
    // room on the right so the last step tick label is not cut off
    chart.setPadding(new RectangleInsets(4, 4, 4, 24));
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    LegendTitle lt = chart.getLegend();
    if (lt != null) {
      lt.setPosition(RectangleEdge.BOTTOM);
      lt.setItemFont(LABEL_FONT);
      lt.setFrame(BlockBorder.NONE);
    }
    return chart;
  }

  private static void save(JFreeChart chart, Path outPng, int w, int h) {
    AtomicFiles.write(outPng, out -> ChartUtils.writeChartAsPNG(out, chart, w, h));
  }
}
