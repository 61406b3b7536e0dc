package org.rewardlab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rewardlab.cli.report.MetricsReader.Metrics;
import org.rewardlab.cli.report.RewardAnalysis;
import org.rewardlab.core.UserFiles;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.run.AtomicFiles;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.reward.RewardBuildContext;
import org.rewardlab.reward.RewardSpecs;
import org.rewardlab.reward.analysis.HackingMonitor;
import org.rewardlab.reward.compare.RewardNorm;
import org.rewardlab.reward.compare.TabularComparison;
import org.rewardlab.reward.compare.TabularProblem;
import org.rewardlab.reward.mdp.TabularReward;
import org.rewardlab.reward.sampled.SampledComparison;
import org.rewardlab.reward.spec.RewardSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rewardlab reward distance|compare}: how different two rewards are, ignoring what cannot change
 * which policies are preferred (guide: docs/compare.md).
 *
 * <ul>
 *   <li>{@code distance FILE.json}: a tabular problem (γ, τ, R1, R2, optional D_S, D_A, coverage) from
 *       any language; every canonicalisation of the STARC paper and its code under the six norms, and
 *       EPIC's and DARD's Pearson distances ({@link TabularComparison});
 *   <li>{@code compare A.yaml B.yaml --env ID}: two reward specs on a registered env, by sample-based
 *       EPIC and STARC with standard errors ({@link SampledComparison}).
 *   <li>{@code inspect RUN}: a run's per-term breakdown, correlations and hacking monitor
 *       ({@link RewardAnalysis}; guide: docs/training.md, "Reward analysis").
 * </ul>
 */
@Command(
    name = "reward",
    description = "Compare rewards: exact distances of tabular rewards, sample-based distances of reward specs;"
        + " inspect a run's reward terms and hacking monitor.",
    subcommands = {RewardCommand.Distance.class, RewardCommand.Compare.class, RewardCommand.Inspect.class,
        RewardCommand.Score.class})
