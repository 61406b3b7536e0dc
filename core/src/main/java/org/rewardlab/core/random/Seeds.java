package org.rewardlab.core.random;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run seed and the named streams split from it. {@code seeds.stream("policy.init")} always gives
 * the same numbers for the same run seed, whatever other streams exist. The names handed out are
 * remembered so the manifest can list them.
 *
 * <p>Not thread-safe.
 */
public final class Seeds {
  private final long runSeed;
  private final Map<String, Long> issued = new LinkedHashMap<>();

  public Seeds(long runSeed) {
    this.runSeed = runSeed;
  }

  /** The seed of the whole run. */
  public long runSeed() {
    return runSeed;
  }

  /** A fresh stream for the component called {@code name}. */
  public RandomSource stream(String name) {
    return RandomSource.of(seed(name));
  }

  /** The derived 64-bit seed of {@code name} (for envs that take a seed in {@code reset}). */
  public long seed(String name) {
    long s = RandomSource.deriveSeed(runSeed, name);
    issued.put(name, s);
    return s;
  }

  /** The derived seeds handed out so far, by name, in order of first use. */
  public Map<String, Long> issued() {
    return Collections.unmodifiableMap(issued);
  }
}
