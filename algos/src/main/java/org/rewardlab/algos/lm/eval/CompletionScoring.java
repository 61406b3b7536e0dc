package org.rewardlab.algos.lm.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rewardlab.algos.lm.train.TaskCompletion;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.core.parallel.TaskFunction;
import org.rewardlab.core.reward.NonFiniteRewardException;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.TextTask;
import org.rewardlab.envs.text.TextTasks;
import org.rewardlab.envs.text.Verdict;
import org.rewardlab.reward.RewardSpecs;
import org.rewardlab.reward.compose.RewardTree;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * Scoring prompt / completion lines with a text task's verifier or a completion reward spec ({@code rewardlab
 * reward score}), in parts on a {@link TaskEngine}. Each line is its own completion: the reward is a function of
 * the line alone, so every engine and partitioning gives the same numbers (a spec with a stateful part, such as
 * {@code normalize}, is refused on an engine, where its running state would depend on the cut).
 *
 * <p>What a line gives the reward's terms ({@link ScoredCompletion}): {@code length} is the completion's length in
 * characters (the text tasks' character tokens); {@code finished} is the line's boolean {@code finished} (true
 * when absent); with a task, {@code correct}, {@code format} and {@code score} come from its verifier on the
 * problem its prompt determines ({@link TextTask#problemOf}); without one, from the line's {@code correct}, {@code
 * well_formed} (booleans, false when absent) and {@code score} (a number, e.g. written by {@code rm score}).
 * Every other top-level number of the line is a signal, every array of numbers a sequence.
 */
public final class CompletionScoring {
  private CompletionScoring() {}

  /**
   * One line.
   *
   * @param where {@code file:line}, for messages
   * @param prompt the prompt's text
   * @param completion the completion's text
   * @param finished whether the completion ended (false: it ran out of tokens)
   * @param correct the line's own {@code correct}, or null
   * @param wellFormed the line's own {@code well_formed}, or null
   * @param signals the line's other numbers (its {@code score} included)
   * @param sequences the line's arrays of numbers
   */
  public record Line(String where, String prompt, String completion, boolean finished, Boolean correct,
      Boolean wellFormed, LinkedHashMap<String, Double> signals, LinkedHashMap<String, double[]> sequences)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The line's numbers, flags and arrays read from its JSON object (prompt and completion given apart). */
    public static Line of(String where, String prompt, String completion, JsonNode source) {
      boolean finished = true;
      Boolean correct = null;
      Boolean wellFormed = null;
      LinkedHashMap<String, Double> signals = new LinkedHashMap<>();
      LinkedHashMap<String, double[]> sequences = new LinkedHashMap<>();
      for (var it = source.fields(); it.hasNext(); ) {
        var e = it.next();
        String k = e.getKey();
        JsonNode v = e.getValue();
        if (k.equals("prompt") || k.equals("completion")) continue;
        if (v.isBoolean()) {
          switch (k) {
            case "finished" -> finished = v.booleanValue();
            case "correct" -> correct = v.booleanValue();
            case "well_formed" -> wellFormed = v.booleanValue();
            default -> { }
          }
        } else if (v.isNumber()) {
          signals.put(k, v.doubleValue());
        } else if (v.isArray() && !v.isEmpty()) {
          double[] xs = new double[v.size()];
          boolean numbers = true;
          for (int i = 0; i < xs.length && numbers; i++) {
            numbers = v.get(i).isNumber();
            if (numbers) xs[i] = v.get(i).doubleValue();
          }
          if (numbers) sequences.put(k, xs);
        }
      }
      return new Line(where, prompt, completion, finished, correct, wellFormed, signals, sequences);
    }
  }

  /**
   * A line's numbers.
   *
   * @param reward the total reward
   * @param terms each term's value, in the order of {@link RewardFn#termNames()}
   * @param correct the verifier's verdict (null without a task)
   * @param wellFormed the verifier's format check (null without a task)
   */
  public record Scored(double reward, double[] terms, Boolean correct, Boolean wellFormed) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Lines {@code [start, start + lines.size())}. */
  public record Part(int start, ArrayList<Line> lines) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** A part's numbers. */
  public record PartScores(int start, ArrayList<Scored> scored) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Everything scored, in input order.
   *
   * @param termNames the reward's term names (the per-term columns)
   * @param scored per line
   * @param parts the parts scored
   */
  public record Result(List<String> termNames, List<Scored> scored, int parts) {}

  /**
   * The reward spec as JSON text, from a spec file's content ({@code type: ...}, or a top-level {@code reward:}),
   * or the task's own reward {@code {type: task}} when {@code specYaml} is null; checked by building it.
   *
   * @param source the spec file's name, for messages
   * @throws UserInputException naming the file and the key, if it is no completion reward spec
   */
  public static String specJson(String specYaml, String source) {
    JsonNode tree;
    String prefix = "";
    if (specYaml == null) {
      tree = Configs.jsonMapper().createObjectNode().put("type", "task");
    } else {
      tree = Configs.parse(specYaml, source);
      if (tree.isObject() && tree.has("reward") && !tree.has("type")) {
        tree = tree.get("reward");
        prefix = "reward.";
      }
      if (!tree.isObject() || tree.isEmpty()) {
        throw new UserInputException(source, "holds no reward spec",
            "write a completion spec such as `type: task`, or `reward: {type: weighted, terms: [...]}` (see docs/rewards.md)");
      }
    }
    try {
      RewardSpecs.buildForCompletions(Configs.fromTree(tree, RewardSpec.class));
      return Configs.jsonMapper().writeValueAsString(tree);
    } catch (UserInputException e) {
      String where = e.where() == null || e.where().isEmpty() ? prefix.replace(".", "") : prefix + e.where();
      throw new UserInputException(source + (where.isEmpty() ? "" : ": " + where), e.problem(), e.fix(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The reward built from {@link #specJson} text. */
  static RewardFn<ScoredCompletion> build(String specJson) {
    try {
      return RewardSpecs.buildForCompletions(Configs.fromTree(Configs.jsonMapper().readTree(specJson), RewardSpec.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The reward's term names (the per-term columns). */
  public static List<String> termNames(String specJson) {
    return List.copyOf(build(specJson).termNames());
  }

  /** Whether the spec has a part that keeps state between completions ({@code normalize}). */
  public static boolean stateful(String specJson) {
    return RewardTree.isStateful(build(specJson));
  }

  /**
   * Scores {@code lines}: on {@code engine} in {@code partitions} parts of consecutive lines, or in this thread
   * when {@code engine} is null.
   *
   * @param task the text task whose verifier judges the lines, or null
   * @throws UserInputException for a stateful spec on an engine, an unknown task, a task that cannot rebuild a
   *     problem from a prompt, a prompt that is not the task's, a non-finite reward (naming the line)
   */
  public static Result score(TaskEngine engine, String specJson, String task, List<Line> lines, int partitions) {
    if (task != null) TextTasks.defaults(task); // an unknown name fails here, with the list
    if (engine != null && stateful(specJson)) {
      throw new UserInputException("--spec", "has a stateful part (normalize): each score would depend on the lines"
          + " scored before it in the same part", "drop the normalize part, or score without --engine");
    }
    int n = lines.size();
    int parts = Math.max(1, Math.min(engine == null ? 1 : partitions, n));
    List<Part> cut = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      int from = (int) ((long) p * n / parts);
      int to = (int) ((long) (p + 1) * n / parts);
      cut.add(new Part(from, new ArrayList<>(lines.subList(from, to))));
    }
    Score fn = new Score(specJson, task);
    List<PartScores> got;
    if (engine == null) {
      got = new ArrayList<>();
      for (Part p : cut) got.add(fn.apply(p));
    } else {
      got = engine.map(cut, fn, cut.size());
    }
    List<Scored> all = new ArrayList<>(n);
    for (int p = 0; p < cut.size(); p++) {
      if (got.get(p).start() != cut.get(p).start() || got.get(p).scored().size() != cut.get(p).lines().size()) {
        throw new IllegalStateException("the engine returned the scores of another part for lines from "
            + cut.get(p).start());
      }
      all.addAll(got.get(p).scored());
    }
    return new Result(termNames(specJson), List.copyOf(all), cut.size());
  }

  /** Scores one part on a worker: builds the reward (and the task) once, then each line on its own. */
  public static final class Score implements TaskFunction<Part, PartScores> {
    private static final long serialVersionUID = 1L;

    private final String specJson;
    private final String task;

    public Score(String specJson, String task) {
      this.specJson = specJson;
      this.task = task;
    }

    @Override
    public PartScores apply(Part part) {
      RewardFn<ScoredCompletion> reward = build(specJson);
      TextTask<?> t = task == null ? null : TextTasks.make(task);
      ArrayList<Scored> out = new ArrayList<>(part.lines().size());
      for (Line line : part.lines()) out.add(score(reward, t, line));
      return new PartScores(part.start(), out);
    }

    private static Scored score(RewardFn<ScoredCompletion> reward, TextTask<?> task, Line line) {
      ScoredCompletion c;
      Boolean correct = null;
      Boolean wellFormed = null;
      if (task != null) {
        Optional<? extends Problem> problem = task.problemOf(line.prompt());
        if (problem.isEmpty()) {
          throw new UserInputException(line.where(), "the prompt " + UserInputException.quote(line.prompt())
              + " is not a prompt of the '" + task.name() + "' task" + (task.problemOf(anyPrompt(task)).isEmpty()
                  ? " (this task cannot rebuild a problem from its prompt)" : ""),
              "score this file with the task that wrote its prompts, or with --spec alone (no verifier)");
        }
        Completion completion = new Completion(problem.get(), line.completion(), line.finished());
        Verdict v = completion.verdict();
        TaskCompletion tc = new TaskCompletion(completion, v, line.completion().length(), line.signals(), line.sequences());
        correct = tc.correct();
        wellFormed = tc.wellFormed();
        c = tc;
      } else {
        c = new FromLine(line);
      }
      double[] terms = new double[reward.termNames().size()];
      reward.reset();
      double total;
      try {
        total = reward.evaluate(c, terms);
      } catch (NonFiniteRewardException e) {
        throw new UserInputException(line.where(), e.getMessage(), task == null
            ? "give the line the numbers the spec reads (e.g. a \"score\", written by rm score), or use --task"
            : "give the line the signals the spec reads", e);
      }
      return new Scored(total, terms, correct, wellFormed);
    }

    private static String anyPrompt(TextTask<?> task) {
      return task.sample(org.rewardlab.core.random.RandomSource.of(0)).prompt();
    }
  }

  /** A line without a task: its own flags and numbers. */
  private record FromLine(Line line) implements ScoredCompletion {
    @Override
    public int length() {
      return line.completion().length();
    }

    @Override
    public boolean finished() {
      return line.finished();
    }

    @Override
    public boolean correct() {
      return Boolean.TRUE.equals(line.correct()) && line.finished();
    }

    @Override
    public boolean wellFormed() {
      return Boolean.TRUE.equals(line.wellFormed()) && line.finished();
    }

    @Override
    public double score() {
      Double s = line.signals().get("score");
      return s == null ? Double.NaN : s;
    }

    @Override
    public double signal(String name) {
      Double v = line.signals().get(name);
      return v == null ? Double.NaN : v;
    }

    @Override
    public double[] sequence(String name) {
      return line.sequences().get(name);
    }

    @Override
    public String promptText() {
      return line.prompt();
    }

    @Override
    public String completionText() {
      return line.completion();
    }
  }

  /** The lines' numbers as columns: {@code reward}, {@code reward/<term>} (and {@code correct}, {@code well_formed}). */
  public static Map<String, Object> columns(Result r, int i) {
    Map<String, Object> out = new LinkedHashMap<>();
    Scored s = r.scored().get(i);
    out.put("reward", s.reward());
    for (int k = 0; k < r.termNames().size(); k++) out.put("reward/" + r.termNames().get(k), s.terms()[k]);
    if (s.correct() != null) out.put("correct", s.correct());
    if (s.wellFormed() != null) out.put("well_formed", s.wellFormed());
    return out;
  }
}
