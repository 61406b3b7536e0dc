package org.rewardlab.algos.gfn;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A side-by-side heat map of two distributions over a 2-D {@code H x H} grid (the target {@code R/Z}
 * and the learned {@code P_T} of a 2-D hypergrid), on one colour scale (white to dark blue), cell
 * {@code (i, j)} at column {@code i}, row {@code j} from the bottom. Plain {@code java.awt}, written
 * atomically.
 */
public final class DistributionHeatmap {
  private DistributionHeatmap() {}

  /**
   * @param values cell {@code (i, j)} at index {@code i * h + j} (the hypergrid's index order)
   */
  public static void write(Path png, int h, double[] left, String leftTitle, double[] right, String rightTitle, String title) {
    int cell = Math.max(6, Math.min(40, 360 / h));
    int panel = cell * h;
    int margin = 40;
    int width = margin * 3 + panel * 2;
    int height = panel + margin * 2 + 46;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    double max = 0;
    for (double v : left) max = Math.max(max, v);
    for (double v : right) max = Math.max(max, v);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    String[] lines = title.split("\n");
    for (int i = 0; i < lines.length; i++) g.drawString(lines[i], margin / 2, 18 + 16 * i);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    draw(g, left, h, cell, margin, margin + 36, max, leftTitle);
    draw(g, right, h, cell, margin * 2 + panel, margin + 36, max, rightTitle);
    g.setColor(Color.DARK_GRAY);
    g.drawString(String.format(Locale.ROOT, "colour: probability, 0 (white) to %.4f (dark blue); x = coordinate 0, y = coordinate 1", max),
        margin, height - 10);
    g.dispose();
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(img, "png", bytes);
      Files.createDirectories(png.toAbsolutePath().getParent());
      Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
      Files.write(tmp, bytes.toByteArray());
      Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + png, e);
    }
  }

  private static void draw(Graphics2D g, double[] v, int h, int cell, int x0, int y0, double max, String label) {
    g.setColor(Color.BLACK);
    g.drawString(label, x0, y0 - 6);
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < h; j++) {
        double f = max > 0 ? v[i * h + j] / max : 0;
        int r = (int) Math.round(255 * (1 - f) + 8 * f);
        int gg = (int) Math.round(255 * (1 - f) + 48 * f);
        int b = (int) Math.round(255 * (1 - f) + 107 * f);
        g.setColor(new Color(r, gg, b));
        g.fillRect(x0 + i * cell, y0 + (h - 1 - j) * cell, cell, cell);
      }
    }
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(x0, y0, cell * h, cell * h);
  }
}
