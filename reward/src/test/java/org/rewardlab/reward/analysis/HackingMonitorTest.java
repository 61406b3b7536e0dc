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
    // independent noise around the trend: the thresholds are about z / sqrt(W - 1) = 0.30
    assertThat(v.last().proxyTau()).isBetween(0.29, 0.36);
    assertThat(v.last().goldTau()).isBetween(0.29, 0.36);
    assertThat(v.last().proxyTrend()).isGreaterThanOrEqualTo(v.last().proxyTau());
    assertThat(v.last().goldTrend()).isLessThanOrEqualTo(-v.last().goldTau());
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
  void aProxyThatRoseFastEarlierOnlyHasToKeepRising() {
    RandomSource rng = RandomSource.of(5);
    // the proxy gains 100 in the first half and 10 in the second; the gold falls by 15 in the second half
    double[] p = new double[N];
    double[] g = new double[N];
    for (int i = 0; i < N; i++) {
      p[i] = (i < 200 ? 0.5 * i : 100 + 0.05 * (i - 200)) + rng.nextGaussian();
      g[i] = (i < 200 ? 0.1 * i : 20 - 0.075 * (i - 200)) + rng.nextGaussian();
    }
    Verdict v = HackingMonitor.check(p, g, Config.defaults());
    assertThat(v.last().proxyChange()).as("small against the proxy's run-long spread").isLessThan(0.25);
    assertThat(v.status()).as(v.summary()).isEqualTo(Status.DIVERGING);
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
    assertThat(HackingMonitor.check(proxy, gold, new Config(0, 3, 0)).status()).isEqualTo(Status.DIVERGING);
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
  void autocorrelatedNoiseIsNotMistakenForATrend() {
    // AR(1) noise with phi = 0.9 wanders for tens of records; without the effective-size correction
    // about half of such pairs were flagged
    RandomSource rng = RandomSource.of(99);
    int flagged = 0;
    for (int run = 0; run < 200; run++) {
      int n = 200 + rng.nextInt(1801);
      double[] p = new double[n];
      double[] g = new double[n];
      double a = 0;
      double b = 0;
      for (int i = 0; i < n; i++) {
        a = 0.9 * a + rng.nextGaussian();
        b = 0.9 * b + rng.nextGaussian();
        p[i] = a;
        g[i] = b;
      }
      if (HackingMonitor.check(p, g, Config.defaults()).hacking()) flagged++;
    }
    assertThat(flagged).isLessThanOrEqualTo(2);
    // the correction itself: n_eff is about n (1 - phi) / (1 + phi) = 263 for phi = 0.9, n = 5000
    double[] ar = new double[5000];
    double a = 0;
    for (int i = 0; i < ar.length; i++) ar[i] = a = 0.9 * a + rng.nextGaussian();
    assertThat(HackingMonitor.effectiveSize(ar, 0, ar.length)).isBetween(200.0, 340.0);
    double[] iid = new double[5000];
    for (int i = 0; i < iid.length; i++) iid[i] = rng.nextGaussian() + 0.01 * i;
    assertThat(HackingMonitor.effectiveSize(iid, 0, iid.length)).isGreaterThan(4500.0);
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
    assertThat(HackingMonitor.defaultWindow(100000)).isEqualTo(25000);
    assertThat(Config.defaults().tau(101)).isEqualTo(0.3);
    assertThat(Config.defaults().tau(1)).as("at least 2 points").isEqualTo(3);
    assertThat(Config.defaults().withWindow(30).windowFor(1000)).isEqualTo(30);
    assertThatThrownBy(() -> new Config(5, 3, 0.25)).hasMessageContaining(">= 10");
    assertThatThrownBy(() -> new Config(0, 0, 0.25)).hasMessageContaining("z must be a finite number > 0");
    assertThatThrownBy(() -> new Config(0, 3, Double.NaN)).hasMessageContaining("minChange");
    assertThatThrownBy(() -> HackingMonitor.check(new double[3], new double[4], Config.defaults()))
        .hasMessageContaining("has 4 values");
  }
}
