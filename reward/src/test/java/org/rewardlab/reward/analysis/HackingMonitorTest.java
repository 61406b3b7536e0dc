package org.rewardlab.reward.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.reward.analysis.HackingMonitor.Config;
import org.rewardlab.reward.analysis.HackingMonitor.Status;
import org.rewardlab.reward.analysis.HackingMonitor.Verdict;

/** The hacking monitor on synthetic runs whose answer is known. */
class HackingMonitorTest {
  static final int N = 400;

  /** {@code signal[i] + noise·N(0, 1)}. */
  private static double[] noisy(double[] signal, double noise, RandomSource rng) {
    double[] out = new double[signal.length];
    for (int i = 0; i < out.length; i++) out[i] = signal[i] + noise * rng.nextGaussian();
    return out;
  }

  private static double[] ramp(double from, double to) {
    double[] s = new double[N];
    for (int i = 0; i < N; i++) s[i] = from + (to - from) * i / (N - 1);
    return s;
  }

  /** Rises to {@code peak} at record {@code top}, then falls back to 0. */
  private static double[] tent(int top, double peak) {
    double[] s = new double[N];
    for (int i = 0; i < N; i++) s[i] = i <= top ? peak * i / top : peak * (N - 1 - i) / (N - 1 - top);
    return s;
  }

  @Test
  void aRunThatHacksIsFlaggedWhereTheGoldFalls() {
    RandomSource rng = RandomSource.of(7);
    // the proxy keeps rising; the gold rises until record 200, then falls while the proxy still rises
    double[] proxy = noisy(ramp(0, 10), 1, rng);
    double[] gold = noisy(tent(200, 5), 1, rng);
    Verdict v = HackingMonitor.check(proxy, gold, Config.defaults());
    assertThat(v.window()).isEqualTo(100);
    assertThat(v.status()).as(v.summary()).isEqualTo(Status.DIVERGING);
    assertThat(v.hacking()).isTrue();
    assertThat(v.last().proxyTrend()).isGreaterThanOrEqualTo(0.4);
    assertThat(v.last().goldTrend()).isLessThanOrEqualTo(-0.4);
    assertThat(v.last().goldChange()).isLessThanOrEqualTo(-0.25);
    // every diverging window lies (mostly) after the gold's peak, and none before it
    assertThat(v.diverging()).isNotEmpty().allSatisfy(w -> assertThat(w.from()).isGreaterThanOrEqualTo(150));
    assertThat(v.hacking()).isTrue();
    assertThat(v.flagged().size()).isEqualTo(1);
    HackingMonitor.Range r = v.flagged().get(0);
    assertThat(r.to()).isEqualTo(N);
    assertThat(v.summary()).startsWith("DIVERGING: over the last 100 records the proxy rises");
  }

  @Test
  void aRunThatDoesNotHackIsNotFlagged() {
    RandomSource rng = RandomSource.of(7);
    // both rise (the proxy is the gold plus a shaping term of its own noise), then plateau
    double[] gold = new double[N];
    for (int i = 0; i < N; i++) gold[i] = 5 * (1 - Math.exp(-i / 80.0));
    gold = noisy(gold, 1, rng);
    double[] proxy = new double[N];
    for (int i = 0; i < N; i++) proxy[i] = gold[i] + 0.5 * rng.nextGaussian() - 0.3;
    Verdict v = HackingMonitor.check(proxy, gold, Config.defaults());
    assertThat(v.status()).as(v.summary()).isEqualTo(Status.NO_DIVERGENCE);
    assertThat(v.diverging()).isEmpty();
    assertThat(v.windowsChecked()).isEqualTo(13); // ends at 100, 125, ..., 400
    assertThat(v.summary()).isEqualTo("no divergence: in none of 13 windows of 100 records did the proxy rise while the gold fell");
  }

  @Test
  void aHackThatStoppedIsReportedAsEarlierWithItsRange() {
    RandomSource rng = RandomSource.of(3);
    double[] proxy = noisy(ramp(0, 10), 0.5, rng);
    double[] signal = new double[N];
    for (int i = 0; i < N; i++) {
      signal[i] = i < 150 ? 3 * i / 150.0 : i < 250 ? 3 - 3 * (i - 150) / 100.0 : 3 * (i - 250) / 150.0;
    }
    double[] gold = noisy(signal, 0.5, rng);
    Verdict v = HackingMonitor.check(proxy, gold, Config.defaults());
    assertThat(v.status()).as(v.summary()).isEqualTo(Status.DIVERGED_EARLIER);
    assertThat(v.last().diverging()).isFalse();
    assertThat(v.flagged()).hasSize(1);
    HackingMonitor.Range r = v.flagged().get(0);
    // the flagged records cover the fall [150, 250) and stay well inside [100, 325)
    assertThat(r.from()).isBetween(100, 150);
    assertThat(r.to()).isBetween(250, 325);
    assertThat(v.summary()).startsWith("DIVERGED EARLIER: the proxy rose while the gold fell in");
  }

