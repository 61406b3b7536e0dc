package org.rewardlab.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.cli.report.MetricsReader.Metrics;
import org.rewardlab.cli.report.MetricsReader.Series;
import org.rewardlab.cli.report.RunDirs.RunInfo;
import org.rewardlab.core.run.AtomicFiles;

/**
 * Writes a run directory's {@code plots/*.png} and {@code report.html}: the run's name, its manifest as
 * a table, the resolved config as YAML, a table of final metric values, the charts (learning curve
 * of {@value #RETURN_KEY}, the reward breakdown when {@code reward/*} metrics exist, the losses when
 * {@code losses/*} exist), and the reward analysis ({@link RewardAnalysis}: per-term contributions and
 * shares, correlations, the hacking monitor). The HTML is self-contained apart from the {@code <img>}
 * links into {@code plots/}. Every file is written atomically (temp file, then move).
 *
 * <p>Stateless and thread-safe for distinct run directories.
 */
public final class RunReport {
  /** The metric of the learning curve. */
  public static final String RETURN_KEY = "charts/episodic_return";
  static final String REPORT = "report.html";
  static final String PLOTS = "plots";
  /** Metric groups in the summary table, in this order; other keys follow. */
  private static final List<String> KEY_PREFIXES = List.of("charts/", "reward/", "losses/");
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
      .build();

  private RunReport() {}

  /**
   * What was written.
   *
   * @param html the report page
   * @param plots the PNG files of the "Plots" section, in the order shown
   * @param analysis the PNG files of the "Reward analysis" section, in the order shown
   */
  public record Written(Path html, List<Path> plots, List<Path> analysis) {
    public Written {
      plots = List.copyOf(plots);
      analysis = List.copyOf(analysis);
    }
  }

  /**
   * Writes the plots and the report of {@code runDir}.
   *
   * @throws org.rewardlab.core.UserInputException if the directory, its manifest or its metrics are
   *     missing or garbled
   */
  /** Language-model and GFlowNet runs: key, file, caption of the curves shown when the run logged the key. */
  static final String[][] HEADLINE_CHARTS = {
    {"charts/test_accuracy", "test_accuracy.png", "Held-out accuracy (greedy)"},
    {"charts/reward", "train_reward.png", "Mean reward of the sampled completions"},
    {"charts/entropy", "entropy.png", "Policy entropy per token"},
    {"charts/completions/mean_length", "completion_length.png", "Mean completion length (tokens)"},
    {"charts/intrinsic_reward", "intrinsic_reward.png", "RND intrinsic reward per step, normalized (rollout mean)"},
    {"charts/l1", "gfn_l1.png", "GFlowNet: exact L1 (sum over terminal objects) between the sampler's P_T and R/Z"},
    {"charts/modes_found", "gfn_modes_found.png", "GFlowNet: distinct modes among the sampled terminal objects so far"},
    {"charts/best_return", "best_return.png", "Best return found so far (QD search)"},
    {"charts/qd_score", "qd_score.png", "QD-score: sum of the returns of the ground-truth grid's elites (QD search)"},
  };

