package org.rewardlab.envs.text;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.random.RandomSource;

/**
 * T-PREF (PO §0): token strings with a hidden gold utility (see {@link PrefConfig}), a
 * Bradley–Terry labeller of response pairs, and an exploitable proxy. The reward-model and
 * reward-hacking experiments fit a proxy reward model on {@link #labeledPairs} and watch gold
 * utility while a policy optimises the proxy.
 *
 * <p>The maximal and minimal utilities are exact: a dynamic program over (length, last symbol,
 * target count) finds the fewest and the most adjacent repeats for each target count (checked
 * against brute force in the tests).
 *
 * <p>Immutable and thread-safe.
 */
public final class PrefTask implements TextTask<PrefProblem> {
  /** The registry name. */
  public static final String NAME = "pref";

  private final PrefConfig config;
  private final String[] best;
  private final double[] maxUtility;
  private final double minUtility;
  private final BradleyTerryOracle oracle;

  public PrefTask(PrefConfig config) {
    if (config == null) throw new IllegalArgumentException("PrefTask needs a config; use PrefConfig.defaults()");
    this.config = config;
    int m = config.symbols().length();
    this.best = new String[m];
    this.maxUtility = new double[m];
    double min = Double.POSITIVE_INFINITY;
    for (int t = 0; t < m; t++) {
      Extremes e = extremes(t);
      best[t] = e.best;
      maxUtility[t] = e.max;
      min = Math.min(min, e.min);
    }
    this.minUtility = min;
    this.oracle = new BradleyTerryOracle(config.oracleScale());
  }

  private record Extremes(String best, double max, double min) {}

  /** g(n) = targetWeight · min(n, cap) − excessPenalty · max(0, n − cap). */
  private double countUtility(int n) {
    return config.targetWeight() * Math.min(n, config.cap()) - config.excessPenalty() * Math.max(0, n - config.cap());
  }

