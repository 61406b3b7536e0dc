package org.rewardlab.repro;

import java.util.HashSet;
import java.util.List;

/**
 * What every repro's config record has besides its own scale parameters: the seeds each arm runs on.
 * A paper's config is a record that implements this interface for itself, e.g.
 *
 * <pre>{@code
 * public record Config(int mdps, int pairs, List<Long> seeds) implements ReproConfig<Config> {
 *   public Config {
 *     seeds = ReproConfig.checkSeeds(seeds);
 *   }
 *
 *   public Config withSeeds(List<Long> seeds) {
 *     return new Config(mdps, pairs, seeds);
 *   }
 * }
 * }</pre>
 *
 * The record is the run's provenance: {@link ReproRunner} stores it as JSON in the result, so its
 * components must be plain data (numbers, strings, lists, nested records). Immutable.
 *
 * @param <C> the config record itself
 */
public interface ReproConfig<C extends ReproConfig<C>> {
  /** The seeds every arm runs on, in order; distinct, at least one. */
  List<Long> seeds();

  /** This config with other seeds (the user's {@code --seed}/{@code --seeds}); validates them. */
  C withSeeds(List<Long> seeds);

  /**
   * The seeds as an immutable list, for compact constructors.
   *
   * @throws IllegalArgumentException if they are missing, empty or repeat a seed
   */
  static List<Long> checkSeeds(List<Long> seeds) {
    if (seeds == null || seeds.isEmpty()) {
      throw new IllegalArgumentException("a repro config needs at least one seed, e.g. List.of(1L, 2L, 3L)");
    }
    List<Long> copy = List.copyOf(seeds);
    if (new HashSet<>(copy).size() != copy.size()) {
      throw new IllegalArgumentException("repro seeds must be distinct, got " + copy);
    }
    return copy;
  }

  /** {@code count} consecutive seeds starting at {@code first}: first, first + 1, ... */
  static List<Long> consecutiveSeeds(long first, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("seed count " + count + " must be 1 or more");
    }
    Long[] seeds = new Long[count];
    for (int i = 0; i < count; i++) {
      seeds[i] = first + i;
    }
    return List.of(seeds);
  }
}
