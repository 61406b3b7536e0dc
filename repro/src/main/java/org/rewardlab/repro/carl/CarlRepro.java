package org.rewardlab.repro.carl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.envs.route.Route2D;
import org.rewardlab.repro.Arm;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.Comparison;
import org.rewardlab.repro.EnvRuns;
import org.rewardlab.repro.Paper;
import org.rewardlab.repro.PaperStatus;
import org.rewardlab.repro.Papers;
import org.rewardlab.repro.Repro;
import org.rewardlab.repro.ReproConfig;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;

/**
 * Paper #8, CaRL — a simple route-completion reward with multiplicative penalties that lets PPO scale to
 * large minibatches (arXiv 2504.17838; methods GEN §12), as the 2-D route-following experiment of §12(e)
 * on {@code Route2D-v0} with PPO ({@code algo: {type: ppo}}) through the runner.
 *
 * <p>Two rewards, each trained at every minibatch size of {@link Config#minibatches} with the same batch
 * (numEnvs x numSteps), epochs and env steps — a larger minibatch means fewer, larger gradient steps, as in
 * the paper (batch 16384, minibatch 512 vs 8192):
 *
 * <ul>
 *   <li>{@code carl}: the {@code product} term — route-completion progress ΔRC (x{@link Config#progressWeight})
 *       scaled by (1 − speeding fraction)(1 − lane-centring fraction), a terminal hint −1 on a collision
 *       ({@code terminateOn}); running the red light and leaving the route end the episode in the env itself
 *       (CaRL {@code simple_reward.py}, {@code use_single_reward});
 *   <li>{@code roach}: the Roach-style {@code weighted} sum r_speed + (−0.5)·lateral offset (m) + (−1)·|heading
 *       error| (rad) + (−1)·[infraction] (Zhang et al. 2021 from memory, methods GEN §12(b); no action-change
 *       term with discrete actions).
 * </ul>
 *
 * Signal: the driving score (the env's own return: RC·0.5^[collision]·0.7^[red light]) over the last fifth of
 * training, and of the final deterministic policy. Immutable.
 */
public final class CarlRepro implements Repro<CarlRepro.Config> {
  static final String CARL = "carl";
  static final String ROACH = "roach";
  static final List<String> REWARDS = List.of(CARL, ROACH);

