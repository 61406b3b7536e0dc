package org.rewardlab.repro;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.core.random.RandomSource;

/**
 * A stand-in for a paper's repro, on the template: the method's per-seed score is 10 + noise, the
 * baseline's 2 + noise; each arm's work is timed; {@code PAPER} scale is refused.
 */
class FakeCarl implements Repro<FakeCarl.Config> {
  /**
   * @param episodes a scale parameter (unused by the arithmetic, stored as provenance)
   * @param seeds run seeds
   */
  record Config(int episodes, List<Long> seeds) implements ReproConfig<Config> {
    Config {
      if (episodes < 1) {
        throw new IllegalArgumentException("episodes must be 1 or more");
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    static Config defaults() {
      return new Config(100, List.of(1L, 2L, 3L));
    }

    @Override
    public Config withSeeds(List<Long> seeds) {
      return new Config(episodes, seeds);
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("carl").orElseThrow();
  }

  @Override
  public PaperStatus status() {
    return PaperStatus.WORKING;
  }

  @Override
  public Config config(Scale scale) {
    return switch (scale) {
      case SMOKE -> new Config(2, List.of(1L, 2L));
      case DEFAULT -> Config.defaults();
      case PAPER -> throw Scale.PAPER.refused("carl", "needs 8 GPUs for a week");
    };
  }

  @Override
  public String paperScale() {
    return "1e8 env steps, 3 seeds";
  }

  @Override
  public SeedResult measure(Config config, long seed, ReproContext ctx) {
    RandomSource rng = RandomSource.of(seed);
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("carl", ctx.timeArm("carl", () -> 10 + rng.nextDouble()));
    values.put("summed", ctx.timeArm("summed", () -> 2 + rng.nextDouble()));
    ctx.log("seed " + seed + " measured");
    return new SeedResult(seed, values);
  }

  @Override
  public List<Claim> claims(Config config, List<SeedResult> perSeed) {
    return List.of(Claim.of("route completion", "%", new Comparison.Greater("carl", "summed", 1.0),
        SeedResult.arm("carl", perSeed, "carl"), SeedResult.arm("summed", perSeed, "summed")));
  }

  @Override
  public List<String> notes(Config config, List<SeedResult> perSeed) {
    return List.of("fake repro for tests");
  }
}
