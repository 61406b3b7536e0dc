package org.rewardlab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rewardlab.algos.rm.RewardModels;
import org.rewardlab.algos.rm.RmConfig;
import org.rewardlab.algos.rm.RmEvaluation;
import org.rewardlab.algos.rm.RmInput;
import org.rewardlab.algos.rm.RmPair;
import org.rewardlab.algos.rm.RmScoring;
import org.rewardlab.algos.rm.RmTrainer;
import org.rewardlab.algos.rm.TrainedRewardModel;
import org.rewardlab.cli.report.Plots;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.data.PreferencePair;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.core.run.AtomicFiles;
import org.rewardlab.reward.preference.PreferenceData;
import org.rewardlab.reward.preference.PreferenceJsonl;
import org.rewardlab.reward.preference.PromptCompletionJsonl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rewardlab rm train|eval|score}: Bradley–Terry reward models on preference data in TRL's JSON-lines
 * format (guide: docs/preferences.md).
 */
@Command(
    name = "rm",
    description = "Reward models from preference pairs (TRL's prompt / chosen / rejected JSON lines, plain or"
        + " conversational): train, evaluate, score.",
    subcommands = {RmCommand.Train.class, RmCommand.Eval.class, RmCommand.Score.class})
final class RmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "missing command: choose one of " + String.join(", ", spec.subcommands().keySet()));
  }

  /** Refuses MODEL and DATA given the wrong way round (a model file where the data goes). */
  static void checkOrder(Path model, Path data) {
    if (data.getFileName().toString().endsWith(".rm")) {
      throw new UserInputException(data.toString(), "is a reward model file where the preference data goes",
          "give the model first: rewardlab rm <eval|score> MODEL.rm DATA.jsonl");
    }
  }

  /** Reads a preference file, printing what reading found to {@code err}. */
  static PreferenceData read(Path data, boolean skipMalformed, PrintWriter err) {
    PreferenceData d = PreferenceJsonl.read(data,
        skipMalformed ? PreferenceJsonl.OnMalformed.SKIP : PreferenceJsonl.OnMalformed.FAIL);
    err.println(d.summary());
    return d;
  }

  /**
   * Refuses a {@code --partitions} below 1, or one given without an engine.
   *
   * @throws UserInputException naming {@code --partitions} and the fix
   */
  static void checkPartitions(Integer partitions, EngineFlags engine) {
    if (partitions == null) return;
    if (!engine.given()) {
      throw new UserInputException("--partitions", "only applies to an engine", "add --engine local or --engine spark");
    }
    if (partitions < 1) {
      throw new UserInputException("--partitions", "must be 1 or more, got " + partitions,
          "use e.g. --partitions 4, or leave it out for one per engine thread");
    }
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** {@code rewardlab rm train DATA.jsonl}. */
  @Command(name = "train", description = {
      "Train a Bradley-Terry reward model: -log sigmoid(r_w - r_l - margin) (+ tie and centering terms).",
      "Prints the data summary (pairs, ties, skipped lines, duplicates, contradictions), the loss per epoch",
      "and the training throughput, and writes the model file (default DATA.rm)."})
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA.jsonl", description = "Preference pairs.")
    Path data;

    @Option(names = "--out", paramLabel = "MODEL.rm", description = "Where to write the model (default: DATA with .rm).")
    Path out;

    @Option(names = "--model", description = "feature (hashed n-grams -> MLP) or tinygpt (default: ${DEFAULT-VALUE}).")
    String model = "feature";

    @Option(names = "--epochs", description = "Passes over the data (default: ${DEFAULT-VALUE}).")
    int epochs = RmConfig.defaults().epochs();

    @Option(names = "--batch-size", description = "Pairs per update (default: ${DEFAULT-VALUE}).")
    int batchSize = RmConfig.defaults().batchSize();

    @Option(names = "--lr", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr = RmConfig.defaults().learningRate();

    @Option(names = "--center", paramLabel = "C", description = "TRL's center_rewards_coefficient (default: ${DEFAULT-VALUE}).")
    double center = 0;

    @Option(names = "--ensemble", paramLabel = "K", description = "Members, each from its own seed (default: ${DEFAULT-VALUE}).")
    int ensemble = 1;

    @Option(names = "--context", paramLabel = "TOKENS", description = "TinyGpt context length (default: ${DEFAULT-VALUE}).")
    int context = RmConfig.defaults().contextLength();

    @Option(names = "--layers", description = "TinyGpt blocks (default: ${DEFAULT-VALUE}).")
    int layers = RmConfig.defaults().layers();

    @Option(names = "--d-model", description = "TinyGpt width (default: ${DEFAULT-VALUE}).")
    int dModel = RmConfig.defaults().dModel();

    @Option(names = "--heads", description = "TinyGpt heads (default: ${DEFAULT-VALUE}).")
    int heads = RmConfig.defaults().heads();

    @Option(names = "--feature-dim", description = "Hashed feature buckets (default: ${DEFAULT-VALUE}).")
    int featureDim = RmConfig.defaults().featureDim();

    @Option(names = "--hidden", split = ",", description = "Hidden widths of the feature MLP (default: 64).")
    List<Integer> hidden = List.of(64);

    @Option(names = "--seed", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--skip-malformed", description = "Skip lines that cannot be read (reported with their numbers)"
        + " instead of refusing the file.")
    boolean skipMalformed;

    @Override
    public Integer call() {
      PrintWriter o = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      RmConfig cfg;
      try {
        cfg = new RmConfig(model, featureDim, hidden, layers, dModel, heads, context, epochs, batchSize, lr, center,
            RmConfig.defaults().tieWeight(), RmConfig.defaults().maxGradNorm(), ensemble);
      } catch (UserInputException e) {
        throw new UserInputException("--" + flag(e.where()), e.problem(), e.fix());
      }
      PreferenceData d = read(data, skipMalformed, err);
      List<RmPair> pairs = RmPair.of(d.pairs());
      Path target = out != null ? out : defaultOut(data);
      long t0 = System.nanoTime();
      RewardModels.Trained t = RewardModels.train(pairs, cfg, seed, data.toString());
      double secs = (System.nanoTime() - t0) / 1e9;
      try (TrainedRewardModel m = t.model()) {
        for (int k = 0; k < t.reports().size(); k++) {
          RmTrainer.Report r = t.reports().get(k);
          for (int e = 0; e < r.losses().length; e++) {
            o.println((t.reports().size() > 1 ? "member " + k + " " : "") + "epoch " + (e + 1) + "  loss "
                + num(r.losses()[e]) + "  train accuracy " + num(r.accuracies()[e]));
          }
        }
        long seen = (long) pairs.size() * cfg.epochs() * cfg.ensemble();
        o.printf(Locale.ROOT, "trained %s reward model on %d pairs in %.1f s (%.0f pairs/s); rewards on the training"
            + " responses: mean %s, std %s%n", cfg.model(), pairs.size(), secs, seen / secs, num(m.trainMean()),
            num(m.trainStd()));
        m.save(target);
      }
      o.println("wrote " + target);
      return Main.OK;
    }

    private static String flag(String field) {
      return switch (field) {
        case "learningRate" -> "lr";
        case "centerCoef" -> "center";
        case "contextLength" -> "context";
        case "batchSize" -> "batch-size";
        case "dModel" -> "d-model";
        case "featureDim" -> "feature-dim";
        default -> field;
      };
    }

    static Path defaultOut(Path data) {
      String name = data.getFileName().toString();
      String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
      Path parent = data.toAbsolutePath().getParent();
      return parent.resolve(base + ".rm");
    }
  }

  /** {@code rewardlab rm eval MODEL DATA.jsonl}. */
  @Command(name = "eval", description = {
      "Evaluate a reward model on preference pairs: pairwise accuracy overall and by category, calibration",
      "(reliability table, expected calibration error; --plot draws the reliability diagram), mean log loss."})
  static final class Eval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.rm", description = "A model written by rm train.")
    Path model;

    @Parameters(index = "1", paramLabel = "DATA.jsonl", description = "Held-out preference pairs.")
    Path data;

    @Option(names = "--plot", paramLabel = "OUT.png", description = "Write the reliability diagram.")
    Path plot;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Write the evaluation as JSON.")
    Path json;

    @Option(names = "--skip-malformed", description = "Skip lines that cannot be read instead of refusing the file.")
    boolean skipMalformed;

    @Override
    public Integer call() {
      PrintWriter o = spec.commandLine().getOut();
      checkOrder(model, data);
      PreferenceData d = read(data, skipMalformed, spec.commandLine().getErr());
      List<RmPair> pairs = RmPair.of(d.pairs());
      if (pairs.stream().allMatch(RmPair::tie)) {
        throw new UserInputException(data.toString(), "has one class only: every pair is a tie, so there is no"
            + " preference to check", "evaluate on pairs where one response is preferred");
      }
      try (TrainedRewardModel m = TrainedRewardModel.load(model)) {
        m.checkAll(pairs, data.toString());
        RmEvaluation.Report r = RmEvaluation.evaluate(m, pairs);
        o.println("pairs " + r.pairs() + "  accuracy " + num(r.accuracy()) + "  ECE " + num(r.ece())
            + "  mean log loss " + num(r.meanLogLoss()));
        if (r.byCategory().size() > 1 || !r.byCategory().containsKey("")) {
          o.println("accuracy by category:");
          for (Map.Entry<String, Double> e : r.byCategory().entrySet()) {
            o.println("  " + (e.getKey().isEmpty() ? "(none)" : e.getKey()) + "  " + num(e.getValue()));
          }
        }
        o.println("reliability (predicted P(chosen > rejected) vs observed, both orders of each pair):");
        double[] pred = new double[r.bins().size()];
        double[] obs = new double[r.bins().size()];
        for (int i = 0; i < pred.length; i++) {
          RmEvaluation.Bin b = r.bins().get(i);
          pred[i] = b.meanPredicted();
          obs[i] = b.observed();
          o.printf(Locale.ROOT, "  [%.1f, %.1f)  n %5d  predicted %s  observed %s%n", b.lo(), b.hi(), b.count(),
              b.count() == 0 ? "   -  " : num(b.meanPredicted()), b.count() == 0 ? "   -  " : num(b.observed()));
        }
        if (plot != null) {
          Plots.reliability("Reliability — " + model.getFileName(), pred, obs, plot);
          o.println("wrote " + plot);
        }
        if (json != null) {
          RewardCommand.writeJson(json, Configs.jsonMapper().valueToTree(r));
          o.println("wrote " + json);
        }
      }
      return Main.OK;
    }
  }

  /** {@code rewardlab rm score MODEL DATA.jsonl}. */
  @Command(name = "score", description = {
      "Score every pair of DATA.jsonl: writes each line back with chosen_score and rejected_score (and",
      "chosen_uncertainty / rejected_uncertainty for an ensemble), to --out or standard output.",
      "A file of prompt / completion lines (TRL's prompt-completion format, plain or conversational) is written",
      "back line by line, in input order and with every key kept, with a score (and uncertainty) column."})
  static final class Score implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.rm", description = "A model written by rm train.")
    Path model;

    @Parameters(index = "1", paramLabel = "DATA.jsonl", description = "Preference pairs or prompt / completion lines.")
    Path data;

    @Option(names = "--out", paramLabel = "OUT.jsonl", description = "Where to write (default: standard output).")
    Path out;

    @Option(names = "--skip-malformed", description = "Skip lines that cannot be read instead of refusing the file.")
    boolean skipMalformed;

    @Mixin EngineFlags engineFlags = new EngineFlags();

    @Option(names = "--partitions", paramLabel = "P", description = "With --engine: score in P parts, each a task"
        + " that loads the model once (default: the engine's parallelism). Parts are whole batches, so the numbers"
        + " are the same for every P.")
    Integer partitions;

    @Option(names = "--batch-size", paramLabel = "B", description = "Inputs per forward pass (default:"
        + " ${DEFAULT-VALUE}). Batches are fixed by the line's index, so every engine and partitioning scores the same"
        + " batches.")
    int batchSize = TrainedRewardModel.SCORE_BATCH;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      checkOrder(model, data);
      engineFlags.check();
      checkPartitions(partitions, engineFlags);
      if (batchSize < 1) {
        throw new UserInputException("--batch-size", "must be 1 or more, got " + batchSize, "use e.g. --batch-size 256");
      }
      String raw = org.rewardlab.core.UserFiles.readUtf8(data, "data");
      if (PromptCompletionJsonl.looksLikePromptCompletion(raw)) return scoreCompletions(raw, err);
      PreferenceData d = read(data, skipMalformed, err);
      List<PreferencePair> pairs = d.pairs();
      List<RmPair> rp = RmPair.of(pairs);
      List<RmInput> chosen = new ArrayList<>();
      List<RmInput> rejected = new ArrayList<>();
      boolean ens;
      try (TrainedRewardModel m = TrainedRewardModel.load(model)) {
        m.checkAll(rp, data.toString());
        ens = m.members().size() > 1;
      }
      for (RmPair p : rp) {
        chosen.add(p.chosen());
        rejected.add(p.rejected());
      }
      RmScoring.Result r = score(List.of(chosen, rejected), ens, err);
      double[] sc = r.scores()[0];
      double[] sr = r.scores()[1];
      String text = PreferenceJsonl.format(pairs, (i, node) -> {
        node.put("chosen_score", sc[i]);
        node.put("rejected_score", sr[i]);
        if (ens) {
          node.put("chosen_uncertainty", r.uncertainty()[0][i]);
          node.put("rejected_uncertainty", r.uncertainty()[1][i]);
        }
      });
      write(text, pairs.size() + " scored pairs", err);
      return Main.OK;
    }

    /** Prompt / completion lines: each line back with {@code score} (and {@code uncertainty}), in input order. */
    private int scoreCompletions(String raw, PrintWriter err) {
      PromptCompletionJsonl.Data d = PromptCompletionJsonl.parse(raw, data.toString(),
          skipMalformed ? PreferenceJsonl.OnMalformed.SKIP : PreferenceJsonl.OnMalformed.FAIL);
      err.println(d.summary());
      List<RmInput> inputs = new ArrayList<>();
      for (PromptCompletionJsonl.Row r : d.rows()) inputs.add(RmInput.text(r.prompt().render(), r.completion().render()));
      boolean ens;
      try (TrainedRewardModel m = TrainedRewardModel.load(model)) {
        for (int i = 0; i < inputs.size(); i++) m.check(inputs.get(i), data + ":" + d.rows().get(i).line());
        ens = m.members().size() > 1;
      }
      RmScoring.Result r = score(List.of(inputs), ens, err);
      String text = PromptCompletionJsonl.format(d.rows(), (i, node) -> {
        node.put("score", r.scores()[0][i]);
        if (ens) node.put("uncertainty", r.uncertainty()[0][i]);
      });
      write(text, d.rows().size() + " scored completions", err);
      return Main.OK;
    }

    /** Scores the columns in this thread, or on the engine in parts (the model's bytes travel with the tasks). */
    private RmScoring.Result score(List<List<RmInput>> columns, boolean uncertainty, PrintWriter err) {
      if (columns.get(0).isEmpty()) return new RmScoring.Result(new double[columns.size()][0], uncertainty
          ? new double[columns.size()][0] : null, 0);
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(model);
      } catch (java.io.IOException e) {
        throw new UserInputException(model.toString(), "cannot be read: " + e.getMessage(), "check the path", e);
      }
      if (!engineFlags.given()) {
        return RmScoring.score(null, bytes, model.toString(), columns, batchSize, 1, uncertainty);
      }
      try (TaskEngine engine = engineFlags.open()) {
        int p = partitions != null ? partitions : engine.parallelism();
        long t0 = System.nanoTime();
        RmScoring.Result r = RmScoring.score(engine, bytes, model.toString(), columns, batchSize, p, uncertainty);
        err.printf(Locale.ROOT, "scored %d rows in %d parts of whole batches of %d on %s (%s) in %.1f s%n",
            columns.get(0).size(), r.parts(), batchSize, engine.name(), engine.describe(), (System.nanoTime() - t0) / 1e9);
        return r;
      }
    }

    private void write(String text, String what, PrintWriter err) {
      if (out == null) {
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
      } else {
        if (Files.isDirectory(out)) {
          throw new UserInputException("--out " + out, "is a directory", "give the path of a file, e.g. scored.jsonl");
        }
        AtomicFiles.writeString(out, text);
        err.println("wrote " + out + " (" + what + ")");
      }
    }
  }
}
