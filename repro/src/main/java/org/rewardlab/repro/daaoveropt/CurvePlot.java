package org.rewardlab.repro.daaoveropt;

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
import org.rewardlab.reward.analysis.OveroptimizationFit;

/** Gold gain vs √KL: DPO checkpoints per β, best-of-n (proxy and gold), and the two fitted forms. JDK only. */
final class CurvePlot {
  private CurvePlot() {}

  private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
      new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};

  static void draw(String title, Map<String, DaaOveroptRepro.Curve> curves, List<Double> betas, double[][] bonProxy,
      double[][] bonGold, OveroptimizationFit rl, OveroptimizationFit bon, Path out) {
    int w = 900;
    int h = 600;
    int left = 70, right = 200, top = 40, bottom = 50;
    double xMax = 0, yMin = 0, yMax = 0;
    for (var e : curves.entrySet()) {
      if (!e.getKey().startsWith("dpo/")) continue;
      for (double d : e.getValue().d()) xMax = Math.max(xMax, d);
      for (double g : e.getValue().gold()) {
        yMin = Math.min(yMin, g);
        yMax = Math.max(yMax, g);
      }
    }
    for (double[][] pts : List.of(bonProxy, bonGold)) {
      for (double[] p : pts) {
        xMax = Math.max(xMax, p[0]);
        yMin = Math.min(yMin, p[1]);
        yMax = Math.max(yMax, p[1]);
      }
    }
    xMax = xMax <= 0 ? 1 : xMax * 1.05;
    double pad = Math.max(1e-3, (yMax - yMin) * 0.05);
    final double x1 = xMax, y0 = yMin - pad, y1 = yMax + pad;
    java.util.function.DoubleUnaryOperator px = x -> left + x / x1 * (w - left - right);
    java.util.function.DoubleUnaryOperator py = y -> top + (y1 - y) / (y1 - y0) * (h - top - bottom);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(title, left, 24);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      g.drawRect(left, top, w - left - right, h - top - bottom);
      for (int i = 0; i <= 5; i++) {
        double xv = x1 * i / 5;
        double yv = y0 + (y1 - y0) * i / 5;
        g.drawString(String.format(Locale.ROOT, "%.2f", xv), (int) px.applyAsDouble(xv) - 10, h - bottom + 15);
        g.drawString(String.format(Locale.ROOT, "%.2f", yv), 10, (int) py.applyAsDouble(yv) + 4);
      }
      g.drawString("d = sqrt(KL(pi || pi_ref))", (w - right) / 2 - 40, h - 12);
      g.drawString("gold gain", 10, top - 6);
      g.setColor(Color.LIGHT_GRAY);
      g.drawLine(left, (int) py.applyAsDouble(0), w - right, (int) py.applyAsDouble(0));
      int legendY = top + 10;
      for (int b = 0; b < betas.size(); b++) {
        DaaOveroptRepro.Curve c = curves.get(DaaOveroptRepro.arm(org.rewardlab.algos.prefgame.TreeDaa.Loss.DPO,
            betas.get(b)));
        g.setColor(PALETTE[b % PALETTE.length]);
        for (int i = 0; i < c.d().length; i++) {
          g.fillOval((int) px.applyAsDouble(c.d()[i]) - 3, (int) py.applyAsDouble(c.gold()[i]) - 3, 6, 6);
        }
        g.drawString("DPO beta " + betas.get(b), w - right + 12, legendY);
        legendY += 16;
      }
      g.setColor(Color.BLACK);
      for (double[] p : bonProxy) g.fillRect((int) px.applyAsDouble(p[0]) - 4, (int) py.applyAsDouble(p[1]) - 4, 8, 8);
      g.drawString("BoN, proxy RM (squares)", w - right + 12, legendY);
      legendY += 16;
      g.setColor(Color.GRAY);
      for (double[] p : bonGold) g.drawRect((int) px.applyAsDouble(p[0]) - 4, (int) py.applyAsDouble(p[1]) - 4, 8, 8);
      g.drawString("BoN, gold (open squares)", w - right + 12, legendY);
      legendY += 16;
      g.setStroke(new BasicStroke(2f));
      line(g, rl, x1, px, py, y0, y1, new Color(31, 119, 180));
      g.setColor(new Color(31, 119, 180));
      g.drawString(String.format(Locale.ROOT, "DPO fit d(a - b log d) R2 %.2f", rl.r2()), w - right + 12, legendY);
      legendY += 16;
      line(g, bon, x1, px, py, y0, y1, Color.BLACK);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "BoN fit d(a - b d) R2 %.2f", bon.r2()), w - right + 12, legendY);
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

  private static void line(Graphics2D g, OveroptimizationFit f, double x1, java.util.function.DoubleUnaryOperator px,
      java.util.function.DoubleUnaryOperator py, double y0, double y1, Color c) {
    g.setColor(c);
    int prevX = -1, prevY = -1;
    for (int i = 0; i <= 200; i++) {
      double x = x1 * i / 200;
      double y = Math.max(y0, Math.min(y1, f.predict(x)));
      int sx = (int) px.applyAsDouble(x);
      int sy = (int) py.applyAsDouble(y);
      if (prevX >= 0) g.drawLine(prevX, prevY, sx, sy);
      prevX = sx;
      prevY = sy;
    }
  }
}
