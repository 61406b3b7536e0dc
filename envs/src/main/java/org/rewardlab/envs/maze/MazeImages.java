package org.rewardlab.envs.maze;

/**
 * Renders a position of the [-1, 1]² square as a small grey image: a Gaussian disc (GEN §4 (e), the
 * "blurred disc" TAXONS learns its behaviour space from). Pixel (r, c) of an {@code n × n} image has
 * centre ((c + 0.5)·2/n − 1, 1 − (r + 0.5)·2/n) (row 0 at the top) and value
 * {@code exp(−|centre − p|² / (2 σ²))}. Thread-safe (stateless).
 */
public final class MazeImages {
  private MazeImages() {}

  /**
   * The image of position {@code (x, y)}, row-major, values in (0, 1].
   *
   * @param n side in pixels, ≥ 1
   * @param sigma the disc's blur in world units (e.g. 0.1), > 0
   */
  public static float[] disc(double x, double y, int n, double sigma) {
    if (n < 1 || !(sigma > 0)) throw new IllegalArgumentException("disc image needs n >= 1 and sigma > 0");
    float[] img = new float[n * n];
    double inv = 1 / (2 * sigma * sigma);
    for (int r = 0; r < n; r++) {
      double cy = 1 - (r + 0.5) * 2 / n;
      for (int c = 0; c < n; c++) {
        double cx = (c + 0.5) * 2 / n - 1;
        double d2 = (cx - x) * (cx - x) + (cy - y) * (cy - y);
        img[r * n + c] = (float) Math.exp(-d2 * inv);
      }
    }
    return img;
  }
}
