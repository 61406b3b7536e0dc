package org.rewardlab.repro.heron;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.rewardlab.algos.rm.RewardModels;
import org.rewardlab.algos.rm.RmConfig;
import org.rewardlab.algos.rm.RmInput;
import org.rewardlab.algos.rm.RmPair;
import org.rewardlab.algos.rm.TrainedRewardModel;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.grid.GridMap;
import org.rewardlab.envs.grid.GridWorlds;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.Comparison;
import org.rewardlab.repro.Paper;
import org.rewardlab.repro.PaperStatus;
import org.rewardlab.repro.Papers;
import org.rewardlab.repro.Repro;
import org.rewardlab.repro.ReproConfig;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;
import org.rewardlab.reward.preference.HeronComparator;
import org.rewardlab.reward.preference.HeronComparator.Factor;
import org.rewardlab.reward.preference.Label;

/**
 * Paper #11, HERON (Bukharin et al. 2023; RM §2 (e)) on {@code GridLava-v0} (the 4 × 12 cliff with lava): the
 * designer only ranks three trajectory factors — reached the goal (larger is better), entered lava (smaller is
 * better), length (smaller is better) — and HERON's comparator labels pairs of exploratory trajectories by that
 * hierarchy (δ_l = σ_l · std of factor l over the buffer; ties dropped). A linear Bradley–Terry reward model over a
 * trajectory's next-state visit counts (so its reward is per step, r(s') = w[s']) is trained on those labels
 * ({@code algos.rm}), and the policy is the optimal one for it (exact finite-horizon planning on the deterministic grid).
 *
 * <p>Baselines on the same seeds: hand-tuned weighted sums r = w_goal·goal − w_lava·lava − w_len·step with three
 * weight scales, and the sum-of-factors BT model (HERON's "RLHF" baseline: labels by goal − lava − length).
 * Success = the fraction of start cells from which the greedy policy reaches the goal without lava within 100
 * steps. Robustness: the same arms when the length factor is measured 10× larger (HERON's std margins make its
 * labels scale-free; a weighted sum's weights are not). Immutable.
 */
public final class HeronRepro implements Repro<HeronRepro.Config> {
  static final String HERON = "heron";
  static final String SUM_BT = "sum-of-factors BT";
  static final double[][] WEIGHTS = {{1, 1, 0.01}, {1, 1, 0.1}, {10, 1, 0.1}};
  static final int HORIZON = 100;

  /**
   * @param trajectories exploratory trajectories per seed (the buffer)
   * @param pairs labelled pairs drawn from it
   * @param epochs reward-model epochs (batch 32, Adam)
   * @param rounds label–train–plan rounds (HERON retrains its reward model as the agent's data grows)
   * @param seeds run seeds
   */
  public record Config(int trajectories, int pairs, int epochs, int rounds, List<Long> seeds)
      implements ReproConfig<Config> {
    public Config {
      if (trajectories < 10 || pairs < 10 || epochs < 1 || rounds < 1) {
        throw new IllegalArgumentException("heron config needs trajectories, pairs >= 10 and epochs >= 1, got "
            + trajectories + ", " + pairs + ", " + epochs + ", " + rounds + " (the default is 400, 2000, 30, 3)");
      }
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /** smoke: 60 trajectories, 200 pairs, 3 epochs, 2 rounds, seeds 1–2; default: 400, 2000, 30, 3 rounds on seeds 1–5. */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(60, 200, 3, 2, List.of(1L, 2L));
        case DEFAULT -> new Config(400, 2000, 30, 3, List.of(1L, 2L, 3L, 4L, 5L));
        case PAPER -> throw Scale.PAPER.refused("heron", "the paper trains PPO/DDPG agents on MuJoCo Ant and classic"
            + " control for millions of steps; this repro is RM §2's gridworld with exact planning");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(trajectories, pairs, epochs, rounds, s);
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("heron").orElseThrow();
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
    return "PPO on MuJoCo Ant (2M steps) and DDPG on classic control, 256-256 MLP reward models, several seeds";
  }

  /** One trajectory: its next states and factors (goal reached 0/1, lava entered 0/1, length in steps). */
  record Trajectory(int[] visits, double goal, double lava, double length) {}

  static Trajectory rollout(GridMap map, int start, double epsilon, RandomSource rng) {
    int[] toGoal = map.stepsToGoal();
    List<Integer> visits = new ArrayList<>();
    int s = start;
    double goal = 0;
    double lava = 0;
    for (int t = 0; t < HORIZON && !map.isTerminal(s); t++) {
      int a;
      if (rng.nextDouble() < epsilon) {
        a = rng.nextInt(GridMap.NUM_ACTIONS);
      } else {
        a = 0;
        for (int b = 1; b < GridMap.NUM_ACTIONS; b++) if (dist(toGoal, map.next(s, b)) < dist(toGoal, map.next(s, a))) a = b;
      }
      s = map.next(s, a);
      visits.add(s);
      if (map.isGoal(s)) goal = 1;
      if (map.isLava(s)) lava = 1;
    }
    return new Trajectory(visits.stream().mapToInt(Integer::intValue).toArray(), goal, lava, visits.size());
  }

  private static int dist(int[] toGoal, int s) {
    return toGoal[s] < 0 ? Integer.MAX_VALUE : toGoal[s];
  }

  static float[] counts(Trajectory t, int states) {
    float[] x = new float[states];
    for (int s : t.visits()) x[s] += 1f;
    return x;
  }

  /** Exact finite-horizon values V_t(s), t = 0..100, of the undiscounted sum of per-step rewards r(s'). */
  static double[][] plan(GridMap map, IntToDoubleFunction reward) {
    int n = map.numStates();
    double[][] v = new double[HORIZON + 1][n];
    for (int t = HORIZON - 1; t >= 0; t--) {
      for (int s = 0; s < n; s++) {
        if (map.isTerminal(s)) continue;
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < GridMap.NUM_ACTIONS; a++) best = Math.max(best, q(map, reward, v[t + 1], s, a));
        v[t][s] = best;
      }
    }
    return v;
  }

