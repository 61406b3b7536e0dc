package org.rewardlab.cli.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line terminal progress bar: {@code [#######.......]  46%  230k/500k steps  6.1k SPS  ETA 0:44
 * return 187.3}. Redraws in place with a carriage return when the stream is a terminal, and prints a
 * fresh line at most every few percent otherwise (logs stay readable).
 *
 * <p>Not thread-safe.
 */
public final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 28;
  private final PrintStream out;
  private final String label;
  private final long total;
  private final boolean interactive;
  private final long startNanos = System.nanoTime();
  private int lastPercentPrinted = -100;
  private long lastDrawNanos;
  private String lastLine = "";

  /**
   * @param out where to draw (stderr, so stdout stays for results)
   * @param label what is counted, e.g. "steps"
   * @param total the count at 100%
   * @param interactive redraw in place (a terminal) or print sparse lines (a log)
   */
  public ProgressBar(PrintStream out, String label, long total, boolean interactive) {
    this.out = out;
    this.label = label;
    this.total = Math.max(1, total);
    this.interactive = interactive;
  }

  /** Draws to stderr, in place when a console is attached. */
  public static ProgressBar stderr(String label, long total) {
    return new ProgressBar(System.err, label, total, System.console() != null);
  }

  /**
   * Updates the bar.
   *
   * @param done units done so far
   * @param rate units per second (NaN to hide)
   * @param extra a short trailing text such as "return 187.3" (may be empty)
   */
  public void update(long done, double rate, String extra) {
    long now = System.nanoTime();
    double frac = Math.min(1.0, Math.max(0.0, done / (double) total));
    int percent = (int) Math.floor(frac * 100);
    if (interactive) {
      if (now - lastDrawNanos < 100_000_000L && done < total) return;
    } else if (percent - lastPercentPrinted < 5 && done < total) {
      return;
    }
    lastDrawNanos = now;
    lastPercentPrinted = percent;
    String line = render(done, frac, rate, extra);
    lastLine = line;
    if (interactive) {
      out.print("\r" + line + "\u001b[K");
    } else {
      out.println(line);
    }
    out.flush();
  }

  String render(long done, double frac, double rate, String extra) {
    int filled = (int) Math.round(frac * WIDTH);
    StringBuilder sb = new StringBuilder();
    sb.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append(']');
    sb.append(String.format(Locale.ROOT, " %3d%%  %s/%s %s", (int) Math.floor(frac * 100), human(done), human(total), label));
    if (!Double.isNaN(rate) && rate > 0) {
      sb.append("  ").append(human((long) rate)).append(" SPS");
      double eta = (total - done) / rate;
      sb.append("  ETA ").append(clock(eta));
    }
    sb.append("  elapsed ").append(clock((System.nanoTime() - startNanos) / 1e9));
    if (extra != null && !extra.isEmpty()) sb.append("  ").append(extra);
    return sb.toString();
  }

  /** The last line drawn (for tests). */
  public String lastLine() {
    return lastLine;
  }

  static String human(long n) {
    if (n >= 10_000_000) return String.format(Locale.ROOT, "%.0fM", n / 1e6);
    if (n >= 1_000_000) return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    if (n >= 10_000) return String.format(Locale.ROOT, "%.0fk", n / 1e3);
    if (n >= 1_000) return String.format(Locale.ROOT, "%.1fk", n / 1e3);
    return Long.toString(n);
  }

  static String clock(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) return "?";
    long s = Math.round(seconds);
    if (s >= 3600) return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  @Override
  public void close() {
    if (interactive && !lastLine.isEmpty()) out.println();
    out.flush();
  }
}
