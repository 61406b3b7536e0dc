package org.rewardlab.search.qd;

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
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * PNG pictures of a 2-D quality-diversity search, drawn with the JDK alone (headless AWT): the
 * archive heat map (cells coloured by objective), final-descriptor scatter plots with the maze drawn
 * over them, and coverage-over-evaluations curves. Thread-safe (stateless).
 */
public final class QdPictures {
  private static final int SIZE = 480;
  private static final int MARGIN = 40;
  private static final Color[] SERIES = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)
  };

  private QdPictures() {}

  /**
   * What to draw over a 2-D descriptor plot: wall rectangles {x0, y0, x1, y1} and reward discs
   * {x, y, r}, in descriptor units.
   */
  public record Overlay(List<double[]> walls, List<double[]> discs) {
    public static Overlay none() {
      return new Overlay(List.of(), List.of());
    }
  }

  /** A 2-D grid archive as a heat map: empty cells light grey, elites from dark blue (low) to yellow (high). */
  public static void heatMap(GridArchive archive, Overlay overlay, String title, Path png) {
    int[] dims = archive.dims();
    if (dims.length != 2) throw new IllegalArgumentException("heatMap draws 2-D grids, got " + dims.length + " measures");
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < archive.cells(); c++) {
      if (archive.occupied(c)) {
        lo = Math.min(lo, archive.objective(c));
        hi = Math.max(hi, archive.objective(c));
      }
    }
    Canvas cv = new Canvas(title, archive.lower(), archive.upper());
    double cw = (double) SIZE / dims[0];
    double ch = (double) SIZE / dims[1];
    for (int i = 0; i < dims[0]; i++) {
      for (int j = 0; j < dims[1]; j++) {
        int c = i * dims[1] + j;
        Color col = archive.occupied(c) ? viridis(hi > lo ? (archive.objective(c) - lo) / (hi - lo) : 0.0) : new Color(235, 235, 235);
        cv.g.setColor(col);
        int x0 = MARGIN + (int) Math.floor(i * cw);
        int y0 = MARGIN + SIZE - (int) Math.ceil((j + 1) * ch);
        cv.g.fillRect(x0, y0, (int) Math.ceil(cw), (int) Math.ceil(ch));
      }
    }
    cv.overlay(overlay);
    cv.caption(String.format(Locale.ROOT, "%d/%d cells, objective %s..%s", archive.size(), archive.cells(),
        Double.isFinite(lo) ? fmt(lo) : "-", Double.isFinite(hi) ? fmt(hi) : "-"));
    cv.write(png);
  }

  /** Points (first two coordinates) in the box [lower, upper], with the overlay drawn over them. */
  public static void scatter(List<double[]> points, double[] lower, double[] upper, Overlay overlay, String title, Path png) {
    Canvas cv = new Canvas(title, lower, upper);
    cv.g.setColor(new Color(31, 119, 180, 60));
    for (double[] p : points) {
      int x = cv.px(p[0]);
      int y = cv.py(p[1]);
      cv.g.fillOval(x - 2, y - 2, 4, 4);
    }
    cv.overlay(overlay);
    cv.caption(points.size() + " final positions");
    cv.write(png);
  }

  /** Coverage (or any [0, 1] quantity) against evaluations, one curve per named arm. */
  public static void curves(Map<String, double[][]> series, String yLabel, String title, Path png) {
    double xMax = 1;
    double yMax = 1e-9;
    for (double[][] s : series.values()) {
      for (double x : s[0]) xMax = Math.max(xMax, x);
      for (double y : s[1]) yMax = Math.max(yMax, y);
    }
    Canvas cv = new Canvas(title, new double[] {0, 0}, new double[] {xMax, yMax * 1.05});
    int k = 0;
    for (Map.Entry<String, double[][]> e : series.entrySet()) {
      Color col = SERIES[k % SERIES.length];
      cv.g.setColor(col);
      cv.g.setStroke(new BasicStroke(2f));
      double[] xs = e.getValue()[0];
      double[] ys = e.getValue()[1];
      for (int i = 1; i < xs.length; i++) cv.g.drawLine(cv.px(xs[i - 1]), cv.py(ys[i - 1]), cv.px(xs[i]), cv.py(ys[i]));
      cv.g.drawString(e.getKey(), MARGIN + 10, MARGIN + 18 + 16 * k);
      k++;
    }
    cv.g.setColor(Color.DARK_GRAY);
    cv.caption(String.format(Locale.ROOT, "x: evaluations (0..%s), y: %s (0..%s)", fmt(xMax), yLabel, fmt(yMax * 1.05)));
    cv.write(png);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }

  /** An approximation of matplotlib's viridis: t in [0, 1]. */
  static Color viridis(double t) {
    double[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
    t = Math.max(0, Math.min(1, t)) * (stops.length - 1);
    int i = Math.min((int) t, stops.length - 2);
    double f = t - i;
    return new Color((int) (stops[i][0] + f * (stops[i + 1][0] - stops[i][0])),
        (int) (stops[i][1] + f * (stops[i + 1][1] - stops[i][1])), (int) (stops[i][2] + f * (stops[i + 1][2] - stops[i][2])));
  }

  private static final class Canvas {
    final BufferedImage img = new BufferedImage(SIZE + 2 * MARGIN, SIZE + 2 * MARGIN, BufferedImage.TYPE_INT_RGB);
    final Graphics2D g = img.createGraphics();
    final double[] lower;
    final double[] upper;

    Canvas(String title, double[] lower, double[] upper) {
      this.lower = lower;
      this.upper = upper;
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      g.drawString(title, MARGIN, MARGIN - 14);
      g.drawRect(MARGIN, MARGIN, SIZE, SIZE);
    }

    int px(double x) {
      return MARGIN + (int) Math.round((x - lower[0]) / (upper[0] - lower[0]) * SIZE);
    }

    int py(double y) {
      return MARGIN + SIZE - (int) Math.round((y - lower[1]) / (upper[1] - lower[1]) * SIZE);
    }

    void overlay(Overlay o) {
      g.setColor(Color.BLACK);
      for (double[] w : o.walls()) {
        g.fillRect(px(w[0]), py(w[3]), Math.max(1, px(w[2]) - px(w[0])), Math.max(1, py(w[1]) - py(w[3])));
      }
      g.setColor(new Color(214, 39, 40));
      g.setStroke(new BasicStroke(2f));
      for (double[] d : o.discs()) {
        int r = (int) Math.round(d[2] / (upper[0] - lower[0]) * SIZE);
        g.drawOval(px(d[0]) - r, py(d[1]) - r, 2 * r, 2 * r);
      }
    }

    void caption(String text) {
      g.setColor(Color.DARK_GRAY);
      g.drawString(text, MARGIN, MARGIN + SIZE + 24);
    }

    void write(Path png) {
      g.dispose();
      try {
        if (png.getParent() != null) Files.createDirectories(png.getParent());
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
        ImageIO.write(img, "png", tmp.toFile());
        Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + png, e);
      }
    }
  }
}