  /**
   * The experiment's sizes.
   *
   * @param steps PPO env steps per arm and seed (the same at every minibatch size)
   * @param numEnvs parallel envs
   * @param numSteps steps per env per rollout (batch = numEnvs x numSteps)
   * @param minibatches the minibatch sizes swept, ascending; each divides the batch
   * @param epochs PPO epochs per update
   * @param learningRate Adam step size (annealed linearly)
   * @param progressWeight CaRL's progress scale: the return of a whole route without penalties
   * @param evalEpisodes deterministic evaluation episodes of the final policy
   * @param seeds run seeds
   */
  public record Config(int steps, int numEnvs, int numSteps, List<Integer> minibatches, int epochs, double learningRate,
      double progressWeight, int evalEpisodes, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (numEnvs < 1 || numSteps < 2 || epochs < 1 || steps < numEnvs * numSteps || evalEpisodes < 1) {
        throw new IllegalArgumentException("carl config: need numEnvs >= 1, numSteps >= 2, epochs >= 1, evalEpisodes >= 1 "
            + "and steps >= one rollout, got " + List.of(steps, numEnvs, numSteps, epochs, evalEpisodes));
      }
      minibatches = List.copyOf(minibatches);
      int batch = numEnvs * numSteps;
      if (minibatches.size() < 2) throw new IllegalArgumentException("carl config: sweep at least two minibatch sizes");
      for (int i = 0; i < minibatches.size(); i++) {
        int m = minibatches.get(i);
        if (m < 2 || m > batch || batch % m != 0 || (i > 0 && m <= minibatches.get(i - 1))) {
          throw new IllegalArgumentException("carl config: minibatch sizes must ascend and divide the batch " + batch
              + ", got " + minibatches);
        }
      }
      if (!(learningRate > 0) || !(progressWeight > 0)) {
        throw new IllegalArgumentException("carl config: need learningRate > 0 and progressWeight > 0");
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /**
     * smoke: 2 x 100 steps (2 episodes per env), minibatches 50 and 200, 2 seeds; default: 300k steps per arm,
     * batch 16 envs x 128 steps = 2048, minibatches 64, 256 and 1024 (32, 8 and 2 per epoch: the paper's 512
     * and 8192 of 16384), 3 epochs, lr 2.5e-4, progress x10, 20 evaluation episodes, seeds 1-3; paper: refused.
     */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(400, 2, 100, List.of(50, 200), 1, 2.5e-4, 10, 2, List.of(1L, 2L));
        case DEFAULT -> new Config(300_000, 16, 128, List.of(64, 256, 1024), 3, 2.5e-4, 10, 20, List.of(1L, 2L, 3L));
        case PAPER -> throw Scale.PAPER.refused("carl", "the paper trains on CARLA (and nuPlan) with 300M env steps on 8 "
            + "GPUs from 256x256 bird's-eye-view images; there is no driving simulator here, only the 2-D route analogue");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(steps, numEnvs, numSteps, minibatches, epochs, learningRate, progressWeight, evalEpisodes, s);
    }

    int smallest() {
      return minibatches.get(0);
    }

    int largest() {
      return minibatches.get(minibatches.size() - 1);
    }

    /** The reward of {@code carl} or {@code roach}, as YAML. */
    String reward(String reward) {
      if (reward.equals(CARL)) {
        return "{type: product, name: collision_hint, reward: {type: feature, feature: route.completion, of: delta, weight: "
            + progressWeight + ", name: progress}, penalties: [{type: feature, feature: speed.excess, name: speeding}, "
            + "{type: feature, feature: route.lateral, name: centring}], terminateOn: [{type: feature, feature: collision, "
            + "name: collision}], terminalPenalty: 1.0}";
      }
      return "{type: weighted, terms: [{reward: {type: feature, feature: speed.match, name: speed}}, "
          + "{weight: -0.5, reward: {type: feature, feature: route.lateral_m, name: position}}, "
          + "{weight: -1.0, reward: {type: feature, feature: route.heading_error, name: rotation}}, "
          + "{weight: -1.0, reward: {type: feature, feature: infraction, name: terminal}}]}";
    }

    String experiment(String reward, int minibatch, long seed) {
      return String.format(Locale.ROOT, """
          name: carl-%s-mb%d
          seed: %d
          env: {id: %s}
          algo: {type: ppo, numEnvs: %d, numSteps: %d, totalTimesteps: %d, learningRate: %s, numMinibatches: %d,
                 updateEpochs: %d, clipCoef: 0.1, entCoef: 0.01, vfCoef: 0.5, maxGradNorm: 0.5, gamma: 0.99,
                 gaeLambda: 0.95, hiddenSizes: [64, 64]}
          reward: %s
          run: {checkpointEvery: 1000000, evalEpisodes: 0}
          """, reward, minibatch, seed, Route2D.SPEC.id(), numEnvs, numSteps, steps, Double.toString(learningRate),
          numEnvs * numSteps / minibatch, epochs, reward(reward));
    }
  }

  static String arm(String reward, int minibatch) {
    return reward + "@mb" + minibatch;
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
    return Config.forScale(scale);
  }

  @Override
  public String paperScale() {
    return "CARLA longest6 / nuPlan with PPO (batch 16384, minibatch 512 vs 8192, 3 epochs), 300M env steps on 8 GPUs "
        + "from a 256x256 bird's-eye view; the §12(e) analogue is 2-D route following at batch 16384 for 2M steps";
  }

  @Override
  public SeedResult measure(Config config, long seed, ReproContext ctx) {
    return measureByArms(config, seed, ctx);
  }

  /** One arm per reward and minibatch size ({@code carl@mb64}, ...): each a PPO training of its own. */
  @Override
  public List<String> arms(Config config) {
    List<String> arms = new ArrayList<>();
    for (String reward : REWARDS) {
      for (int mb : config.minibatches()) arms.add(arm(reward, mb));
    }
    return List.copyOf(arms);
  }

  @Override
  public SeedResult measureArm(Config config, long seed, String arm, ReproContext ctx) {
    int at = arm.indexOf("@mb");
    String reward = arm.substring(0, Math.max(0, at));
    if (at < 0 || !REWARDS.contains(reward) || !arms(config).contains(arm)) {
      throw new IllegalArgumentException("carl has no arm '" + arm + "'; its arms are " + arms(config));
    }
    int mb = Integer.parseInt(arm.substring(at + 3));
    Map<String, Double> values = new LinkedHashMap<>();
    EnvRuns.Run run = ctx.timeArm(arm, () -> EnvRuns.train(config.experiment(reward, mb, seed), "carl " + arm,
        ctx.outputDir().resolve("seed-" + seed), config.evalEpisodes(), seed));
    values.put("score/" + arm, run.mean("charts/episodic_return", 0.8));
    values.put("greedy/" + arm, run.evalMeanReturn());
    values.put("length/" + arm, run.mean("charts/episodic_length", 0.8));
    ctx.log(String.format(Locale.ROOT, "seed %d %-14s driving score: last fifth %.3f, greedy %.3f, episode length %.1f",
        seed, arm, values.get("score/" + arm), values.get("greedy/" + arm), values.get("length/" + arm)));
    return new SeedResult(seed, values);
  }