  private Extremes extremes(int target) {
    int m = config.symbols().length();
    int lmax = config.maxLength();
    final int none = Integer.MAX_VALUE / 4;
    // fewest[i][s][n] / most[i][s][n]: fewest / most adjacent repeats of a length-i string ending in
    // symbol s with n targets (none / -none when impossible)
    int[][][] fewest = new int[lmax + 1][m][lmax + 1];
    int[][][] most = new int[lmax + 1][m][lmax + 1];
    for (int i = 1; i <= lmax; i++) {
      for (int s = 0; s < m; s++) {
        for (int n = 0; n <= lmax; n++) {
          int lo = none;
          int hi = -none;
          int prevN = n - (s == target ? 1 : 0);
          if (i == 1) {
            if (prevN == 0) {
              lo = 0;
              hi = 0;
            }
          } else if (prevN >= 0) {
            for (int p = 0; p < m; p++) {
              int rep = p == s ? 1 : 0;
              if (fewest[i - 1][p][prevN] < none) lo = Math.min(lo, fewest[i - 1][p][prevN] + rep);
              if (most[i - 1][p][prevN] > -none) hi = Math.max(hi, most[i - 1][p][prevN] + rep);
            }
          }
          fewest[i][s][n] = lo;
          most[i][s][n] = hi;
        }
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    int bl = -1;
    int bs = -1;
    int bn = -1;
    for (int l = config.minLength(); l <= lmax; l++) {
      for (int n = 0; n <= l; n++) {
        for (int s = 0; s < m; s++) {
          if (fewest[l][s][n] >= none) continue;
          double hiU = countUtility(n) - config.repeatPenalty() * fewest[l][s][n];
          double loU = countUtility(n) - config.repeatPenalty() * most[l][s][n];
          if (hiU > max) {
            max = hiU;
            bl = l;
            bs = s;
            bn = n;
          }
          min = Math.min(min, loU);
        }
      }
    }
    // walk the fewest-repeats table back from the best end state
    char[] y = new char[bl];
    int s = bs;
    int n = bn;
    for (int i = bl; i >= 1; i--) {
      y[i - 1] = config.symbols().charAt(s);
      if (i == 1) break;
      int prevN = n - (s == target ? 1 : 0);
      int p = 0;
      while (fewest[i - 1][p][prevN] + (p == s ? 1 : 0) != fewest[i][s][n]) p++;
      s = p;
      n = prevN;
    }
    return new Extremes(new String(y), max, min);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PrefConfig config() {
    return config;
  }

  /** The symbols, then {@code ':'}. */
  @Override
  public String alphabet() {
    return config.symbols() + ":";
  }

  /** A prompt with a uniformly drawn target symbol. */
  @Override
  public PrefProblem sample(RandomSource rng) {
    return problem(config.symbols().charAt(rng.nextInt(config.symbols().length())));
  }

  /** The problem whose target is {@code target}. */
  public PrefProblem problem(char target) {
    targetIndex(target);
    return new PrefProblem(target, this);
  }

  /** One problem per symbol. */
  @Override
  public long problemCount() {
    return config.symbols().length();
  }

  @Override
  public int maxPromptLength() {
    return 2;
  }

  @Override
  public int maxAnswerLength() {
    return config.maxLength();
  }

  /** Whether {@code y} is a response: length minLength..maxLength, only the symbols. */
  public boolean isValidResponse(String y) {
    if (y == null || y.length() < config.minLength() || y.length() > config.maxLength()) return false;
    for (int i = 0; i < y.length(); i++) if (config.symbols().indexOf(y.charAt(i)) < 0) return false;
    return true;
  }

  /** The gold utility u(y) for target {@code target} (defined for any string; see {@link PrefConfig}). */
  public double utility(char target, String y) {
    int n = 0;
    int reps = 0;
    for (int i = 0; i < y.length(); i++) {
      if (y.charAt(i) == target) n++;
      if (i > 0 && y.charAt(i) == y.charAt(i - 1)) reps++;
    }
    return countUtility(n) - config.repeatPenalty() * reps;
  }

  /**
   * The exploitable proxy targetWeight · n_t(y): equal to the gold utility's target term up to the
   * cap, blind to the excess penalty and to repeats.
   */
  public double proxyUtility(char target, String y) {
    int n = 0;
    for (int i = 0; i < y.length(); i++) if (y.charAt(i) == target) n++;
    return config.targetWeight() * n;
  }

  /** max_y u(y) over valid responses for {@code target}. */
  public double maxUtility(char target) {
    return maxUtility[targetIndex(target)];
  }

  /** A valid response of maximal utility for {@code target} (the shortest, then lowest symbols first found). */
  public String bestResponse(char target) {
    return best[targetIndex(target)];
  }

  /** min_y u(y) over valid responses (the same for every target); the score of malformed completions. */
  public double minUtility() {
    return minUtility;
  }

  /** A response with length uniform in minLength..maxLength and symbols uniform. */
  public String randomResponse(RandomSource rng) {
    int l = config.minLength() + rng.nextInt(config.maxLength() - config.minLength() + 1);
    char[] y = new char[l];
    for (int i = 0; i < l; i++) y[i] = config.symbols().charAt(rng.nextInt(config.symbols().length()));
    return new String(y);
  }

  /** The Bradley–Terry labeller with {@link PrefConfig#oracleScale()}. */
  public BradleyTerryOracle oracle() {
    return oracle;
  }

  /**
   * {@code count} labelled pairs: for each, a problem, two {@link #randomResponse}s and the
   * oracle's label, all drawn from {@code rng}.
   */
  public List<LabeledPair> labeledPairs(int count, RandomSource rng) {
    List<LabeledPair> pairs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      PrefProblem p = sample(rng);
      String a = randomResponse(rng);
      String b = randomResponse(rng);
      pairs.add(oracle.label(p, a, b, rng));
    }
    return pairs;
  }

  private int targetIndex(char target) {
    int t = config.symbols().indexOf(target);
    if (t < 0) throw new IllegalArgumentException("'" + target + "' is not a symbol of " + config.symbols());
    return t;
  }

  @Override
  public String toString() {
    return "PrefTask(" + config + ")";
  }
}