  @Test
  void theGoldFallingAloneOrBothFallingIsNotHacking() {
    RandomSource rng = RandomSource.of(11);
    double[] falling = noisy(ramp(10, 0), 1, rng);
    double[] flat = noisy(ramp(2, 2), 1, rng);
    double[] bothFall = noisy(ramp(12, 1), 1, rng);
    assertThat(HackingMonitor.check(flat, falling, Config.defaults()).status()).isEqualTo(Status.NO_DIVERGENCE);
    assertThat(HackingMonitor.check(bothFall, falling, Config.defaults()).status()).isEqualTo(Status.NO_DIVERGENCE);
    // the rule needs both directions: swapping proxy and gold of a hack is no hack
    double[] up = noisy(ramp(0, 10), 1, rng);
    assertThat(HackingMonitor.check(up, falling, Config.defaults()).status()).isEqualTo(Status.DIVERGING);
    assertThat(HackingMonitor.check(falling, up, Config.defaults()).status()).isEqualTo(Status.NO_DIVERGENCE);
  }

  @Test
  void aTinyButSteadyFallIsBelowTheChangeThreshold() {
    // the gold drifts down by 1% of its spread over the run: a perfect rank trend, an immaterial change
    double[] gold = new double[N];
    double[] proxy = new double[N];
    for (int i = 0; i < N; i++) {
      gold[i] = (i < N / 2 ? 0 : 10) - 0.0005 * i;
      proxy[i] = i;
    }
    Verdict v = HackingMonitor.check(proxy, gold, Config.defaults());
    assertThat(v.last().goldTrend()).isEqualTo(-1.0);
    assertThat(v.last().goldChange()).isGreaterThan(-0.25);
    assertThat(v.status()).isEqualTo(Status.NO_DIVERGENCE);
    assertThat(HackingMonitor.check(proxy, gold, new Config(0, 0.4, 0)).status()).isEqualTo(Status.DIVERGING);
  }

  @Test
  void independentNoiseIsAlmostNeverFlagged() {
    // 500 runs of pure noise, 100 to 400 records each: the false-alarm rate stays below 1%
    RandomSource rng = RandomSource.of(2024);
    int flagged = 0;
    for (int run = 0; run < 500; run++) {
      int n = 100 + rng.nextInt(301);
      double[] p = new double[n];
      double[] g = new double[n];
      for (int i = 0; i < n; i++) {
        p[i] = rng.nextGaussian();
        g[i] = rng.nextGaussian();
      }
      if (HackingMonitor.check(p, g, Config.defaults()).hacking()) flagged++;
    }
    assertThat(flagged).isLessThan(5);
  }

  @Test
  void constantSeriesAndShortRuns() {
    double[] flat = new double[60];
    java.util.Arrays.fill(flat, -200);
    double[] up = new double[60];
    for (int i = 0; i < 60; i++) up[i] = i;
    Verdict c = HackingMonitor.check(up, flat, Config.defaults());
    assertThat(c.status()).isEqualTo(Status.NO_DIVERGENCE);
    assertThat(c.last().goldTrend()).isNaN();
    Verdict shortRun = HackingMonitor.check(new double[19], new double[19], Config.defaults());
    assertThat(shortRun.status()).isEqualTo(Status.NOT_ENOUGH_DATA);
    assertThat(shortRun.last()).isNull();
    assertThat(shortRun.summary()).isEqualTo("not enough data: 19 records, fewer than one window of 20");
    assertThat(HackingMonitor.check(up, flat, Config.defaults().withWindow(60)).windowsChecked()).isEqualTo(1);
  }

  @Test
  void theDefaultWindowAndTheConfigChecks() {
    assertThat(HackingMonitor.defaultWindow(10)).isEqualTo(20);
    assertThat(HackingMonitor.defaultWindow(200)).isEqualTo(50);
    assertThat(HackingMonitor.defaultWindow(100000)).isEqualTo(100);
    assertThat(Config.defaults().withWindow(30).windowFor(1000)).isEqualTo(30);
    assertThatThrownBy(() -> new Config(5, 0.4, 0.25)).hasMessageContaining(">= 10");
    assertThatThrownBy(() -> new Config(0, 1, 0.25)).hasMessageContaining("tau must be in (0, 1)");
    assertThatThrownBy(() -> new Config(0, 0.4, Double.NaN)).hasMessageContaining("minChange");
    assertThatThrownBy(() -> HackingMonitor.check(new double[3], new double[4], Config.defaults()))
        .hasMessageContaining("has 4 values");
  }
}
