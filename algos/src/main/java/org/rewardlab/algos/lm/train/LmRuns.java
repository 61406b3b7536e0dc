package org.rewardlab.algos.lm.train;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.GenerateOptions;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.core.text.CharTokenizer;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.TextTask;
import org.rewardlab.envs.text.TextTasks;
import org.rewardlab.nn.Torch;
import org.rewardlab.nn.lm.Generation;
import org.rewardlab.nn.lm.LmCheckpoint;
import org.rewardlab.nn.lm.Sampler;
import org.rewardlab.nn.lm.SamplingConfig;
import org.rewardlab.nn.lm.TinyGpt;

/** What the {@code sft} and {@code grpo} algorithms share: start, resume, evaluate and generate for an {@link LmPlan}. */
final class LmRuns {
  private LmRuns() {}

  /** Checks the plan without training: the task, the model against the task, the split size. */
  static void validate(LmPlan plan) {
    TextTask<? extends Problem> task = TextTasks.make(plan.task());
    try {
      plan.model().toConfig(task.tokenizer().vocabSize(), task.sequenceLength());
    } catch (UserInputException e) {
      throw new UserInputException("algo." + e.where().replaceFirst("^algo\\.", ""), e.problem(), e.fix(), e);
    }
    if (plan.grpo() != null && plan.grpo().initFrom() != null) {
      java.nio.file.Path from = java.nio.file.Path.of(plan.grpo().initFrom());
      Checkpoint ck;
      try {
        ck = RunCheckpoints.load(from);
      } catch (UserInputException e) {
        throw new UserInputException("algo.initFrom", e.problem(), "give the directory of a finished sft or grpo run", e);
      }
      org.rewardlab.nn.lm.TinyGptConfig want = plan.model().toConfig(task.tokenizer().vocabSize(), task.sequenceLength());
      org.rewardlab.nn.lm.TinyGptConfig got = LmCheckpoint.readConfig(ck, "model.");
      if (!want.equals(got)) {
        throw new UserInputException("algo.initFrom", "that run's model (" + got + ") differs from this one's (" + want + ")",
            "use the same task and model settings as the run you start from");
      }
    }
    if (plan.dpo() != null && plan.dpo().data() != null) {
      DpoPairs.load(plan.dpo().data(), task.tokenizer(),
          plan.model().toConfig(task.tokenizer().vocabSize(), task.sequenceLength()).contextLength());
    }
    if (plan.reward() != null) {
      if (plan.formatWeight() != 0) {
        throw new UserInputException("algo.formatWeight", "is " + plan.formatWeight() + ", but the run is scored by its reward:"
            + " section, which does not read it", "remove algo.formatWeight and write the format bonus in the spec, e.g."
            + " `reward: {type: task, formatWeight: " + plan.formatWeight() + "}`");
      }
      LmReward.build(plan.reward());
    }
    if (plan.grpo() != null && plan.grpo().pairAnalogues() && !(task instanceof org.rewardlab.envs.text.AnalogicalTask)) {
      throw new UserInputException("algo.pairAnalogues", "task " + task.name() + " has no analogues (rephrased problems)",
          "use a task that has them (arith: the commuted expression), or remove pairAnalogues");
    }
    if (plan.grpo() != null && !plan.grpo().signals().isEmpty()) {
      if (plan.reward() == null) {
        throw new UserInputException("algo.signals", "nothing reads them: the run trains on the task's verifier reward",
            "add a reward: section whose terms read the signals (e.g. `{type: completion, signal: rm}`), or remove algo.signals");
      }
      LmReward.sources(plan.grpo().signals(), task);
    }
    if ((long) plan.eval().testSize() * 2 > task.problemCount()) {
      throw new UserInputException("algo.eval.testSize", "the task has only " + task.problemCount()
          + " problems; a test split of " + plan.eval().testSize() + " leaves too few to train on",
          "use at most " + task.problemCount() / 2);
    }
  }

  static LmTrainer start(ExperimentSpec spec, RunContext ctx, LmPlan plan) {
    return new LmTrainer(spec, ctx, plan);
  }