  public static Written write(Path runDir) {
    RunInfo info = RunDirs.info(runDir);
    Metrics metrics = RunDirs.metrics(runDir);
    Path plotsDir = runDir.resolve(PLOTS);
    List<Path> plots = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    if (metrics.get(RETURN_KEY) != null) {
      Path p = plotsDir.resolve("episodic_return.png");
      Plots.learningCurve(List.of(info), List.of(metrics), RETURN_KEY, p);
      plots.add(p);
      captions.add("Learning curve: " + RETURN_KEY + " (running mean over " + Plots.window(metrics.get(RETURN_KEY).size())
          + " points; raw values faint)");
    }
    for (String[] chart : HEADLINE_CHARTS) {
      if (metrics.get(chart[0]) == null) continue;
      Path p = plotsDir.resolve(chart[1]);
      Plots.learningCurve(List.of(info), List.of(metrics), chart[0], p);
      plots.add(p);
      captions.add(chart[2] + ": " + chart[0]);
    }
    if (!metrics.keysWithPrefix("reward/").isEmpty()) {
      Path p = plotsDir.resolve("reward_breakdown.png");
      Plots.rewardBreakdown(info, metrics, p);
      plots.add(p);
      captions.add("Reward terms (reward/*)");
    }
    if (!metrics.keysWithPrefix("losses/").isEmpty()) {
      Path p = plotsDir.resolve("losses.png");
      Plots.lossPanel(info, metrics, p);
      plots.add(p);
      captions.add("Losses (losses/*)");
    }
    // figures an algorithm drew itself (e.g. the GFlowNet heat map): plots/<name>.png with plots/<name>.png.caption
    java.io.File[] own = plotsDir.toFile().listFiles((d, n) -> n.endsWith(".png.caption"));
    if (own != null) {
      java.util.Arrays.sort(own);
      for (java.io.File c : own) {
        Path png = plotsDir.resolve(c.getName().substring(0, c.getName().length() - ".caption".length()));
        if (!java.nio.file.Files.exists(png)) continue;
        try {
          captions.add(java.nio.file.Files.readString(c.toPath()).strip());
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        plots.add(png);
      }
    }
    RewardAnalysis.Result analysis = RewardAnalysis.analyze(metrics, 0);
    List<RewardAnalysis.Chart> charts = RewardAnalysis.writePlots(info, analysis, plotsDir);
    addExtraPictures(plotsDir, plots, captions, charts);
    String html = html(info, metrics, plots, captions, analysis, charts);
    Path out = runDir.resolve(REPORT);
    AtomicFiles.writeString(out, html);
    return new Written(out, plots, charts.stream().map(RewardAnalysis.Chart::png).toList());
  }

  /**
   * PNGs that something else wrote into {@code plots/} (e.g. coverage heat maps and trajectories of a
   * 2-D env, written by a repro) are shown after the generated plots, in file-name order.
   */
  private static void addExtraPictures(Path plotsDir, List<Path> plots, List<String> captions, List<RewardAnalysis.Chart> charts) {
    if (!java.nio.file.Files.isDirectory(plotsDir)) return;
    java.util.Set<String> known = new java.util.HashSet<>();
    for (Path p : plots) known.add(p.getFileName().toString());
    for (RewardAnalysis.Chart c : charts) known.add(c.png().getFileName().toString());
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(plotsDir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".png")).sorted().toList()) {
        String name = p.getFileName().toString();
        if (known.contains(name)) continue;
        plots.add(p);
        captions.add(name.startsWith("coverage")
            ? "Coverage: visitation heat maps over training, with trajectories (" + name + ")"
            : "Picture " + name);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + plotsDir, e);
    }
  }

  static String html(RunInfo info, Metrics metrics, List<Path> plots, List<String> captions) {
    return html(info, metrics, plots, captions, null, List.of());
  }

  static String html(RunInfo info, Metrics metrics, List<Path> plots, List<String> captions,
      RewardAnalysis.Result analysis, List<RewardAnalysis.Chart> charts) {
    StringBuilder h = new StringBuilder(8192);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>RewardLab run: ")
        .append(esc(info.name())).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,-apple-system,'DejaVu Sans',sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}\n")
        .append("h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}\n")
        .append("table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}\n")
        .append("th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}\n")
        .append("pre{background:#f7f7f7;border:1px solid #e2e2e2;padding:.8em;overflow-x:auto;font-size:.85em}\n")
        .append("figure{margin:1em 0}img{max-width:100%;border:1px solid #eee}figcaption{font-size:.85em;color:#555}\n")
        .append(".muted{color:#777}\n")
        .append("h3{font-size:1.05em;margin-top:1.2em}nav{font-size:.9em;margin:.4em 0 1em}nav a{margin-right:1em}\n")
        .append(".verdict{padding:.5em .8em;border-left:5px solid #888;background:#f6f6f6;margin:.6em 0}\n")
        .append(".verdict.bad{border-color:#d62728;background:#fdeeee}.verdict.warn{border-color:#ff7f0e;background:#fff4e8}\n")
        .append(".verdict.ok{border-color:#2ca02c;background:#eef8ee}caption{caption-side:bottom;font-size:.85em;color:#555;text-align:left;padding-top:.3em}\n")
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>RewardLab run: ").append(esc(info.name())).append("</h1>\n");
    h.append("<p class=\"muted\">").append(esc(info.dir().toAbsolutePath().normalize().toString()))
        .append(" · ").append(metrics.lines()).append(" metric records");
    if (metrics.truncatedLastLine()) h.append(" · the last, partial line was skipped (the run was cut off)");
    h.append("</p>\n");
    h.append("<nav><a href=\"#manifest\">Manifest</a><a href=\"#config\">Config</a><a href=\"#metrics\">Final metrics</a>"
        + "<a href=\"#plots\">Plots</a>");
    if (analysis != null) h.append("<a href=\"#reward-analysis\">Reward analysis</a>");
    h.append("</nav>\n");

    h.append("<h2 id=\"manifest\">Manifest</h2>\n");
    if (info.manifest().isEmpty()) {
      h.append("<p class=\"muted\">No manifest.json in this run.</p>\n");
    } else {
      h.append("<table>\n");
      for (Iterator<Map.Entry<String, JsonNode>> it = info.manifest().fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getKey().equals("config")) continue;
        JsonNode v = f.getValue();
        h.append("<tr><th>").append(esc(f.getKey())).append("</th><td>");
        if (v.isValueNode()) {
          h.append(esc(v.asText()));
        } else {
          h.append("<pre>").append(esc(yaml(v))).append("</pre>");
        }
        h.append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    h.append("<h2 id=\"config\">Config</h2>\n");
    JsonNode config = info.config();
    if (config == null) {
      h.append("<p class=\"muted\">The manifest holds no config.</p>\n");
    } else {
      h.append("<pre>").append(esc(yaml(config))).append("</pre>\n");
    }

    h.append("<h2 id=\"metrics\">Final metrics</h2>\n");
    if (metrics.series().isEmpty()) {
      h.append("<p class=\"muted\">No metrics recorded yet.</p>\n");
    } else {
      h.append("<table>\n<tr><th>metric</th><th>last value</th><th>at step</th><th>max</th><th>min</th><th>points</th></tr>\n");
      for (String key : orderedKeys(metrics)) {
        Series s = metrics.get(key);
        h.append("<tr><td>").append(esc(key)).append("</td><td class=\"num\">").append(num(s.last()))
            .append("</td><td class=\"num\">").append(s.size() == 0 ? "" : Long.toString(s.steps()[s.size() - 1]))
            .append("</td><td class=\"num\">").append(num(s.max()))
            .append("</td><td class=\"num\">").append(num(s.min()))
            .append("</td><td class=\"num\">").append(s.size()).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    h.append("<h2 id=\"plots\">Plots</h2>\n");
    if (plots.isEmpty()) h.append("<p class=\"muted\">Nothing to plot yet.</p>\n");
    for (int i = 0; i < plots.size(); i++) figure(h, info, plots.get(i), captions.get(i));
    if (analysis != null) AnalysisSection.append(h, info, analysis, charts);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /** A figure: the image (linked relative to the run directory) and its caption. */
  static void figure(StringBuilder h, RunInfo info, Path png, String caption) {
    Path base = info.dir().toAbsolutePath().normalize();
    String rel = base.relativize(png.toAbsolutePath().normalize()).toString().replace('\\', '/');
    h.append("<figure><img src=\"").append(esc(rel)).append("\" alt=\"").append(esc(caption))
        .append("\"><figcaption>").append(esc(caption)).append("</figcaption></figure>\n");
  }

  private static List<String> orderedKeys(Metrics m) {
    List<String> out = new ArrayList<>();
    for (String p : KEY_PREFIXES) out.addAll(m.keysWithPrefix(p));
    for (String k : m.series().keySet()) if (!out.contains(k)) out.add(k);
    return out;
  }

  private static String yaml(JsonNode n) {
    try {
      return YAML.writeValueAsString(n);
    } catch (IOException e) {
      return n.toPrettyString();
    }
  }

  static String num(double v) {
    if (Double.isNaN(v)) return "";
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%.0f", v);
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e6)) return String.format(Locale.ROOT, "%.4g", v);
    return String.format(Locale.ROOT, "%.4f", v);
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
