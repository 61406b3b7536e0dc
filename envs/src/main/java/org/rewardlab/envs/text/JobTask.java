package org.rewardlab.envs.text;

import org.rewardlab.core.random.RandomSource;

/**
 * The job-application evaluation task ({@code job}; PO Appendix A's toy); see {@link JobConfig} and
 * {@link JobProblem}. A draw takes the required skill uniformly, minSkills..maxSkills distinct skills
 * uniformly (written sorted), years uniformly from 0..9 and the degree level uniformly.
 *
 * <p>Immutable and thread-safe.
 */
public final class JobTask implements TextTask<JobProblem> {
  /** The registry name. */
  public static final String NAME = "job";

  private final JobConfig config;

  public JobTask(JobConfig config) {
    if (config == null) throw new IllegalArgumentException("JobTask needs a config; use JobConfig.defaults()");
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JobConfig config() {
    return config;
  }

  /** The skills, the digits, then {@code |>YNAR}. */
  @Override
  public String alphabet() {
    return config.skills() + "0123456789|>YNAR";
  }

  @Override
  public JobProblem sample(RandomSource rng) {
    String pool = config.skills();
    char required = pool.charAt(rng.nextInt(pool.length()));
    int n = config.minSkills() + rng.nextInt(config.maxSkills() - config.minSkills() + 1);
    boolean[] has = new boolean[pool.length()];
    for (int k = 0; k < n; k++) {
      int i;
      do {
        i = rng.nextInt(pool.length());
      } while (has[i]);
      has[i] = true;
    }
    StringBuilder skills = new StringBuilder();
    char[] sorted = pool.toCharArray();
    java.util.Arrays.sort(sorted);
    for (char c : sorted) if (has[pool.indexOf(c)]) skills.append(c);
    return new JobProblem(required, skills.toString(), rng.nextInt(10), rng.nextInt(config.degrees()), config.minYears());
  }

  /** |skills| · Σ_n C(|skills|, n) · 10 · degrees. */
  @Override
  public long problemCount() {
    int s = config.skills().length();
    long sets = 0;
    for (int n = config.minSkills(); n <= config.maxSkills(); n++) sets += binomial(s, n);
    return s * sets * 10 * config.degrees();
  }

  private static long binomial(int n, int k) {
    long r = 1;
    for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
    return r;
  }

  @Override
  public int maxPromptLength() {
    return 1 + 1 + config.maxSkills() + 1 + 2 + 1;
  }

  @Override
  public int maxAnswerLength() {
    return 4;
  }

  @Override
  public String toString() {
    return "JobTask(" + config + ")";
  }
}