  static LmTrainer resume(ExperimentSpec spec, RunContext ctx, LmPlan plan, Checkpoint ck) {
    RunCheckpoints.requireLayout(ck, LmTrainer.LAYOUT);
    LmTrainer t = new LmTrainer(spec, ctx, plan);
    t.restore(ck);
    return t;
  }

  /**
   * Greedy test accuracy and (unless deterministic) sampled pass@1 / pass@k on the first
   * {@code options.episodes()} problems of the run's test split.
   */
  static EvalResult evaluate(ExperimentSpec spec, LmPlan plan, Checkpoint ck, EvalOptions options) {
    RunCheckpoints.requireLayout(ck, LmTrainer.LAYOUT);
    TextTask<? extends Problem> task = TextTasks.make(plan.task());
    CharTokenizer tok = task.tokenizer();
    List<? extends Problem> test = task.split(new org.rewardlab.core.random.Seeds(spec.seed()).seed("lm.split"),
        plan.eval().testSize()).test();
    test = test.subList(0, Math.min(options.episodes(), test.size()));
    int maxNew = plan.grpo() != null && plan.grpo().maxNewTokens() > 0 ? plan.grpo().maxNewTokens() : task.maxAnswerLength() + 1;
    try (NDManager root = Torch.manager(); TinyGpt model = LmCheckpoint.readModel(ck, "model.", root)) {
      Map<String, Double> m = LmEvaluation.evaluate(model, tok, test, maxNew, plan.eval().samples(),
          plan.eval().temperature(), options.deterministic(), RandomSource.of(options.seed()));
      List<String> lines = new ArrayList<>();
      for (Map.Entry<String, Double> e : m.entrySet()) lines.add(String.format(java.util.Locale.ROOT, "%-34s %.4f", e.getKey(), e.getValue()));
      String summary = String.format(java.util.Locale.ROOT, "greedy accuracy %.3f on %d held-out problems", m.get("eval/greedy_accuracy"), test.size())
          + (m.containsKey("eval/pass@1") ? String.format(java.util.Locale.ROOT, "; sampled pass@1 %.3f, pass@%d %.3f at temperature %s",
              m.get("eval/pass@1"), plan.eval().samples(), m.getOrDefault("eval/pass@" + plan.eval().samples(), m.get("eval/pass@1")),
              plan.eval().temperature()) : "");
      return new EvalResult(m, lines, summary);
    }
  }

  /** Completions of free-form prompts (each encoded as {@code <bos>} + prompt). */
  static List<String> generate(LmPlan plan, Checkpoint ck, List<String> prompts, GenerateOptions options) {
    RunCheckpoints.requireLayout(ck, LmTrainer.LAYOUT);
    TextTask<? extends Problem> task = TextTasks.make(plan.task());
    CharTokenizer tok = task.tokenizer();
    int[][] ids = new int[prompts.size()][];
    for (int i = 0; i < ids.length; i++) {
      try {
        ids[i] = tok.encode(prompts.get(i), true, false);
      } catch (UserInputException e) {
        throw new UserInputException("--prompt '" + prompts.get(i) + "'", e.problem(), e.fix(), e);
      }
    }
    try (NDManager root = Torch.manager(); TinyGpt model = LmCheckpoint.readModel(ck, "model.", root)) {
      int room = model.config().contextLength();
      for (int[] p : ids) {
        if (p.length >= room) {
          throw new UserInputException("--prompt", "a prompt of " + p.length + " tokens leaves no room in the model's context of "
              + room, "use a prompt shorter than " + (room - 1) + " characters");
        }
      }
      int maxNew = options.maxNewTokens() > 0 ? options.maxNewTokens() : task.maxAnswerLength() + 1;
      SamplingConfig sc = options.temperature() == 0 ? SamplingConfig.greedy(maxNew)
          : SamplingConfig.sample(maxNew).withTemperature((float) options.temperature());
      Generation g = new Sampler(model, sc).generate(ids, options.samples(), RandomSource.of(options.seed()));
      List<String> out = new ArrayList<>();
      for (int b = 0; b < g.size(); b++) {
        String text;
        try {
          text = tok.decode(g.answer(b));
        } catch (RuntimeException e) {
          text = "";
        }
        out.add(text + (g.truncated(b) ? " [cut: no <eos>]" : ""));
      }
      return out;
    }
  }
}