  /** The arms' values, each reward's followed by its change from the smallest to the largest minibatch. */
  @Override
  public SeedResult mergeArms(Config config, long seed, List<SeedResult> perArm) {
    Map<String, Double> all = new LinkedHashMap<>(Repro.super.mergeArms(config, seed, perArm).values());
    Map<String, Double> values = new LinkedHashMap<>();
    for (String reward : REWARDS) {
      for (int mb : config.minibatches()) {
        String arm = arm(reward, mb);
        for (String metric : List.of("score/", "greedy/", "length/")) values.put(metric + arm, all.get(metric + arm));
      }
      values.put("change/" + reward, values.get("score/" + arm(reward, config.largest()))
          - values.get("score/" + arm(reward, config.smallest())));
    }
    return new SeedResult(seed, values);
  }

  private static Arm arm(List<SeedResult> perSeed, String metric, String arm) {
    return SeedResult.arm(arm, perSeed, metric + "/" + arm);
  }

  @Override
  public List<Claim> claims(Config config, List<SeedResult> perSeed) {
    String cs = arm(CARL, config.smallest());
    String cl = arm(CARL, config.largest());
    String rs = arm(ROACH, config.smallest());
    String rl = arm(ROACH, config.largest());
    String score = "driving score, last fifth of training";
    return List.of(
        // CaRL is stable or better at the largest minibatch (a drop of at most 0.05 counts as stable)
        Claim.of(score + ": carl, largest minus smallest minibatch", "score",
            new Comparison.AtLeast("carl change", -0.05), SeedResult.arm("carl change", perSeed, "change/" + CARL)),
        // the summed shaped reward degrades
        Claim.of(score + ": roach, largest vs smallest minibatch", "score",
            new Comparison.Less(rl, rs, 0), arm(perSeed, "score", rl), arm(perSeed, "score", rs)),
        Claim.of(score + " at the largest minibatch", "score",
            new Comparison.Greater(cl, rl, 0), arm(perSeed, "score", cl), arm(perSeed, "score", rl)),
        Claim.of("driving score of the final deterministic policy at the largest minibatch", "score",
            new Comparison.Greater(cl, rl, 0), arm(perSeed, "greedy", cl), arm(perSeed, "greedy", rl)),
        Claim.of("driving score, last fifth of training: carl at the largest vs the smallest minibatch", "score",
            new Comparison.Greater(cl, cs, 0), arm(perSeed, "score", cl), arm(perSeed, "score", cs)));
  }

  @Override
  public List<String> notes(Config config, List<SeedResult> perSeed) {
    List<String> notes = new ArrayList<>();
    notes.add(String.format(Locale.ROOT, "2-D route analogue of §12(e): %s (5 x 10 m polyline, two parked cars, one "
        + "traffic light, kinematic bicycle, Discrete(9) steer x throttle, 100-step episodes); PPO with CaRL's settings "
        + "(clip 0.1, %d epochs, lr %s annealed, gamma 0.99, lambda 0.95, ent 0.01, no reward normalization) but a "
        + "categorical policy instead of Beta; batch %d x %d = %d, %d env steps per arm at every minibatch size %s.",
        Route2D.SPEC.id(), config.epochs(), Double.toString(config.learningRate()), config.numEnvs(), config.numSteps(),
        config.numEnvs() * config.numSteps(), config.steps(), config.minibatches()));
    StringBuilder t = new StringBuilder("Driving score per arm, last fifth of training / greedy / episode length (mean "
        + "over seeds): ");
    for (String reward : REWARDS) {
      for (int mb : config.minibatches()) {
        String a = arm(reward, mb);
        t.append(String.format(Locale.ROOT, "%s %.3f / %.3f / %.1f; ", a, avg(perSeed, "score/" + a),
            avg(perSeed, "greedy/" + a), avg(perSeed, "length/" + a)));
      }
    }
    notes.add(t.toString().trim());
    notes.add("Driving score = RC x 0.5 per collision x 0.7 per red light (our multipliers, §12(e)); the env's own "
        + "return, whatever reward is trained. Leaving the route (|offset| > 3.5 m) ends an episode with its RC so far.");
    return notes;
  }

  private static double avg(List<SeedResult> perSeed, String key) {
    double s = 0;
    for (SeedResult r : perSeed) s += r.value(key);
    return s / perSeed.size();
  }
}
