package org.rewardlab.envs.coverage;

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
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Coverage pictures of 2-D envs as PNG: a grid of panels (rows, e.g. arms; columns, e.g. moments of
 * training), each a visitation heat map ({@code log(1 + count)} scaled to the panel's maximum, white
 * to dark blue), the scene's obstacles in grey, an optional trajectory in red (start dot green, end
 * dot red) and optional marks (the goal, a black ring). Coordinates are normalized to [0, 1]^2 with y
 * upwards. Written atomically (temp file, then move). Headless AWT only.
 */
public final class CoveragePictures {
  private static final int CELL = 220;
  private static final int TITLE = 22;
  private static final int PAD = 8;

  private CoveragePictures() {}

  /**
   * One panel.
   *
   * @param title text above it
   * @param map visit counts (a snapshot)
   * @param trajectory normalized {@code (u, v)} points, or an empty list
   */
  public record Panel(String title, CoverageMap map, List<float[]> trajectory) {}

  /**
   * The scene drawn under every panel.
   *
   * @param obstacles normalized rectangles {@code {u0, v0, u1, v1}}
   * @param marks normalized points drawn as rings (e.g. the goal)
   */
  public record Scene(List<double[]> obstacles, List<double[]> marks) {
    public static final Scene EMPTY = new Scene(List.of(), List.of());
  }

  /** Writes {@code rows} of panels (rows may differ in length) with a heading line to {@code png}. */
  public static void write(Path png, String heading, Scene scene, List<List<Panel>> rows) {
    int cols = rows.stream().mapToInt(List::size).max().orElse(1);
    int w = PAD + cols * (CELL + PAD);
    int h = TITLE + PAD + rows.size() * (CELL + TITLE + PAD);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(heading, PAD, TITLE - 5);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < rows.get(r).size(); c++) {
          int x0 = PAD + c * (CELL + PAD);
          int y0 = TITLE + PAD + r * (CELL + TITLE + PAD);
          panel(g, rows.get(r).get(c), scene, x0, y0);
        }
      }
    } finally {
      g.dispose();
    }
    try {
      Path dir = png.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, png.getFileName().toString(), ".tmp");
      ImageIO.write(img, "png", tmp.toFile());
      Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png, e);
    }
  }

  private static void panel(Graphics2D g, Panel p, Scene scene, int x0, int y0) {
    g.setColor(Color.BLACK);
    g.drawString(p.title(), x0, y0 + TITLE - 7);
    int top = y0 + TITLE;
    CoverageMap m = p.map();
    double max = 0;
    for (int cy = 0; cy < m.height(); cy++) {
      for (int cx = 0; cx < m.width(); cx++) max = Math.max(max, Math.log1p(m.count(cx, cy)));
    }
    for (int cy = 0; cy < m.height(); cy++) {
      for (int cx = 0; cx < m.width(); cx++) {
        double t = max == 0 ? 0 : Math.log1p(m.count(cx, cy)) / max;
        int px0 = x0 + cx * CELL / m.width();
        int px1 = x0 + (cx + 1) * CELL / m.width();
        int py1 = top + CELL - cy * CELL / m.height();
        int py0 = top + CELL - (cy + 1) * CELL / m.height();
        g.setColor(heat(t));
        g.fillRect(px0, py0, px1 - px0, py1 - py0);
      }
    }
    g.setColor(new Color(110, 110, 110, 200));
    for (double[] o : scene.obstacles()) {
      int ax = x0 + (int) Math.round(o[0] * CELL);
      int bx = x0 + (int) Math.round(o[2] * CELL);
      int ay = top + CELL - (int) Math.round(o[3] * CELL);
      int by = top + CELL - (int) Math.round(o[1] * CELL);
      g.fillRect(ax, ay, Math.max(1, bx - ax), Math.max(1, by - ay));
    }
    List<float[]> tr = p.trajectory();
    if (tr.size() > 1) {
      g.setColor(new Color(220, 30, 30));
      g.setStroke(new BasicStroke(1.6f));
      for (int i = 1; i < tr.size(); i++) {
        g.drawLine(px(x0, tr.get(i - 1)[0]), py(top, tr.get(i - 1)[1]), px(x0, tr.get(i)[0]), py(top, tr.get(i)[1]));
      }
      g.setColor(new Color(20, 160, 20));
      g.fillOval(px(x0, tr.get(0)[0]) - 4, py(top, tr.get(0)[1]) - 4, 8, 8);
      g.setColor(new Color(220, 30, 30));
      float[] end = tr.get(tr.size() - 1);
      g.fillOval(px(x0, end[0]) - 3, py(top, end[1]) - 3, 6, 6);
    }
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(2f));
    for (double[] mk : scene.marks()) g.drawOval(px(x0, mk[0]) - 6, py(top, mk[1]) - 6, 12, 12);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(x0, top, CELL, CELL);
  }

  private static int px(int x0, double u) {
    return x0 + (int) Math.round(u * CELL);
  }

  private static int py(int top, double v) {
    return top + CELL - (int) Math.round(v * CELL);
  }

  /** White (0) through light blue to dark blue (1). */
  static Color heat(double t) {
    t = Math.max(0, Math.min(1, t));
    if (t == 0) return Color.WHITE;
    int r = (int) Math.round(225 - 210 * t);
    int gg = (int) Math.round(235 - 175 * t);
    int b = (int) Math.round(250 - 110 * t);
    return new Color(r, gg, b);
  }
}