  /** The planned policy's action at step t in state s (first best action). */
  static int act(GridMap map, IntToDoubleFunction reward, double[][] v, int t, int s) {
    int bestA = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < GridMap.NUM_ACTIONS; a++) {
      double qa = q(map, reward, v[t + 1], s, a);
      if (qa > best + 1e-12) {
        best = qa;
        bestA = a;
      }
    }
    return bestA;
  }

  /**
   * The success rate from every start of the policy that maximizes the undiscounted sum of per-step rewards r(s')
   * over the 100-step horizon (exact finite-horizon dynamic programming; entering a terminal cell ends the sum), and
   * the mean steps of the successful starts. This is the objective a trajectory-sum reward model ranks by.
   */
  static double[] success(GridMap map, IntToDoubleFunction reward) {
    double[][] v = plan(map, reward);
    int[] starts = map.starts();
    int ok = 0;
    double steps = 0;
    for (int start : starts) {
      int s = start;
      int t = 0;
      while (t < HORIZON && !map.isTerminal(s)) {
        s = map.next(s, act(map, reward, v, t, s));
        t++;
      }
      if (map.isGoal(s)) {
        ok++;
        steps += t;
      }
    }
    return new double[] {(double) ok / starts.length, ok == 0 ? Double.NaN : steps / ok};
  }

  /** A trajectory of the planned policy with random actions at rate {@code epsilon}. */
  static Trajectory rolloutPlanned(GridMap map, IntToDoubleFunction reward, double[][] v, int start, double epsilon,
      RandomSource rng) {
    List<Integer> visits = new ArrayList<>();
    int s = start;
    double goal = 0;
    double lava = 0;
    for (int t = 0; t < HORIZON && !map.isTerminal(s); t++) {
      int a = rng.nextDouble() < epsilon ? rng.nextInt(GridMap.NUM_ACTIONS) : act(map, reward, v, t, s);
      s = map.next(s, a);
      visits.add(s);
      if (map.isGoal(s)) goal = 1;
      if (map.isLava(s)) lava = 1;
    }
    return new Trajectory(visits.stream().mapToInt(Integer::intValue).toArray(), goal, lava, visits.size());
  }

  private static double q(GridMap map, IntToDoubleFunction reward, double[] next, int s, int a) {
    int s2 = map.next(s, a);
    return reward.applyAsDouble(s2) + (map.isTerminal(s2) ? 0 : next[s2]);
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    GridMap map = GridMap.of(GridWorlds.GRID_LAVA);
    RandomSource root = RandomSource.of(seed);
    int[] starts = map.starts();
    List<Trajectory> buffer = new ArrayList<>();
    RandomSource tr = root.derive("trajectories");
    for (int i = 0; i < c.trajectories(); i++) {
      buffer.add(rollout(map, starts[tr.nextInt(starts.length)], tr.uniform(0.1, 0.9), tr));
    }
    Map<String, Double> values = new LinkedHashMap<>();
    StringBuilder line = new StringBuilder("seed " + seed + " success:");
    for (double lengthScale : new double[] {1, 10}) {
      String suffix = lengthScale == 1 ? "" : " (length x10)";
      List<Factor<Trajectory>> levels = List.of(
          new Factor<>("goal", Trajectory::goal, true, 0),
          new Factor<>("lava", Trajectory::lava, false, 0),
          new Factor<>("length", t -> lengthScale * t.length(), false, 0));
      HeronComparator<Trajectory> heron = HeronComparator.withStdMargins(levels, new double[] {0, 0, 0.1}, buffer);
      double[] h = ctx.timeArm(HERON, () -> learned(map, buffer, (a, b) -> heron.label(a, b, null), c,
          root.derive("rm/heron" + suffix)));
      values.put("success/" + HERON + suffix, h[0]);
      values.put("steps/" + HERON + suffix, h[1]);
      double[] bt = ctx.timeArm(SUM_BT, () -> learned(map, buffer, (a, b) -> {
        double d = (a.goal() - a.lava() - lengthScale * a.length()) - (b.goal() - b.lava() - lengthScale * b.length());
        return new Label(d > 0 ? Label.Outcome.FIRST : d < 0 ? Label.Outcome.SECOND : Label.Outcome.TIE, d > 0 ? 1 : 0);
      }, c, root.derive("rm/sum" + suffix)));
      values.put("success/" + SUM_BT + suffix, bt[0]);
      for (double[] w : WEIGHTS) {
        String arm = weighted(w);
        double[] r = ctx.timeArm(arm, () -> success(map,
            s2 -> w[0] * (map.isGoal(s2) ? 1 : 0) - w[1] * (map.isLava(s2) ? 1 : 0) - w[2] * lengthScale));
        values.put("success/" + arm + suffix, r[0]);
      }
      line.append(String.format(Locale.ROOT, "%s heron %.2f sum-BT %.2f weighted %.2f/%.2f/%.2f", suffix,
          h[0], bt[0], values.get("success/" + weighted(WEIGHTS[0]) + suffix),
          values.get("success/" + weighted(WEIGHTS[1]) + suffix), values.get("success/" + weighted(WEIGHTS[2]) + suffix)));
    }
    double best = 0;
    double bestScaled = 0;
    for (double[] w : WEIGHTS) {
      best = Math.max(best, values.get("success/" + weighted(w)));
      bestScaled = Math.max(bestScaled, values.get("success/" + weighted(w) + " (length x10)"));
    }
    values.put("success/best weighted sum", best);
    double worstScaled = 1;
    for (double[] w : WEIGHTS) worstScaled = Math.min(worstScaled, values.get("success/" + weighted(w) + " (length x10)"));
    values.put("success/worst weighted sum (length x10)", worstScaled);
    ctx.log(line.toString());
    return new SeedResult(seed, values);
  }

  static String weighted(double[] w) {
    return String.format(Locale.ROOT, "weighted %g/%g/%g", w[0], w[1], w[2]);
  }

  interface Labeller {
    Label label(Trajectory a, Trajectory b);
  }

  /**
   * HERON's loop with RL replaced by exact planning: each round labels {@code pairs} random pairs of the buffer (ties
   * dropped), trains a fresh linear BT model on trajectory visit counts, reads its per-step reward r(s') = w[s'], and
   * (after every round but the last) adds rollouts of the policy planned for it (random actions at a rate in
   * [0, 0.3]) to the buffer, so the next model sees what the last one's optimum does. Returns the final policy's
   * success and steps.
   */
  static double[] learned(GridMap map, List<Trajectory> initial, Labeller labeller, Config c, RandomSource rng) {
    int n = map.numStates();
    int[] starts = map.starts();
    List<Trajectory> buffer = new ArrayList<>(initial);
    double[] perState = new double[n];
    for (int round = 0; round < c.rounds(); round++) {
      if (round > 0) {
        double[] w = perState.clone();
        IntToDoubleFunction r = s2 -> w[s2];
        double[][] v = plan(map, r);
        RandomSource roll = rng.derive("rollouts/" + round);
        for (int i = 0; i < c.trajectories() / 2; i++) {
          buffer.add(rolloutPlanned(map, r, v, starts[roll.nextInt(starts.length)], roll.uniform(0, 0.3), roll));
        }
      }
      RandomSource pr = rng.derive("pairs/" + round);
      List<RmPair> pairs = new ArrayList<>();
      for (int k = 0; k < c.pairs(); k++) {
        Trajectory a = buffer.get(pr.nextInt(buffer.size()));
        Trajectory b = buffer.get(pr.nextInt(buffer.size()));
        Label l = labeller.label(a, b);
        if (l.tie()) continue;
        Trajectory w = l.first() ? a : b;
        Trajectory r = l.first() ? b : a;
        pairs.add(RmPair.of(RmInput.vector(counts(w, n)), RmInput.vector(counts(r, n))));
      }
      RmConfig cfg = RmConfig.defaults().withFeatures(256, List.of()).withTraining(c.epochs(), 32, 0.05);
      try (TrainedRewardModel m = RewardModels.train(pairs, cfg, rng.derive("train/" + round).nextLong(),
          "heron pairs").model()) {
        double bias = m.scoreVector(new float[n], 0);
        for (int s = 0; s < n; s++) {
          float[] x = new float[n];
          x[s] = 1f;
          perState[s] = m.scoreVector(x, 0) - bias;
        }
      }
    }
    double[] w = perState.clone();
    return success(map, s2 -> w[s2]);
  }

  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    String metric = "fraction of start cells from which the greedy policy reaches the goal without lava";
    Claim matches = new Claim(metric, "",
        List.of(SeedResult.arm(HERON, perSeed, "success/" + HERON),
            SeedResult.arm("best weighted sum", perSeed, "success/best weighted sum"),
            SeedResult.arm(SUM_BT, perSeed, "success/" + SUM_BT)),
        new Comparison.Greater(HERON, "best weighted sum", -0.05), Claim.DEFAULT_NOISE_Z);
    Claim robust = new Claim(metric + ", length factor measured 10x larger", "",
        List.of(SeedResult.arm(HERON + " (length x10)", perSeed, "success/" + HERON + " (length x10)"),
            SeedResult.arm("worst weighted sum (length x10)", perSeed, "success/worst weighted sum (length x10)")),
        new Comparison.Greater(HERON + " (length x10)", "worst weighted sum (length x10)", 0), Claim.DEFAULT_NOISE_Z);
    return List.of(matches, robust);
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> notes = new ArrayList<>();
    for (String suffix : List.of("", " (length x10)")) {
      StringBuilder sb = new StringBuilder("success (mean over seeds)" + suffix + ":");
      for (String arm : new String[] {HERON, SUM_BT, weighted(WEIGHTS[0]), weighted(WEIGHTS[1]), weighted(WEIGHTS[2])}) {
        sb.append(String.format(Locale.ROOT, " %s %.3f;", arm, mean(SeedResult.column(perSeed, "success/" + arm + suffix))));
      }
      notes.add(sb.toString());
    }
    notes.add("GridLava-v0 (lava ends the episode), " + c.trajectories() + " exploratory trajectories (greedy-to-goal"
        + " with random actions at a rate drawn in [0.1, 0.9]), then " + (c.rounds() - 1) + " rounds adding "
        + c.trajectories() / 2 + " rollouts of the planned policy; " + c.pairs() + " pairs per round, HERON margins σ = (0, 0, 0.1);"
        + " with a single round (no retraining) the learned per-step reward had positive cells and the planner looped"
        + " on them (success 0.00 on seed 1): the retraining on the planned policy's own rollouts is what removes it;"
        + " the policy is planned exactly (finite-horizon DP over the 100-step limit, undiscounted) instead of learned by PPO/DDPG");
    return notes;
  }

  private static double mean(double[] x) {
    double s = 0;
    int n = 0;
    for (double v : x) {
      if (Double.isNaN(v)) continue;
      s += v;
      n++;
    }
    return n == 0 ? Double.NaN : s / n;
  }
}
