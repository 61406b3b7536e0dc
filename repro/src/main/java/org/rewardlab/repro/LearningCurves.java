package org.rewardlab.repro;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A line chart of learning curves (one line per arm, y against x) as a PNG, JDK only; shared by the
 * repros that plot reward against budget (alignprop, prdp). Stateless.
 */
public final class LearningCurves {
  private LearningCurves() {}

  /** One line: its name in the legend and its points. */
  public record Series(String name, double[] x, double[] y) {
    public Series {
      if (x.length != y.length || x.length == 0) throw new IllegalArgumentException("series " + name + ": x and y must have the same non-zero length");
    }
  }

  private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
      new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};

  /** Draws {@code series} into {@code out} (parent directories are created). */
  public static void write(String title, String xLabel, String yLabel, List<Series> series, Path out) {
    int w = 900;
    int h = 560;
    int left = 95, right = 190, top = 40, bottom = 55;
    double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double v : s.x()) {
        if (Double.isFinite(v)) {
          xMin = Math.min(xMin, v);
          xMax = Math.max(xMax, v);
        }
      }
      for (double v : s.y()) {
        if (Double.isFinite(v)) {
          yMin = Math.min(yMin, v);
          yMax = Math.max(yMax, v);
        }
      }
    }
    if (!(xMax > xMin)) xMax = xMin + 1;
    if (!(yMax > yMin)) yMax = yMin + 1;
    double pad = 0.05 * (yMax - yMin);
    yMin -= pad;
    yMax += pad;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    int pw = w - left - right;
    int ph = h - top - bottom;
    g.setColor(new Color(230, 230, 230));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int i = 0; i <= 5; i++) {
      int yy = top + ph - i * ph / 5;
      int xx = left + i * pw / 5;
      g.setColor(new Color(230, 230, 230));
      g.drawLine(left, yy, left + pw, yy);
      g.drawLine(xx, top, xx, top + ph);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "%.3g", yMin + i * (yMax - yMin) / 5), left - 52, yy + 4);
      g.drawString(String.format(Locale.ROOT, "%.4g", xMin + i * (xMax - xMin) / 5), xx - 15, top + ph + 16);
    }
    g.setColor(Color.BLACK);
    g.drawRect(left, top, pw, ph);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, left, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(xLabel, left + pw / 2 - 60, h - 12);
    g.rotate(-Math.PI / 2);
    g.drawString(yLabel, -(top + ph / 2 + 50), 18);
    g.rotate(Math.PI / 2);
    g.setStroke(new BasicStroke(2f));
    for (int si = 0; si < series.size(); si++) {
      Series s = series.get(si);
      g.setColor(PALETTE[si % PALETTE.length]);
      int px = -1, py = -1;
      for (int i = 0; i < s.x().length; i++) {
        if (!Double.isFinite(s.y()[i])) continue;
        int xx = left + (int) Math.round((s.x()[i] - xMin) / (xMax - xMin) * pw);
        int yy = top + ph - (int) Math.round((s.y()[i] - yMin) / (yMax - yMin) * ph);
        if (px >= 0) g.drawLine(px, py, xx, yy);
        px = xx;
        py = yy;
      }
      int ly = top + 20 + 20 * si;
      g.drawLine(left + pw + 12, ly - 4, left + pw + 36, ly - 4);
      g.setColor(Color.BLACK);
      g.drawString(s.name(), left + pw + 42, ly);
    }
    g.dispose();
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      ImageIO.write(img, "png", out.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }
}
