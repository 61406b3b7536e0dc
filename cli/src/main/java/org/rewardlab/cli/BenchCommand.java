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
    subcommands = {BenchCommand.Envs.class, BenchCommand.Ppo.class, BenchCommand.Lm.class})
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
}
