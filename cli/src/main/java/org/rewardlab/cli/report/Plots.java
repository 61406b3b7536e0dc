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
import org.rewardlab.reward.analysis.ContributionCurves;
import org.rewardlab.reward.analysis.CorrelationTable;

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

  static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf),
  };
  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

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

  // ---- reward analysis ----

  /** Height of the correlation heatmap, pixels. */
  public static final int HEATMAP_HEIGHT = 560;

  /**
   * Each term's running mean stacked with signs (positive terms above 0, negative below, in the order of
   * {@link ContributionCurves}), and their sum as a black line.
   */
  static void contributionStack(String runName, ContributionCurves c, long[] steps, Path outPng) {
    YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
    DeviationRenderer bandR = stackRenderer();
    for (int j = 0; j < c.names().size(); j++) {
      // two bands per term, one per side; a side's band is flat (empty) while the term is on the other
      YIntervalSeries pos = new YIntervalSeries(c.names().get(j) + " (" + sign(c.mean()[j]) + ")", false, true);
      YIntervalSeries neg = new YIntervalSeries(c.names().get(j) + " negative part", false, true);
      for (int i = 0; i < steps.length; i += stride(steps.length, i)) {
        pos.add(steps[i], c.posUpper()[j][i], c.posLower()[j][i], c.posUpper()[j][i]);
        neg.add(steps[i], c.negLower()[j][i], c.negLower()[j][i], c.negUpper()[j][i]);
      }
      styleBand(bandR, bands.getSeriesCount(), j, true);
      bands.addSeries(pos);
      styleBand(bandR, bands.getSeriesCount(), j, false);
      bands.addSeries(neg);
    }
    XYSeriesCollection net = new XYSeriesCollection();
    XYLineAndShapeRenderer netR = lineRenderer();
    double[] x = new double[steps.length];
    for (int i = 0; i < x.length; i++) x[i] = steps[i];
    addLine(net, netR, "sum of the terms", x, c.net(), Color.BLACK);
    XYPlot plot = basePlot("step", "contribution per record (running mean over " + c.window() + ")");
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
    plot.setDataset(0, bands);
    plot.setRenderer(0, bandR);
    plot.setDataset(1, net);
    plot.setRenderer(1, netR);
    plot.addRangeMarker(new org.jfree.chart.plot.ValueMarker(0, new Color(0x555555), new BasicStroke(1f)));
    org.jfree.chart.LegendItemCollection legend = termLegend(c, true);
    legend.add(new org.jfree.chart.LegendItem("sum of the terms", null, null, null,
        new java.awt.geom.Line2D.Double(-7, 0, 7, 0), new BasicStroke(2.2f), Color.BLACK));
    plot.setFixedLegendItems(legend);
    save(chart("Reward contributions — " + runName, plot, true), outPng, WIDTH, HEIGHT);
  }

  /** Each term's share |running mean| / Σ |running means|, stacked to 1. */
  static void shareStack(String runName, ContributionCurves c, long[] steps, Path outPng) {
    YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
    DeviationRenderer bandR = stackRenderer();
    for (int j = 0; j < c.names().size(); j++) {
      YIntervalSeries band = new YIntervalSeries(c.names().get(j), false, true);
      for (int i = 0; i < steps.length; i += stride(steps.length, i)) {
        double lo = c.shareLower()[j][i];
        double hi = c.shareUpper()[j][i];
        if (!Double.isNaN(lo)) band.add(steps[i], hi, lo, hi);
      }
      styleBand(bandR, bands.getSeriesCount(), j, true);
      bands.addSeries(band);
    }
    XYPlot plot = basePlot("step", "share of |reward| (running means over " + c.window() + ")");
    plot.getRangeAxis().setRange(0, 1);
    plot.setDataset(0, bands);
    plot.setRenderer(0, bandR);
    plot.setFixedLegendItems(termLegend(c, false));
    save(chartKeepRange("Reward term shares — " + runName, plot), outPng, WIDTH, HEIGHT);
  }

  /** Spearman correlation matrices side by side: over the run and over the recent records. */
  static void correlationHeatmap(String runName, CorrelationTable run, CorrelationTable recent, Path outPng) {
    List<String> names = run.names();
    String[] labels = names.stream().map(RewardAnalysis.Result::shortName).toArray(String[]::new);
    org.jfree.chart.axis.SymbolAxis yAxis = new org.jfree.chart.axis.SymbolAxis(null, labels);
    yAxis.setTickLabelFont(TICK_FONT);
    yAxis.setInverted(true);
    yAxis.setGridBandsVisible(false);
    org.jfree.chart.plot.CombinedRangeXYPlot combined = new org.jfree.chart.plot.CombinedRangeXYPlot(yAxis);
    combined.setGap(16);
    for (CorrelationTable t : List.of(run, recent)) {
      int k = names.size();
      double[][] xyz = new double[3][k * k];
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          xyz[0][a * k + b] = b;
          xyz[1][a * k + b] = a;
          xyz[2][a * k + b] = t.spearman()[a][b];
        }
      }
      org.jfree.data.xy.DefaultXYZDataset ds = new org.jfree.data.xy.DefaultXYZDataset();
      ds.addSeries("rho", xyz);
      org.jfree.chart.renderer.xy.XYBlockRenderer r = new org.jfree.chart.renderer.xy.XYBlockRenderer();
      r.setPaintScale(new CorrelationScale());
      org.jfree.chart.axis.SymbolAxis xAxis = new org.jfree.chart.axis.SymbolAxis(
          t == run ? "over the run (" + t.records() + " records)" : "last " + t.records() + " records", labels);
      xAxis.setTickLabelFont(TICK_FONT);
      xAxis.setLabelFont(LABEL_FONT);
      xAxis.setVerticalTickLabels(true);
      xAxis.setGridBandsVisible(false);
      XYPlot sub = new XYPlot(ds, xAxis, null, r);
      sub.setBackgroundPaint(Color.WHITE);
      sub.setDomainGridlinesVisible(false);
      sub.setRangeGridlinesVisible(false);
      Font f = new Font(Font.SANS_SERIF, Font.PLAIN, k <= 6 ? 12 : 9);
      for (int i = 0; i < xyz[0].length; i++) {
        double v = xyz[2][i];
        org.jfree.chart.annotations.XYTextAnnotation a = new org.jfree.chart.annotations.XYTextAnnotation(
            Double.isNaN(v) ? "–" : String.format(java.util.Locale.ROOT, "%.2f", v), xyz[0][i], xyz[1][i]);
        a.setFont(f);
        a.setPaint(Math.abs(v) > 0.6 ? Color.WHITE : Color.BLACK);
        sub.addAnnotation(a);
      }
      combined.add(sub, 1);
    }
    JFreeChart chart = new JFreeChart("Spearman correlations — " + runName, TITLE_FONT, combined, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(4, 4, 4, 24));
    chart.addSubtitle(new org.jfree.chart.title.TextTitle("blue: positive, red: negative, grey/–: a constant column",
        LABEL_FONT));
    save(chart, outPng, WIDTH, HEATMAP_HEIGHT);
  }

  /** Blue for +1 through white at 0 to red for −1; grey for NaN. */
  private static final class CorrelationScale implements org.jfree.chart.renderer.PaintScale {
    @Override
    public double getLowerBound() {
      return -1;
    }

    @Override
    public double getUpperBound() {
      return 1;
    }

    @Override
    public java.awt.Paint getPaint(double v) {
      if (Double.isNaN(v)) return new Color(0xCCCCCC);
      double t = Math.max(-1, Math.min(1, v));
      Color end = t >= 0 ? new Color(0x2166AC) : new Color(0xB2182B);
      double a = Math.abs(t);
      return new Color((int) Math.round(255 + (end.getRed() - 255) * a), (int) Math.round(255 + (end.getGreen() - 255) * a),
          (int) Math.round(255 + (end.getBlue() - 255) * a));
    }
  }

  /**
   * Proxy (left axis) and gold (right axis) of one monitored pair, raw values faint behind running means,
   * the windows the monitor flagged shaded red.
   */
  static void proxyVsGold(String runName, RewardAnalysis.Monitor mon, Path outPng) {
    Color proxyColor = PALETTE[1];
    Color goldColor = PALETTE[0];
    XYPlot plot = basePlot("step", "proxy: " + mon.proxyKey());
    NumberAxis goldAxis = axis("gold: " + mon.goldKey());
    plot.setRangeAxis(1, goldAxis);
    plot.getRangeAxis(0).setLabelPaint(proxyColor);
    goldAxis.setLabelPaint(goldColor);
    int w = window(mon.proxy().length);
    Series ps = new Series(mon.proxyKey(), mon.steps(), mon.proxy());
    Series gs = new Series(mon.goldKey(), mon.steps(), mon.gold());
    int d = 0;
    for (Object[] side : new Object[][] {{ps, proxyColor, 0}, {gs, goldColor, 1}}) {
      Series s = (Series) side[0];
      Color c = (Color) side[1];
      int axisIndex = (Integer) side[2];
      XYSeriesCollection raw = new XYSeriesCollection();
      XYLineAndShapeRenderer rawR = faintRenderer();
      addRaw(raw, rawR, s.key() + " raw", s, c);
      XYSeriesCollection line = new XYSeriesCollection();
      XYLineAndShapeRenderer lineR = lineRenderer();
      double[][] sm = smoothed(s);
      addLine(line, lineR, (axisIndex == 0 ? "proxy " : "gold ") + s.key(), sm[0], sm[1], c);
      plot.setDataset(d, raw);
      plot.setRenderer(d, rawR);
      plot.mapDatasetToRangeAxis(d++, axisIndex);
      plot.setDataset(d, line);
      plot.setRenderer(d, lineR);
      plot.mapDatasetToRangeAxis(d++, axisIndex);
    }
    for (org.rewardlab.reward.analysis.HackingMonitor.Range r : mon.verdict().flagged()) {
      long[] s = mon.stepRange(r);
      double lo = s[0];
      double hi = s[1] > s[0] ? s[1] : s[0] + 1;
      org.jfree.chart.plot.IntervalMarker m = new org.jfree.chart.plot.IntervalMarker(lo, hi,
          new Color(214, 39, 40, 45));
      m.setLabel("proxy up, gold down");
      m.setLabelFont(TICK_FONT);
      m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
      m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
      plot.addDomainMarker(m, org.jfree.chart.ui.Layer.BACKGROUND);
    }
    String status = switch (mon.verdict().status()) {
      case DIVERGING -> "DIVERGING";
      case DIVERGED_EARLIER -> "diverged earlier";
      case NO_DIVERGENCE -> "no divergence";
      case NOT_ENOUGH_DATA -> "not enough data";
    };
    JFreeChart chart = chart("Proxy vs gold (" + mon.name() + ") — " + status + " — " + runName, plot, true);
    widenFlatRange(plot, 1);
    save(chart, outPng, WIDTH, HEIGHT);
  }

  /**
   * A reliability diagram: the predicted probability of each bin against how often the label agreed, with the
   * diagonal of perfect calibration. Bins without predictions (NaN) are left out.
   */
  public static void reliability(String title, double[] predicted, double[] observed, Path outPng) {
    XYSeriesCollection lines = new XYSeriesCollection();
    XYLineAndShapeRenderer r = lineRenderer();
    addLine(lines, r, "perfect calibration", new double[] {0, 1}, new double[] {0, 1}, PALETTE[7 % PALETTE.length]);
    int n = 0;
    for (int i = 0; i < predicted.length; i++) if (!Double.isNaN(predicted[i])) n++;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0, k = 0; i < predicted.length; i++) {
      if (Double.isNaN(predicted[i])) continue;
      x[k] = predicted[i];
      y[k++] = observed[i];
    }
    addLine(lines, r, "reward model", x, y, PALETTE[0]);
    r.setSeriesShapesVisible(1, true);
    XYPlot plot = basePlot("predicted P(chosen > rejected)", "observed frequency");
    plot.setDataset(0, lines);
    plot.setRenderer(0, r);
    save(chart(title, plot, true), outPng, 600, 600);
  }

  /**
   * The step from point i to the next drawn one: at most {@value #MAX_RAW_POINTS} points of a long curve
   * are drawn (the curves are running means already), and the last point always is.
   */
  static int stride(int n, int i) {
    int s = Math.max(1, (n + MAX_RAW_POINTS - 1) / MAX_RAW_POINTS);
    return i + s >= n && i < n - 1 ? n - 1 - i : s;
  }

  /** A filled square per term in its colour (the bands have no outline to show in a default legend). */
  private static org.jfree.chart.LegendItemCollection termLegend(ContributionCurves c, boolean signs) {
    org.jfree.chart.LegendItemCollection items = new org.jfree.chart.LegendItemCollection();
    for (int j = 0; j < c.names().size(); j++) {
      String label = signs ? c.names().get(j) + " (" + sign(c.mean()[j]) + ")" : c.names().get(j);
      items.add(new org.jfree.chart.LegendItem(label, null, null, null, new java.awt.geom.Rectangle2D.Double(-6, -6, 12, 12),
          PALETTE[j % PALETTE.length]));
    }
    return items;
  }

  private static DeviationRenderer stackRenderer() {
    DeviationRenderer r = new DeviationRenderer(true, false);
    r.setAlpha(0.75f);
    r.setAutoPopulateSeriesStroke(false);
    r.setDefaultStroke(new BasicStroke(0.6f));
    return r;
  }

  /** Series {@code index} filled in term {@code j}'s colour, without an outline (an empty band stays invisible). */
  private static void styleBand(DeviationRenderer r, int index, int j, boolean inLegend) {
    Color c = PALETTE[j % PALETTE.length];
    r.setSeriesPaint(index, new Color(c.getRed(), c.getGreen(), c.getBlue(), 0));
    r.setSeriesFillPaint(index, c);
    r.setSeriesVisibleInLegend(index, inLegend);
  }

  private static String sign(double[] runningMean) {
    boolean pos = false;
    boolean neg = false;
    for (double v : runningMean) {
      pos |= v > 0;
      neg |= v < 0;
    }
    return pos && neg ? "±" : neg ? "−" : "+";
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

  static XYLineAndShapeRenderer lineRenderer() {
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

  static XYPlot basePlot(String xLabel, String yLabel) {
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
    widenFlatRange(xy, 0);
  }

  private static void widenFlatRange(XYPlot xy, int axisIndex) {
    org.jfree.chart.axis.ValueAxis ax = xy.getRangeAxis(axisIndex);
    if (ax == null) return;
    org.jfree.data.Range r = ax.getRange();
    double c = r.getCentralValue();
    if (r.getLength() <= 1e-9 * Math.max(1.0, Math.abs(c))) {
      double h = Math.max(1.0, 0.05 * Math.abs(c));
      ax.setRange(c - h, c + h);
    }
  }

  static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
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

  /** {@link #chart} without widening the range axis (it was set on purpose). */
  private static JFreeChart chartKeepRange(String title, XYPlot plot) {
    org.jfree.data.Range r = plot.getRangeAxis().getRange();
    JFreeChart c = chart(title, plot, true);
    plot.getRangeAxis().setRange(r);
    return c;
  }

  static void save(JFreeChart chart, Path outPng, int w, int h) {
    AtomicFiles.write(outPng, out -> ChartUtils.writeChartAsPNG(out, chart, w, h));
  }
}
