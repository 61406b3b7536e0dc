package org.rewardlab.envs.text;

import org.rewardlab.core.random.RandomSource;

/**
 * The simulated page-ranking task ({@code rank}; PageLLM's toy, PO §23(e)); see {@link RankConfig}
 * and {@link RankProblem}. A draw takes each item's grade uniformly from 0..grades−1.
 *
 * <p>Immutable and thread-safe.
 */
public final class RankTask implements TextTask<RankProblem> {
  /** The registry name. */
  public static final String NAME = "rank";

  private final RankConfig config;

  public RankTask(RankConfig config) {
    if (config == null) throw new IllegalArgumentException("RankTask needs a config; use RankConfig.defaults()");
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RankConfig config() {
    return config;
  }

  /** The item ids, the grade digits, then {@code >}. */
  @Override
  public String alphabet() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < config.items(); i++) sb.append(RankProblem.id(i));
    for (int g = 0; g < config.grades(); g++) sb.append((char) ('0' + g));
    return sb.append('>').toString();
  }

  @Override
  public RankProblem sample(RandomSource rng) {
    char[] g = new char[config.items()];
    for (int i = 0; i < g.length; i++) g[i] = (char) ('0' + rng.nextInt(config.grades()));
    return new RankProblem(new String(g), config.pageSize());
  }

  /** grades^items (saturating). */
  @Override
  public long problemCount() {
    long c = 1;
    for (int i = 0; i < config.items(); i++) {
      c = Math.multiplyHigh(c, config.grades()) != 0 || c * config.grades() < 0 ? Long.MAX_VALUE : c * config.grades();
    }
    return c;
  }

  @Override
  public int maxPromptLength() {
    return 2 * config.items() + 1;
  }

  @Override
  public int maxAnswerLength() {
    return config.pageSize();
  }

  @Override
  public String toString() {
    return "RankTask(" + config + ")";
  }
}
