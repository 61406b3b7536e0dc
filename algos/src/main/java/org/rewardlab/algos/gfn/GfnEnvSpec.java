package org.rewardlab.algos.gfn;

import org.rewardlab.core.UserInputException;
import org.rewardlab.envs.gfn.BitSequence;
import org.rewardlab.envs.gfn.GfnEnv;
import org.rewardlab.envs.gfn.HyperGrid;
import org.rewardlab.envs.gfn.RewardExponent;
import org.rewardlab.envs.gfn.SetGeneration;

/**
 * The {@code algo.env} section of a GFlowNet experiment: which {@link GfnEnv} to build.
 *
 * <pre>{@code
 * env: {type: hypergrid, dim: 2, height: 8, r0: 0.1, r1: 0.5, r2: 2.0}
 * env: {type: bitseq, length: 16, wordSize: 4, numModes: 8, temperature: 1.0, seed: 1}
 * env: {type: set, universe: 10, setSize: 4, seed: 1}
 * }</pre>
 *
 * @param type {@code hypergrid}, {@code bitseq} or {@code set}
 * @param dim hypergrid dimension D
 * @param height hypergrid side H
 * @param r0 hypergrid R0
 * @param r1 hypergrid R1
 * @param r2 hypergrid R2
 * @param length bit-sequence length n
 * @param wordSize bit-sequence word size k
 * @param numModes bit-sequence mode-set size |M|
 * @param temperature bit-sequence reward temperature T
 * @param universe set-generation universe size |U|
 * @param setSize set-generation set size
 * @param seed seeds the env's own random parts (bit-sequence modes, set energies); not the run seed
 * @param rewardExponent beta in {@code R^beta} (1 = the reward itself)
 */
public record GfnEnvSpec(String type, int dim, int height, double r0, double r1, double r2, int length, int wordSize,
    int numModes, double temperature, int universe, int setSize, long seed, double rewardExponent) {

  public GfnEnvSpec {
    if (type == null || !(type.equals("hypergrid") || type.equals("bitseq") || type.equals("set"))) {
      throw new UserInputException("type", "unknown GFlowNet env " + UserInputException.quote(type),
          "use hypergrid, bitseq or set");
    }
    if (!(rewardExponent > 0) || Double.isInfinite(rewardExponent)) {
      throw new UserInputException("rewardExponent", "must be a positive number, got " + rewardExponent, "e.g. 1");
    }
    try {
      build(type, dim, height, r0, r1, r2, length, wordSize, numModes, temperature, universe, setSize, seed);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(type.equals("hypergrid") ? "dim" : type.equals("bitseq") ? "length" : "universe",
          e.getMessage(), "fix the env settings");
    }
  }

  /** torchgfn's 2-D hypergrid of height 8 with R0 = 0.1, R1 = 0.5, R2 = 2. */
  public static GfnEnvSpec defaults() {
    return hypergrid(2, 8, 0.1);
  }

  public static GfnEnvSpec hypergrid(int dim, int height, double r0) {
    return new GfnEnvSpec("hypergrid", dim, height, r0, 0.5, 2.0, 16, 4, 8, 1.0, 10, 4, 1, 1.0);
  }

  public static GfnEnvSpec set(int universe, int setSize, long seed) {
    return new GfnEnvSpec("set", 2, 8, 0.1, 0.5, 2.0, 16, 4, 8, 1.0, universe, setSize, seed, 1.0);
  }

  public static GfnEnvSpec bitseq(int length, int wordSize, int numModes, long seed) {
    return new GfnEnvSpec("bitseq", 2, 8, 0.1, 0.5, 2.0, length, wordSize, numModes, 1.0, 10, 4, seed, 1.0);
  }

  /** A copy with another reward exponent. */
  public GfnEnvSpec withRewardExponent(double beta) {
    return new GfnEnvSpec(type, dim, height, r0, r1, r2, length, wordSize, numModes, temperature, universe, setSize, seed, beta);
  }

  /** The env. */
  public GfnEnv build() {
    return RewardExponent.of(
        build(type, dim, height, r0, r1, r2, length, wordSize, numModes, temperature, universe, setSize, seed), rewardExponent);
  }

  private static GfnEnv build(String type, int dim, int height, double r0, double r1, double r2, int length, int wordSize,
      int numModes, double temperature, int universe, int setSize, long seed) {
    return switch (type) {
      case "hypergrid" -> new HyperGrid(dim, height, r0, r1, r2);
      case "bitseq" -> new BitSequence(length, wordSize, numModes, temperature, seed);
      default -> new SetGeneration(universe, setSize, seed);
    };
  }
}
