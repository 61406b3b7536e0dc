package org.rewardlab.algos.lm.train;

import java.util.Arrays;
import java.util.Map;
import org.rewardlab.core.reward.ScoredCompletion;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.Verdict;

/**
 * A sampled completion of a text task as the reward module's completion terms read it
 * ({@link ScoredCompletion}): the task verifier's verdict (judged once), the generated tokens, and the
 * signals and sequences the trainer attaches ({@link LmReward}), then the verdict's own component signals and
 * sequences ({@link Verdict#signals()}, e.g. the {@code shop} task's {@code action.*}; the trainer's win on a
 * name clash).
 *
 * <p>{@code correct} and {@code wellFormed} follow the runs' convention: a completion that ran out of
 * tokens is neither (its verdict is {@link Verdict#unfinished()}); {@code score} is the verdict's
 * graded outcome (1/0 for the exact tasks, T-PREF's gold utility) whether or not it ended.
 *
 * @param completion the completion (problem, text, whether it ended)
 * @param verdict its verdict, {@link Completion#verdict()}
 * @param length generated tokens without {@code <eos>}
 * @param signals named numbers (a live map owned by the trainer; read only)
 * @param sequences named sequences (live; read only)
 */
public record TaskCompletion(Completion completion, Verdict verdict, int length, Map<String, Double> signals,
    Map<String, double[]> sequences) implements ScoredCompletion {

  @Override
  public boolean finished() {
    return completion.finished();
  }

  @Override
  public boolean correct() {
    return verdict.correct() && completion.finished();
  }

  @Override
  public boolean wellFormed() {
    return verdict.wellFormed() && completion.finished();
  }

  @Override
  public double score() {
    return verdict.score();
  }

  @Override
  public double signal(String name) {
    Double v = signals.get(name);
    return v == null ? verdict.signal(name) : v;
  }

  @Override
  public double[] sequence(String name) {
    double[] s = sequences.get(name);
    return s == null ? verdict.sequences().get(name) : s;
  }

  /** The problem's prompt, as a text reward model ({@code reward_model}) reads it. */
  @Override
  public String promptText() {
    return completion.problem().prompt();
  }

  /** The generated text (without {@code <eos>}), as a text reward model reads it. */
  @Override
  public String completionText() {
    return completion.text();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("completion of '").append(completion.problem().prompt()).append("': \"")
        .append(abbreviate(completion.text())).append('"').append(finished() ? "" : " (unfinished)")
        .append(", length ").append(length).append(", correct=").append(correct()).append(", format=").append(wellFormed())
        .append(", score=").append(score());
    signals.forEach((k, v) -> sb.append(", ").append(k).append('=').append(v));
    sequences.forEach((k, v) -> sb.append(", ").append(k).append('=').append(Arrays.toString(v)));
    return sb.toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
