package org.rewardlab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.TrainProgress;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.cli.progress.ProgressBar;
import org.rewardlab.core.UserFiles;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.JsonlMetricsSink;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.bench.EnvThroughput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rewardlab bench envs|ppo}: end-to-end benchmarks beside the peers' numbers. */
@Command(
    name = "bench",
    description = "Benchmarks against the peers' numbers measured on this machine class (docs/BENCHMARKS.md).",
    subcommands = {BenchCommand.Envs.class, BenchCommand.Ppo.class, BenchCommand.Lm.class, BenchCommand.Reward.class,
        BenchCommand.Rm.class, BenchCommand.Gfn.class, BenchCommand.Sweep.class})
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Gymnasium 1.4.0 CartPole-v1 through gym.make with action_space.sample(), 2-core VM (golden/gym_throughput.json). */
  static final double GYM_CARTPOLE_MAKE_SPS = 72_527;
  /** Gymnasium CartPole-v1 unwrapped, pre-drawn actions. */
  static final double GYM_CARTPOLE_UNWRAPPED_SPS = 104_211;
  /** Gymnasium SyncVectorEnv x4 env-steps/s. */
  static final double GYM_CARTPOLE_SYNC4_SPS = 54_912;
  /** CleanRL ppo.py CartPole-v1 500k steps, mean over seeds 1-3 (golden/cleanrl_ppo_cartpole.json). */
  static final double CLEANRL_WALL_S = 98.17;
  static final double CLEANRL_SPS = 5108;
  static final double CLEANRL_FINAL_RETURN = 482.67;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.OK;
  }

  /** {@code bench envs}. */
  @Command(name = "envs", description = "Env steps per second, single env and vectorized, for every registered env.")
  static final class Envs implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--steps", description = "Steps per measurement (default: ${DEFAULT-VALUE}).")
    long steps = 10_000_000L;

    @Option(names = "--num-envs", description = "Envs of the vectorized measurement (default: ${DEFAULT-VALUE}).")
    int numEnvs = 8;

    @Option(names = "--env", description = "Only this env (repeatable; default: all).")
    List<String> only = new ArrayList<>();

    @Override
    public Integer call() {
      if (steps < 1000) throw new UserInputException("--steps", "must be >= 1000, got " + steps, "e.g. --steps 10000000");
      if (numEnvs < 2) throw new UserInputException("--num-envs", "must be >= 2, got " + numEnvs, "e.g. --num-envs 8");
      PrintWriter out = spec.commandLine().getOut();
      List<String> ids = only.isEmpty() ? EnvRegistry.ids() : only;
      out.println("| env | single env steps/s | x Gymnasium make (72.5k) | vector x" + numEnvs + " env-steps/s |");
      out.println("|---|---:|---:|---:|");
      for (String id : ids) {
        EnvThroughput.Result one = EnvThroughput.measure(id, 1, steps, 0);
        EnvThroughput.Result vec = EnvThroughput.measure(id, numEnvs, steps, 0);
        String ratio = id.equals("CartPole-v1")
            ? String.format(Locale.ROOT, "%.0fx", one.stepsPerSecond() / GYM_CARTPOLE_MAKE_SPS)
            : "-";
        out.printf(Locale.ROOT, "| %s | %,.0f | %s | %,.0f |%n", id, one.stepsPerSecond(), ratio, vec.stepsPerSecond());
        out.flush();
      }
      out.printf(Locale.ROOT, "Gymnasium 1.4.0 CartPole-v1 on this machine class: %,.0f steps/s (make + sample), "
          + "%,.0f unwrapped, %,.0f SyncVectorEnv x4.%n", GYM_CARTPOLE_MAKE_SPS, GYM_CARTPOLE_UNWRAPPED_SPS, GYM_CARTPOLE_SYNC4_SPS);
      return Main.OK;
    }
  }

  /** {@code bench ppo}. */
  @Command(name = "ppo", description = "Train the CartPole example per seed; wall time, SPS, final return and peak memory beside CleanRL's.")
  static final class Ppo implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", description = "Experiment (default: ${DEFAULT-VALUE}).")
    Path config = Workspace.resolve("examples/cartpole-ppo.yaml");

    @Option(names = "--seeds", description = "Seeds 1..K (default: ${DEFAULT-VALUE}).")
    int seeds = 3;

    @Option(names = "--set", description = "Config override (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", description = "Where the bench runs go (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "bench");

    @Override
    public Integer call() {
      if (seeds < 1) throw new UserInputException("--seeds", "must be >= 1, got " + seeds, "e.g. --seeds 3");
      if (!Files.isRegularFile(config)) {
        throw new UserInputException(config.toString(), "no such experiment file", "give --config examples/cartpole-ppo.yaml");
      }
      UserFiles.requireDirectoryOrAbsent(out, "--out");
      PrintWriter pw = spec.commandLine().getOut();
      pw.println("| seed | wall s | SPS | final-100 mean return | episodes |");
      pw.println("|---:|---:|---:|---:|---:|");
      double wallSum = 0;
      double spsSum = 0;
      double retSum = 0;
      java.util.Map<String, Double> splitSum = new java.util.LinkedHashMap<>();
      for (int s = 1; s <= seeds; s++) {
        List<String> sets = new ArrayList<>(overrides);
        sets.add("seed=" + s);
        sets.add("run.evalEpisodes=0");
        ExperimentSpec exp = ExperimentSpecs.load(config, sets).spec();
        Algorithm<?> algorithm = Algorithms.of(exp);
        algorithm.validate(exp, EnvRegistry.standard());
        long t0 = System.nanoTime();
        RunContext ctx = RunContext.create(out, exp.name() + "-s" + s, exp.seed(), exp);
        long steps;
        java.util.Map<String, Double> split;
        try (ctx; Trainer trainer = algorithm.start(exp, ctx, EnvRegistry.standard());
            ProgressBar bar = ProgressBar.stderr("steps (seed " + s + ")", trainer.totalSteps())) {
          trainer.train(new TrainListener() {
            @Override
            public void onUpdate(TrainProgress p) {
              bar.update(p.step(), p.stepsPerSecond(), "");
            }
          });
          steps = trainer.step();
          split = trainer.timeBreakdown();
        }
        for (var e : split.entrySet()) splitSum.merge(e.getKey(), e.getValue(), Double::sum);
        double wall = (System.nanoTime() - t0) / 1e9;
        List<Double> returns = new ArrayList<>();
        for (MetricsRecord r : JsonlMetricsSink.read(ctx.runDir().resolve(RunContext.METRICS_FILE))) {
          Double v = r.values().get("charts/episodic_return");
          if (v != null) returns.add(v);
        }
        double last = 0;
        int k = Math.min(100, returns.size());
        for (int i = returns.size() - k; i < returns.size(); i++) last += returns.get(i);
        last = k == 0 ? Double.NaN : last / k;
        double sps = steps / wall;
        wallSum += wall;
        spsSum += sps;
        retSum += last;
        pw.printf(Locale.ROOT, "| %d | %.1f | %,.0f | %.2f | %d |%n", s, wall, sps, last, returns.size());
        pw.flush();
      }
      pw.printf(Locale.ROOT, "| mean | %.1f | %,.0f | %.2f | |%n", wallSum / seeds, spsSum / seeds, retSum / seeds);
      pw.printf(Locale.ROOT, "| CleanRL ppo.py (same machine class, 1 torch thread) | %.1f | %,.0f | %.2f | |%n",
          CLEANRL_WALL_S, CLEANRL_SPS, CLEANRL_FINAL_RETURN);
      if (overrides.isEmpty() && config.toAbsolutePath().normalize().equals(
          Workspace.resolve("examples/cartpole-ppo.yaml").toAbsolutePath().normalize())) {
        pw.printf(Locale.ROOT, "wall-time ratio RewardLab / CleanRL: %.2f%n", (wallSum / seeds) / CLEANRL_WALL_S);
      } else {
        pw.println("no wall-time ratio: the config differs from CleanRL's run (examples/cartpole-ppo.yaml, no --set)");
      }
      pw.printf(Locale.ROOT, "peak RSS of this process: %s MiB%n", peakRssMib());
      StringBuilder sb = new StringBuilder("where the time went (mean per run):");
      for (var e : splitSum.entrySet()) {
        sb.append(String.format(Locale.ROOT, " %s %.1f s (%.0f%%);", e.getKey(), e.getValue() / seeds,
            100 * e.getValue() / wallSum));
      }
      pw.println(sb);
      return Main.OK;
    }

    static String peakRssMib() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("VmHWM:")) {
            long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            return String.format(Locale.ROOT, "%.0f", kb / 1024.0);
          }
        }
      } catch (Exception e) {
        return "unknown";
      }
      return "unknown";
    }
  }

  /** {@code bench lm}. */
  @Command(name = "lm", description = {
      "TinyGpt phases on the PyTorch peer's bench config (2 layers, d 128, 4 heads, context 32, 16 prompts x 8):",
      "SFT tokens/s, sampling tokens/s with and without KV cache, one GRPO update's tokens/s, peak RSS.",
      "Run ../shared/bench/torch_tinygpt_bench.py beside it for same-machine ratios (docs/BENCHMARKS.md)."})
  static final class Lm implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--repeats", description = "Timed repeats per phase (default: ${DEFAULT-VALUE}).")
    int repeats = 5;

    @Option(names = "--warmup", description = "Untimed calls per phase first (default: ${DEFAULT-VALUE}).")
    int warmup = 2;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the full result as JSON.")
    Path json;

    @Override
    public Integer call() {
      if (repeats < 1 || repeats > 1000) throw new UserInputException("--repeats", "must lie in 1..1000, got " + repeats, "e.g. --repeats 5");
      if (warmup < 0 || warmup > 1000) throw new UserInputException("--warmup", "must lie in 0..1000, got " + warmup, "e.g. --warmup 2");
      if (json != null) UserFiles.requireFileOrAbsent(json, "--json");
      org.rewardlab.algos.lm.bench.LmBenchmarks.Report r = org.rewardlab.algos.lm.bench.LmBenchmarks.run(warmup, repeats, 0.4, null);
      PrintWriter pw = spec.commandLine().getOut();
      pw.println(r.table());
      pw.printf(Locale.ROOT, "peak RSS of this process: %s MiB%n", Ppo.peakRssMib());
      if (json != null) org.rewardlab.core.run.AtomicFiles.writeString(json, r.json());
      return Main.OK;
    }
  }

  /** {@code bench rm}. */
  @Command(name = "rm", description = {
      "Reward-model training throughput (pairs/s, chosen and rejected forward and backward) and scoring",
      "throughput (responses/s) for the feature model and two TinyGpt models on T-PREF pairs; best of --repeats."})
  static final class Rm implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--pairs", description = "Pairs per training run (default: ${DEFAULT-VALUE}).")
    int pairs = 2000;

    @Option(names = "--repeats", description = "Timed runs per model after one untimed (default: ${DEFAULT-VALUE}).")
    int repeats = 3;

    @Override
    public Integer call() {
      if (pairs < 32 || pairs > 1_000_000) throw new UserInputException("--pairs", "must lie in 32..1000000, got " + pairs, "e.g. --pairs 2000");
      if (repeats < 1 || repeats > 100) throw new UserInputException("--repeats", "must lie in 1..100, got " + repeats, "e.g. --repeats 3");
      PrintWriter pw = spec.commandLine().getOut();
      pw.print(org.rewardlab.algos.rm.RmBenchmarks.table(org.rewardlab.algos.rm.RmBenchmarks.run(pairs, repeats), pairs));
      pw.printf(Locale.ROOT, "peak RSS of this process: %s MiB%n", Ppo.peakRssMib());
      return Main.OK;
    }
  }

  /** {@code bench reward}. */
  @Command(name = "reward", description = {
      "Reward-breakdown overhead per env step (CartPole-v1 x4 through the vector env, with and without a",
      "5-term reward spec), and exact EPIC / STARC (VAL+L2) time on random MDPs as states x actions grow."})
  static final class Reward implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--steps", description = "Vector steps per measurement (default: ${DEFAULT-VALUE}).")
    long steps = 2_000_000L;

    @Option(names = "--max-size", description = "Largest states x actions of the distance timing (default: ${DEFAULT-VALUE}).")
    int maxSize = 10_000;

    /** Five terms: the env reward, a potential, a bonus, a penalty and a clipped copy of the env reward. */
    static final String SPEC = """
        type: weighted
        terms:
          - {weight: 1.0, reward: {type: env, name: env}}
          - {weight: 1.0, reward: {type: potential, name: upright, potential: cartpole.upright, gamma: 0.99, weight: 1.0}}
          - {weight: 1.0, reward: {type: bonus, name: alive, on: step, amount: 0.01}}
          - {weight: 1.0, reward: {type: penalty, name: fall, on: terminated, amount: 1.0}}
          - {weight: 0.5, reward: {type: clip, name: clipped, lo: -1.0, hi: 1.0, reward: {type: env, name: env2}}}
        """;

    @Override
    public Integer call() {
      if (steps < 10_000) throw new UserInputException("--steps", "must be >= 10000, got " + steps, "e.g. --steps 2000000");
      if (maxSize < 100 || maxSize > 1_000_000) {
        throw new UserInputException("--max-size", "must lie in 100..1000000, got " + maxSize, "e.g. --max-size 100000");
      }
      PrintWriter pw = spec.commandLine().getOut();
      org.rewardlab.reward.spec.RewardSpec rs = org.rewardlab.core.config.Configs.read(SPEC, org.rewardlab.reward.spec.RewardSpec.class);
      double plain = 0;
      double wrapped = 0;
      for (int round = 0; round < 3; round++) { // alternate, keep the best of each (least disturbed by other processes)
        plain = Math.max(plain, vectorSteps(null));
        wrapped = Math.max(wrapped, vectorSteps(rs));
      }
      pw.println("| CartPole-v1 x4 through SyncVectorEnv | env steps/s | ns per env step |");
      pw.println("|---|---:|---:|");
      pw.printf(Locale.ROOT, "| env reward only | %,.0f | %.1f |%n", plain, 1e9 / plain);
      pw.printf(Locale.ROOT, "| 5-term reward spec (per-term sums kept) | %,.0f | %.1f |%n", wrapped, 1e9 / wrapped);
      pw.printf(Locale.ROOT, "breakdown overhead: %.1f ns per env step (%.0f%% of a plain step)%n",
          1e9 / wrapped - 1e9 / plain, 100 * (plain / wrapped - 1));
      pw.println();
      pw.println("| states x actions | states | EPIC (s) | STARC VAL+L2 (s) |");
      pw.println("|---:|---:|---:|---:|");
      org.rewardlab.core.random.RandomSource rng = org.rewardlab.core.random.RandomSource.of(7);
      for (int size = 100; size <= maxSize; size *= 10) {
        int nA = 4;
        int nS = size / nA;
        org.rewardlab.reward.mdp.TabularMdp mdp = org.rewardlab.reward.mdp.RandomMdps.sample(rng, nS, nA, 0.95);
        org.rewardlab.reward.mdp.TabularReward r1 = org.rewardlab.reward.mdp.RandomRewards.sample(rng, mdp);
        org.rewardlab.reward.mdp.TabularReward r2 = org.rewardlab.reward.mdp.RandomRewards.sample(rng, mdp);
        long t0 = System.nanoTime();
        org.rewardlab.reward.compare.PearsonDistance.epic().distance(mdp, r1, r2);
        long t1 = System.nanoTime();
        org.rewardlab.reward.compare.RewardDistance.valL2().distance(mdp, r1, r2);
        long t2 = System.nanoTime();
        pw.printf(Locale.ROOT, "| %,d | %,d | %.3f | %.3f |%n", nS * nA, nS, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        pw.flush();
      }
      return Main.OK;
    }

    private double vectorSteps(org.rewardlab.reward.spec.RewardSpec rs) {
      org.rewardlab.core.env.EnvFactory envs = EnvRegistry.standard();
      List<org.rewardlab.core.env.FlatEnv> list = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        org.rewardlab.core.env.FlatEnv e = envs.make("CartPole-v1");
        list.add(rs == null ? e : new org.rewardlab.reward.RewardWrappedEnv(e, rs,
            new org.rewardlab.reward.RewardBuildContext(0.99, envs.potentials("CartPole-v1"))));
      }
      org.rewardlab.core.vector.SyncVectorEnv v = new org.rewardlab.core.vector.SyncVectorEnv(list);
      v.reset(1);
      float[] actions = new float[4];
      org.rewardlab.core.random.RandomSource rng = org.rewardlab.core.random.RandomSource.of(3);
      long n = steps / 4;
      for (long k = 0; k < n / 10; k++) { // warm-up
        for (int i = 0; i < 4; i++) actions[i] = rng.nextInt(2);
        v.step(actions);
      }
      long t0 = System.nanoTime();
      for (long k = 0; k < n; k++) {
        for (int i = 0; i < 4; i++) actions[i] = rng.nextInt(2);
        v.step(actions);
      }
      return n * 4 / ((System.nanoTime() - t0) / 1e9);
    }
  }
  /** {@code bench gfn}. */
  @Command(name = "gfn", description = "GFlowNet TB on the 2-D/8 hypergrid per seed: trajectories/s and wall time to exact L1 < 0.02.")
  static final class Gfn implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", description = "Experiment (default: ${DEFAULT-VALUE}).")
    Path config = Workspace.resolve("examples/gfn-hypergrid-tb.yaml");

    @Option(names = "--seeds", description = "Seeds 1..K (default: ${DEFAULT-VALUE}).")
    int seeds = 3;

    @Option(names = "--threshold", description = "Exact L1 (sum) to reach (default: ${DEFAULT-VALUE}).")
    double threshold = 0.02;

    @Option(names = "--set", description = "Config override (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", description = "Where the bench runs go (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "bench");

    @Override
    public Integer call() {
      if (seeds < 1) throw new UserInputException("--seeds", "must be >= 1, got " + seeds, "e.g. --seeds 3");
      if (!Files.isRegularFile(config)) {
        throw new UserInputException(config.toString(), "no such experiment file", "give --config examples/gfn-hypergrid-tb.yaml");
      }
      UserFiles.requireDirectoryOrAbsent(out, "--out");
      PrintWriter pw = spec.commandLine().getOut();
      pw.printf(Locale.ROOT, "| seed | wall s | trajectories/s | trajectories to L1 < %s | wall s to L1 < %s | final exact L1 |%n",
          threshold, threshold);
      pw.println("|---:|---:|---:|---:|---:|---:|");
      double wallSum = 0;
      double tpsSum = 0;
      for (int s = 1; s <= seeds; s++) {
        List<String> sets = new ArrayList<>(overrides);
        sets.add("seed=" + s);
        sets.add("run.evalEpisodes=0");
        sets.add("algo.evalEvery=5");
        ExperimentSpec exp = ExperimentSpecs.load(config, sets).spec();
        Algorithm<?> algorithm = Algorithms.of(exp);
        algorithm.validate(exp, EnvRegistry.standard());
        long t0 = System.nanoTime();
        RunContext ctx = RunContext.create(out, exp.name() + "-s" + s, exp.seed(), exp);
        long[] hitStep = {-1};
        double[] hitWall = {Double.NaN};
        double[] lastL1 = {Double.NaN};
        long steps;
        try (ctx; Trainer trainer = algorithm.start(exp, ctx, EnvRegistry.standard())) {
          trainer.train(new TrainListener() {
            @Override
            public void onUpdate(TrainProgress p) {
              Double l1 = p.metrics().get("charts/l1");
              if (l1 == null) return;
              lastL1[0] = l1;
              if (hitStep[0] < 0 && l1 < threshold) {
                hitStep[0] = p.step();
                hitWall[0] = (System.nanoTime() - t0) / 1e9;
              }
            }
          });
          steps = trainer.step();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        wallSum += wall;
        tpsSum += steps / wall;
        pw.printf(Locale.ROOT, "| %d | %.1f | %,.0f | %s | %s | %.4f |%n", s, wall, steps / wall,
            hitStep[0] < 0 ? "not reached" : String.format(Locale.ROOT, "%,d", hitStep[0]),
            hitStep[0] < 0 ? "-" : String.format(Locale.ROOT, "%.1f", hitWall[0]), lastL1[0]);
        pw.flush();
      }
      pw.printf(Locale.ROOT, "| mean | %.1f | %,.0f | | | |%n", wallSum / seeds, tpsSum / seeds);
      pw.println("wall times include exact evaluation every 5 iterations (dynamic programming plus 200k draws)");
      return Main.OK;
    }
  }

  /** {@code bench sweep}. */
  @Command(name = "sweep", description = {
      "A 12-cell CartPole PPO sweep one cell after another in-process vs as tasks on Spark local[2] (speed-up,",
      "overhead per task, identical returns); scheduling overhead per no-op task on local[2] and on a standalone",
      "cluster of 2 workers started on this machine; peak RSS of the executor that ran a PPO cell (docs/BENCHMARKS.md)."})
  static final class Sweep implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", description = "Base experiment (default: ${DEFAULT-VALUE}).")
    Path config = Workspace.resolve("examples/cartpole-ppo.yaml");

    @Option(names = "--steps", description = "Env steps per cell (default: ${DEFAULT-VALUE}).")
    long steps = 20_480;

    @Option(names = "--noop-tasks", description = "No-op tasks per scheduling measurement (default: ${DEFAULT-VALUE}).")
    int noopTasks = 200;

    @Option(names = "--cluster", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Also measure a standalone cluster of 2 workers; --no-cluster skips it (default: ${DEFAULT-VALUE}).")
    boolean cluster = true;

    @Override
    public Integer call() throws java.io.IOException {
      if (steps < 512) throw new UserInputException("--steps", "must be >= 512, got " + steps, "e.g. --steps 20480");
      if (noopTasks < 2) throw new UserInputException("--noop-tasks", "must be >= 2, got " + noopTasks, "e.g. --noop-tasks 200");
      if (!Files.isRegularFile(config)) {
        throw new UserInputException(config.toString(), "no such experiment file", "give --config examples/cartpole-ppo.yaml");
      }
      SweepBench.run(spec.commandLine().getOut(), Files.readString(config), steps, noopTasks, cluster);
      return Main.OK;
    }
  }
}