final class RewardCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "missing command: choose one of " + String.join(", ", spec.subcommands().keySet()));
  }

  /** Writes {@code json} to {@code out} atomically (pretty-printed, UTF-8). */
  static void writeJson(Path out, JsonNode json) {
    if (Files.isDirectory(out)) {
      throw new UserInputException("--json " + out, "is a directory", "give the path of a file to write, e.g. out.json");
    }
    String text;
    try {
      text = Configs.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialise the result", e);
    }
    AtomicFiles.writeString(out, text);
  }

  /** {@code rewardlab reward distance FILE.json}. */
  @Command(
      name = "distance",
      description = {
        "Exact reward distances of a tabular problem given as JSON:",
        "{\"gamma\": g, \"transition\": [S][A][S'], \"R1\": [S][A][S'], \"R2\": [S][A][S'],",
        " \"state_dist\": [S] (optional), \"action_dist\": [A] (optional), \"coverage\": [S][A][S'] (optional)}.",
        "Prints the canonicalized rewards and the STARC distances of every canonicalization (none, epic, dard,",
        "val, value-potential, minimal-potential-*, minimal-*) under L1, L2, Linf and their weighted forms, and",
        "EPIC's and DARD's Pearson distances; --json writes all of it."
      })
  static final class Distance implements Callable<Integer> {
    /** Tables up to this many entries are printed; larger ones only go to --json. */
    static final int PRINT_LIMIT = 64;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.json", description = "The problem file.")
    Path file;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write everything as JSON to OUT (atomically).")
    Path json;

    @Option(names = "--show-rewards", description = "Print the canonicalized rewards even when they are large.")
    boolean showRewards;

    @Override
    public Integer call() {
      TabularProblem problem = TabularProblem.read(file);
      TabularComparison.Result result = TabularComparison.compare(problem);
      if (json != null) {
        writeJson(json, result.toJson(file.toString()));
      }
      print(spec.commandLine().getOut(), result);
      if (json != null) {
        spec.commandLine().getOut().println("wrote " + json);
      }
      return Main.OK;
    }

    private void print(PrintWriter out, TabularComparison.Result r) {
      TabularProblem p = r.problem();
      int nS = p.mdp().nS();
      int nA = p.mdp().nA();
      out.printf(Locale.ROOT, "Reward distances: %s (%d states, %d actions, gamma %s; D_S %s, D_A %s%s)%n", file, nS, nA,
          num(p.mdp().gamma()), p.stateDistGiven() ? "from the file" : "uniform",
          p.actionDistGiven() ? "from the file" : "uniform", p.explicitCoverage() != null ? "; coverage from the file" : "");
      out.println();
      out.println("Conventions (RM §1 d′):");
      for (String c : TabularComparison.CONVENTIONS) {
        out.println("  - " + c);
      }
      out.println();
      int entries = nS * nA * nS;
      if (showRewards || entries <= PRINT_LIMIT) {
        out.println("Canonicalized rewards c(R)[s][a][s']:");
        for (Map.Entry<String, TabularReward[]> e : r.canonical().entrySet()) {
          if (e.getValue() == null) {
            out.printf(Locale.ROOT, "  %-24s undefined (see notes)%n", e.getKey());
            continue;
          }
          out.printf(Locale.ROOT, "  %-24s R1 %s%n", e.getKey(), nested(e.getValue()[0]));
          out.printf(Locale.ROOT, "  %-24s R2 %s%n", "", nested(e.getValue()[1]));
        }
      } else {
        out.printf(Locale.ROOT, "Canonicalized rewards: %d tables of %d entries each; --json writes them (or use"
            + " --show-rewards)%n", 2 * r.canonical().size(), entries);
      }
      out.println();
      out.println("STARC distances d = m(c(R1)/n(c(R1)) - c(R2)/n(c(R2))): rows canonicalization and normalization n,"
          + " columns metric m");
      StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-24s %-6s", "canonicalization", "n"));
      for (RewardNorm m : RewardNorm.ALL) {
        head.append(String.format(Locale.ROOT, " %11s", m.name()));
      }
      out.println(head);
      r.distances().forEach((canon, byNorm) -> byNorm.forEach((n, byMetric) -> {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-24s %-6s", canon, n));
        for (RewardNorm m : RewardNorm.ALL) {
          Double d = byMetric.get(m.name());
          row.append(String.format(Locale.ROOT, " %11s", d == null ? "-" : num(d)));
        }
        out.println(row);
      }));
      out.println();
      out.println("Pearson distances sqrt((1 - rho)/2) over a coverage of transitions (uniform: every (s, a, s');"
          + " transitions: D_S(s) D_A(a) tau(s'|s,a)" + (p.explicitCoverage() != null ? "; file: the file's coverage" : "")
          + "):");
      List<String> coverages = List.copyOf(r.pearson().get("epic").keySet());
      StringBuilder ph = new StringBuilder(String.format(Locale.ROOT, "%-24s", "canonicalization"));
      for (String c : coverages) {
        ph.append(String.format(Locale.ROOT, " %12s", c));
      }
      out.println(ph);
      r.pearson().forEach((canon, byCoverage) -> {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-24s", canon));
        for (String c : coverages) {
          row.append(String.format(Locale.ROOT, " %12s", num(byCoverage.get(c))));
        }
        out.println(row);
      });
      for (String note : r.notes()) {
        out.println("note: " + note);
      }
    }

    private static String nested(TabularReward r) {
      StringBuilder sb = new StringBuilder("[");
      for (int s = 0; s < r.nS(); s++) {
        sb.append(s == 0 ? "[" : ", [");
        for (int a = 0; a < r.nA(); a++) {
          sb.append(a == 0 ? "[" : ", [");
          for (int n = 0; n < r.nS(); n++) {
            sb.append(n == 0 ? "" : ", ").append(num(r.get(s, a, n)));
          }
          sb.append(']');
        }
        sb.append(']');
      }
      return sb.append(']').toString();
    }
  }

  /** {@code rewardlab reward compare A.yaml B.yaml --env ID}. */
  @Command(
      name = "compare",
      description = {
        "Compare two reward specs (YAML, the `reward:` language of docs/rewards.md) on a registered env by",
        "sample-based EPIC and STARC: transitions of uniformly random actions from the states random rollouts",
        "visit, EPIC's canonicalization by sampling, STARC's value-adjusted levelling by Monte Carlo rollouts;",
        "each number is the mean of --repeats seeded draws with its standard error."
      })
  static final class Compare implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A.yaml", description = "The first reward spec.")
    Path first;

    @Parameters(index = "1", paramLabel = "B.yaml", description = "The second reward spec.")
    Path second;

    @Option(names = "--env", required = true, paramLabel = "ID", description = "Environment id, e.g. CartPole-v1.")
    String envId;

    @Option(names = "--samples", paramLabel = "N", description = "Coverage transitions per draw (default: ${DEFAULT-VALUE}).")
    int samples = 1000;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random stream (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--repeats", paramLabel = "R", description = "Independent draws, for the standard error (default: ${DEFAULT-VALUE}).")
    int repeats = 5;

    @Option(names = "--rollouts", paramLabel = "K", description = "Monte Carlo rollouts per state and action for STARC (default: ${DEFAULT-VALUE}).")
    int rollouts = 4;

    @Option(names = "--gamma", paramLabel = "G", description = "Discount of the comparison; potential terms without"
        + " their own gamma use it (default: ${DEFAULT-VALUE}).")
    double gamma = 0.99;

    @Option(names = "--horizon", paramLabel = "H", description = "Rollout length (default: the smallest H with gamma^H <= 1e-4).")
    int horizon = 0;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the result as JSON to OUT (atomically).")
    Path json;

    @Override
    public Integer call() {
      if (samples < 10) throw new UserInputException("--samples", "is " + samples + ", below 10", "use e.g. --samples 1000");
      if (repeats < 1) throw new UserInputException("--repeats", "is " + repeats + ", below 1", "use e.g. --repeats 5");
      if (rollouts < 2) {
        throw new UserInputException("--rollouts", "is " + rollouts + ", below 2 (STARC splits the rollouts in two halves)",
            "use e.g. --rollouts 4");
      }
      if (!(gamma >= 0 && gamma < 1)) {
        throw new UserInputException("--gamma", "is " + gamma + ", outside [0, 1)", "use a discount such as 0.99");
      }
      if (horizon < 0) throw new UserInputException("--horizon", "is " + horizon + ", below 0", "leave it out for automatic");
      FlatEnv env;
      try {
        env = EnvRegistry.make(envId);
      } catch (UserInputException e) {
        throw new UserInputException("--env", e.problem(), e.fix(), e);
      }
      RewardBuildContext ctx = new RewardBuildContext(gamma, EnvRegistry.potentials(envId));
      RewardFn<FlatTransition> a = build(first, env, ctx);
      RewardFn<FlatTransition> b = build(second, env, ctx);
      SampledComparison.Config config = new SampledComparison.Config(samples, rollouts, repeats, gamma, horizon, 1000);
      SampledComparison.Result result = SampledComparison.compare(env, a, b, config, RandomSource.of(seed));
      if (json != null) {
        writeJson(json, toJson(result));
      }
      print(spec.commandLine().getOut(), result);
      if (json != null) {
        spec.commandLine().getOut().println("wrote " + json);
      }
      return Main.OK;
    }

    private void print(PrintWriter out, SampledComparison.Result r) {
      out.printf(Locale.ROOT, "Comparing %s and %s on %s (gamma %s; %d coverage transitions x %d draws, %d rollouts per"
          + " action, horizon %d; seed %d)%n", first, second, envId, num(gamma), samples, repeats, rollouts, r.horizon(),
          seed);
      out.printf(Locale.ROOT, "  %-43s %s%n", "EPIC  (Pearson distance, range [0, 1])", estimate(r.epic()));
      out.printf(Locale.ROOT, "  %-43s %s%n", "STARC (VAL, L2 over the coverage, [0, 2])", estimate(r.starc()));
      out.printf(Locale.ROOT, "coverage per draw: %.1f episodes, %.1f terminal transitions; env reward on unsimulated"
          + " transitions: %s%n", r.episodes(), r.terminations(),
          r.envRewardModel() ? "the env's own reward model" : "re-simulated from (s, a)");
      for (String note : r.notes()) {
        out.println("note: " + note);
      }
      out.println("Conventions:");
      for (String c : SampledComparison.CONVENTIONS) {
        out.println("  - " + c);
      }
    }

    private static String estimate(SampledComparison.Estimate e) {
      return Double.isNaN(e.standardError()) ? num(e.mean()) + " (one draw: no standard error)"
          : num(e.mean()) + " ± " + num(e.standardError()) + " (standard error)";
    }

    private ObjectNode toJson(SampledComparison.Result r) {
      ObjectNode root = Configs.jsonMapper().createObjectNode();
      root.put("env", envId);
      root.put("A", first.toString());
      root.put("B", second.toString());
      root.put("gamma", gamma);
      root.put("samples", samples);
      root.put("repeats", repeats);
      root.put("rollouts", rollouts);
      root.put("horizon", r.horizon());
      root.put("seed", seed);
      root.put("env_reward_model", r.envRewardModel());
      root.put("episodes_per_draw", r.episodes());
      root.put("terminations_per_draw", r.terminations());
      estimate(root.putObject("epic"), r.epic());
      estimate(root.putObject("starc"), r.starc());
      ArrayNode conv = root.putArray("conventions");
      SampledComparison.CONVENTIONS.forEach(conv::add);
      ArrayNode notes = root.putArray("notes");
      r.notes().forEach(notes::add);
      return root;
    }

    private static void estimate(ObjectNode o, SampledComparison.Estimate e) {
      o.put("mean", e.mean());
      if (Double.isNaN(e.standardError())) {
        o.putNull("standard_error");
      } else {
        o.put("standard_error", e.standardError());
      }
      ArrayNode draws = o.putArray("draws");
      for (double d : e.draws()) draws.add(d);
    }

    /**
     * Reads a reward spec file — the spec itself ({@code type: ...}) or a file with a top-level
     * {@code reward:} key, as in an experiment — and builds it for {@code env}; every error names the file
     * and the key.
     */
    static RewardFn<FlatTransition> build(Path file, FlatEnv env, RewardBuildContext ctx) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new UserInputException(file.toString(), "reward spec file not found", "check the path");
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + file, e);
      }
      JsonNode tree = Configs.parse(text, file.toString());
      String prefix = "";
      if (tree.isObject() && tree.has("reward") && !tree.has("type")) {
        tree = tree.get("reward");
        prefix = "reward.";
      }
      if (!tree.isObject() || tree.isEmpty()) {
        throw new UserInputException(file.toString(), "holds no reward spec",
            "write a spec such as `type: env`, or `reward: {type: env}` (see docs/rewards.md)");
      }
      try {
        RewardSpec spec = Configs.fromTree(tree, RewardSpec.class);
        return RewardSpecs.build(spec, env, ctx);
      } catch (UserInputException e) {
        String where = e.where() == null || e.where().isEmpty() ? prefix.replace(".", "") : prefix + e.where();
        throw new UserInputException(file + (where.isEmpty() ? "" : ": " + where), e.problem(), e.fix(), e);
      }
    }
  }

  /** {@code rewardlab reward inspect RUN [--window N] [--json OUT]}. */
  @Command(
      name = "inspect",
      description = {
        "A run's reward analysis: each reward/* term's mean per record (episode or update) and share of the total,",
        "overall and over the last N records; Pearson and Spearman correlations of the terms and the returns; and",
        "the hacking monitor's verdict on every proxy/gold pair (trained vs env return, reward vs accuracy,",
        "proxy/<x> vs gold/<x>). Writes the analysis plots to the run's plots/ (run `rewardlab plot RUN` to",
        "rewrite report.html)."
      })
  static final class Inspect implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run directory.")
    Path run;

    @Option(names = "--window", paramLabel = "N", description = "Records in the recent window and in each window of the"
        + " monitor (default: a quarter of the run, at least 20).")
    Integer window;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the analysis as JSON to OUT (atomically).")
    Path json;

    @Override
    public Integer call() {
      if (window != null && window < HackingMonitor.MIN_WINDOW) {
        throw new UserInputException("--window", "is " + window + ", below " + HackingMonitor.MIN_WINDOW
            + " (a trend over fewer records is noise)", "use e.g. --window 50, or leave it out for automatic");
      }
      if (json != null) UserFiles.requireFileOrAbsent(json, "--json");
      Metrics metrics = RewardAnalysis.read(run); // a run directory with metrics.jsonl, or one clear error
      RewardAnalysis.Result result = RewardAnalysis.analyze(metrics, window == null ? 0 : window);
      List<RewardAnalysis.Chart> charts = RewardAnalysis.writePlots(run, result);
      if (json != null) writeJson(json, RewardAnalysis.json(run, result));
      PrintWriter out = spec.commandLine().getOut();
      out.println("Reward analysis: " + Workspace.show(run));
      out.println();
      RewardAnalysis.print(out, result);
      out.println();
      for (RewardAnalysis.Chart c : charts) out.println("wrote " + Workspace.show(c.png()));
      if (json != null) out.println("wrote " + json);
      return Main.OK;
    }
  }

  /** {@code rewardlab reward score DATA.jsonl (--task NAME | --spec SPEC.yaml) [--engine ...]}. */
  @Command(
      name = "score",
      description = {
        "Score prompt / completion lines (TRL's prompt-completion JSON lines) with a text task's verifier (--task)",
        "and/or a completion reward spec (--spec, the `reward:` language of docs/rewards.md): each line is written",
        "back, every key kept and in input order, with `reward`, one `reward/<term>` column per term, and with a",
        "task `correct` and `well_formed`. Without --spec the reward is the task's own ({type: task}). With",
        "--engine the lines are scored in parts on that engine; the numbers are the same."
      })
  static final class Score implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA.jsonl", description = "Prompt / completion lines.")
    Path data;

    @Option(names = "--task", paramLabel = "NAME", description = "The text task whose verifier judges each"
        + " completion (its prompt must determine the problem: arith, sort).")
    String task;

    @Option(names = "--spec", paramLabel = "SPEC.yaml", description = "A completion reward spec (or a file with a"
        + " top-level reward:).")
    Path specFile;

    @Option(names = "--out", paramLabel = "OUT.jsonl", description = "Where to write (default: standard output).")
    Path out;

    @Option(names = "--skip-malformed", description = "Skip lines that cannot be read instead of refusing the file.")
    boolean skipMalformed;

    @picocli.CommandLine.Mixin EngineFlags engineFlags = new EngineFlags();

    @Option(names = "--partitions", paramLabel = "P", description = "With --engine: score in P parts of consecutive"
        + " lines, each a task (default: the engine's parallelism).")
    Integer partitions;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      if (task == null && specFile == null) {
        throw new UserInputException("reward score", "needs a verifier or a reward spec",
            "give --task NAME (e.g. --task arith) or --spec SPEC.yaml, or both");
      }
      engineFlags.check();
      RmCommand.checkPartitions(partitions, engineFlags);
      if (out != null) UserFiles.requireFileOrAbsent(out, "--out");
      if (task != null) {
        try {
          org.rewardlab.envs.text.TextTasks.defaults(task);
        } catch (UserInputException e) {
          throw new UserInputException("--task", e.problem(), e.fix(), e);
        }
      }
      String specJson = org.rewardlab.algos.lm.eval.CompletionScoring.specJson(
          specFile == null ? null : UserFiles.readUtf8(specFile, "reward spec"), specFile == null ? "--task" : specFile.toString());
      var d = org.rewardlab.reward.preference.PromptCompletionJsonl.parse(UserFiles.readUtf8(data, "data"),
          data.toString(), skipMalformed ? org.rewardlab.reward.preference.PreferenceJsonl.OnMalformed.SKIP
              : org.rewardlab.reward.preference.PreferenceJsonl.OnMalformed.FAIL);
      err.println(d.summary());
      List<org.rewardlab.algos.lm.eval.CompletionScoring.Line> lines = new java.util.ArrayList<>();
      for (var r : d.rows()) {
        lines.add(org.rewardlab.algos.lm.eval.CompletionScoring.Line.of(data + ":" + r.line(), r.prompt().render(),
            r.completion().render(), r.source()));
      }
      org.rewardlab.algos.lm.eval.CompletionScoring.Result result;
      if (engineFlags.given()) {
        try (org.rewardlab.core.parallel.TaskEngine engine = engineFlags.open()) {
          int p = partitions != null ? partitions : engine.parallelism();
          long t0 = System.nanoTime();
          result = org.rewardlab.algos.lm.eval.CompletionScoring.score(engine, specJson, task, lines, p);
          err.printf(Locale.ROOT, "scored %d lines in %d parts on %s (%s) in %.1f s%n", lines.size(), result.parts(),
              engine.name(), engine.describe(), (System.nanoTime() - t0) / 1e9);
        }
      } else {
        result = org.rewardlab.algos.lm.eval.CompletionScoring.score(null, specJson, task, lines, 1);
      }
      var res = result;
      String text = org.rewardlab.reward.preference.PromptCompletionJsonl.format(d.rows(), (i, node) -> {
        org.rewardlab.algos.lm.eval.CompletionScoring.columns(res, i).forEach((k, v) -> {
          if (v instanceof Boolean b) node.put(k, b);
          else node.put(k, (Double) v);
        });
      });
      if (out == null) {
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
      } else {
        AtomicFiles.writeString(out, text);
        err.println("wrote " + out + " (" + lines.size() + " scored completions; columns reward, "
            + String.join(", ", res.termNames().stream().map(t -> "reward/" + t).toList())
            + (task != null ? ", correct, well_formed" : "") + ")");
      }
      return Main.OK;
    }
  }

  /** A number in at most 6 significant digits, plain where short. */
  static String num(double x) {
    if (x == 0) return "0";
    double ax = Math.abs(x);
    if (ax >= 1e-4 && ax < 1e6) {
      String s = String.format(Locale.ROOT, "%.6g", x);
      if (s.contains(".") && !s.contains("e")) {
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      return s;
    }
    return String.format(Locale.ROOT, "%.5e", x);
  }
}
