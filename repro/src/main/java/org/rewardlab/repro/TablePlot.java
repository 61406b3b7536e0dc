package org.rewardlab.repro;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
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
 * A table of numbers drawn as a heatmap PNG (a repro's ablation table): one row per label, one column per
 * label, each cell colored on a white-to-blue scale between its column's smallest and largest finite value
 * (columns may be on different scales, e.g. one env each) and printed with three decimals; NaN cells are grey and print "-". Java2D only (works headless).
 * Stateless.
 */
public final class TablePlot {
  private TablePlot() {}

  /** Cell size and margins in pixels. */
  static final int CELL_W = 130;
  static final int CELL_H = 34;

  /**
   * Writes the heatmap to {@code out} (parent directories created).
   *
   * @param cells {@code cells[row][col]}, as many rows and columns as labels
   */
  public static void heatmap(String title, List<String> rows, List<String> cols, double[][] cells, Path out) {
    if (cells.length != rows.size()) throw new IllegalArgumentException("need one row of cells per row label");
    double[] lo = new double[cols.size()];
    double[] hi = new double[cols.size()];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (double[] row : cells) {
      if (row.length != cols.size()) throw new IllegalArgumentException("need one cell per column label in every row");
      for (int j = 0; j < row.length; j++) {
        if (Double.isFinite(row[j])) {
          lo[j] = Math.min(lo[j], row[j]);
          hi[j] = Math.max(hi[j], row[j]);
        }
      }
    }
    int left = 150;
    int top = 70;
    Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    int titleWidth = probe.getFontMetrics(titleFont).stringWidth(title);
    probe.dispose();
    int w = Math.max(left + CELL_W * cols.size() + 20, titleWidth + 20);
    int h = top + CELL_H * rows.size() + 20;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setColor(Color.BLACK);
      g.setFont(titleFont);
      g.drawString(title, 10, 22);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      FontMetrics fm = g.getFontMetrics();
      for (int j = 0; j < cols.size(); j++) {
        String c = cols.get(j);
        g.drawString(c, left + j * CELL_W + (CELL_W - fm.stringWidth(c)) / 2, top - 10);
      }
      for (int i = 0; i < rows.size(); i++) {
        int y = top + i * CELL_H;
        g.setColor(Color.BLACK);
        g.drawString(rows.get(i), 10, y + CELL_H / 2 + fm.getAscent() / 2 - 2);
        for (int j = 0; j < cols.size(); j++) {
          double v = cells[i][j];
          int x = left + j * CELL_W;
          g.setColor(color(v, lo[j], hi[j]));
          g.fillRect(x, y, CELL_W, CELL_H);
          g.setColor(Color.DARK_GRAY);
          g.drawRect(x, y, CELL_W, CELL_H);
          double t = Double.isFinite(v) && hi[j] > lo[j] ? (v - lo[j]) / (hi[j] - lo[j]) : 0.5;
          g.setColor(t > 0.6 ? Color.WHITE : Color.BLACK);
          String s = Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
          g.drawString(s, x + (CELL_W - fm.stringWidth(s)) / 2, y + CELL_H / 2 + fm.getAscent() / 2 - 2);
        }
      }
    } finally {
      g.dispose();
    }
    try {
      if (out.getParent() != null) Files.createDirectories(out.getParent());
      ImageIO.write(img, "png", out.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plot " + out, e);
    }
  }

  static Color color(double v, double lo, double hi) {
    if (!Double.isFinite(v)) return new Color(200, 200, 200);
    double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    int r = (int) Math.round(255 - t * (255 - 33));
    int gr = (int) Math.round(255 - t * (255 - 102));
    int b = (int) Math.round(255 - t * (255 - 172));
    return new Color(r, gr, b);
  }
}
