package org.rewardlab.algos.lm.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.algos.loop.Divergence;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.reward.NonFiniteRewardException;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.TextTask;
import org.rewardlab.envs.text.Verdict;
import org.rewardlab.reward.RewardSpecs;
import org.rewardlab.reward.compose.RewardTree;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * An experiment's {@code reward:} spec scoring a GRPO batch: the spec is built for completions
 * ({@link RewardSpecs#buildForCompletions}) and each sampled completion is seen as a
 * {@link TaskCompletion} carrying the trainer's signals:
 *
 * <ul>
 *   <li>{@value #GROUP_ACCURACY}: the fraction of correct (and finished) completions in its group;
 *   <li>{@value #GROUP_CORRECT_LENGTH_MEAN}, {@value #GROUP_CORRECT_LENGTH_STD}: mean and population
 *       standard deviation of the token lengths of the group's correct completions (absent when the
 *       group has none);
 *   <li>{@value #TRAIN_PROGRESS}: the batch's progress through the RL phase, in [0, 1];
 *   <li>{@value #GROUP_VOTE}: 1 when the completion's final answer is its group's majority answer
 *       (self-consistency / TTRL's majority-vote reward; {@link GroupVotes#selfVote});
 *   <li>{@value #TWIN_VOTE}, in a batch of analogue pairs ({@code algo.pairAnalogues}) only: 1 when the
 *       answer is the majority answer of the twin group, the analogue's (Co-Reward, PO §12;
 *       {@link GroupVotes#twinVote}).
 * </ul>
 *
 * plus what the run's {@code algo.signals} attach ({@link CompletionSignalSpec}: a synthetic reward
 * model's score, a process reward model's step scores). A spec term that reads another signal or a
 * sequence makes the run stop with a message naming it.
 * Stateful parts of the reward (running normalization) go into checkpoints, so resume stays bit for
 * bit; a stateless reward writes nothing. Not thread-safe.
 */
final class LmReward {
  static final String GROUP_ACCURACY = "group.accuracy";
  static final String GROUP_CORRECT_LENGTH_MEAN = "group.correct_length_mean";
  static final String GROUP_CORRECT_LENGTH_STD = "group.correct_length_std";
  static final String TRAIN_PROGRESS = "train.progress";
  static final String GROUP_VOTE = "group.vote";
  static final String TWIN_VOTE = "twin.vote";
  private static final String STATE = "reward.state";

  private final RewardFn<ScoredCompletion> fn;
  private final List<CompletionSignalSpec.Source> sources;

  /**
   * @throws UserInputException naming the place under {@code reward} when the spec does not build for
   *     completions
   */
  LmReward(RewardSpec spec) {
    this(spec, List.of());
  }

  /**
   * @param sources what else to attach to each completion ({@code algo.signals})
   * @throws UserInputException naming the place under {@code reward} when the spec does not build for
   *     completions
   */
  LmReward(RewardSpec spec, List<CompletionSignalSpec.Source> sources) {
    this.fn = build(spec);
    this.sources = List.copyOf(sources);
  }

  /** The sources of {@code specs} for {@code task}, errors placed under {@code algo.signals.<i>}. */
  static List<CompletionSignalSpec.Source> sources(List<CompletionSignalSpec> specs, TextTask<? extends Problem> task) {
    List<CompletionSignalSpec.Source> out = new java.util.ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      try {
        out.add(specs.get(i).create(task));
      } catch (UserInputException e) {
        throw new UserInputException("algo.signals." + i + "." + e.where(), e.problem(), e.fix(), e);
      }
    }
    return out;
  }

  /** Builds {@code spec} for completions, errors placed under {@code reward}. */
  static RewardFn<ScoredCompletion> build(RewardSpec spec) {
    try {
      return RewardSpecs.buildForCompletions(spec);
    } catch (UserInputException e) {
      String where = e.where() == null || e.where().isEmpty() ? "reward" : "reward." + e.where();
      throw new UserInputException(where, e.problem(), e.fix(), e);
    }
  }

  List<String> termNames() {
    return fn.termNames();
  }

  /**
   * The scores of one batch.
   *
   * @param rewards the spec's total per row
   * @param termSums each term's sum over the rows, in {@link #termNames()} order
   * @param goldMean the mean of the task's own score (the verdicts' graded outcome)
   */
  record Scores(double[] rewards, double[] termSums, double goldMean) {}

  /**
   * Scores a batch whose row {@code p·G + g} is the g-th completion of prompt p.
   *
   * @param completions every row's completion
   * @param verdicts every row's verdict ({@link Completion#verdict()})
   * @param tokens every row's generated tokens, {@code <eos>} included
   * @param groupSize G
   * @param progress the RL phase's progress in [0, 1]
   */
  Scores score(List<Completion> completions, Verdict[] verdicts, int[] tokens, int groupSize, double progress) {
    return score(completions, verdicts, tokens, groupSize, progress, false);
  }

  /**
   * Scores a batch; with {@code paired}, groups 2k and 2k + 1 are a problem and its analogue, and each
   * completion also carries {@value #TWIN_VOTE}.
   */
  Scores score(List<Completion> completions, Verdict[] verdicts, int[] tokens, int groupSize, double progress,
      boolean paired) {
    GroupVotes votes = GroupVotes.of(completions, verdicts, groupSize);
    int rows = completions.size();
    int[] length = new int[rows];
    boolean[] correct = new boolean[rows];
    for (int b = 0; b < rows; b++) {
      length[b] = tokens[b] - (completions.get(b).finished() && tokens[b] > 0 ? 1 : 0);
      correct[b] = verdicts[b].correct() && completions.get(b).finished();
    }
    double[] rewards = new double[rows];
    double[] terms = new double[fn.termNames().size()];
    double[] sums = new double[terms.length];
    double gold = 0;
    for (int start = 0; start < rows; start += groupSize) {
      Map<String, Double> signals = groupSignals(correct, length, start, Math.min(rows, start + groupSize), progress);
      for (int b = start; b < Math.min(rows, start + groupSize); b++) {
        Map<String, Double> rowSignals = new HashMap<>(signals);
        rowSignals.put(GROUP_VOTE, votes.selfVote(b));
        if (paired) rowSignals.put(TWIN_VOTE, votes.twinVote(b));
        Map<String, double[]> rowSequences = Map.of();
        if (!sources.isEmpty()) {
          rowSequences = new HashMap<>();
          for (CompletionSignalSpec.Source src : sources) src.attach(completions.get(b), verdicts[b], rowSignals, rowSequences);
        }
        TaskCompletion c = new TaskCompletion(completions.get(b), verdicts[b], length[b], rowSignals, rowSequences);
        rewards[b] = evaluate(c, terms);
        for (int k = 0; k < terms.length; k++) sums[k] += terms[k];
        gold += verdicts[b].score();
      }
    }
    return new Scores(rewards, sums, gold / rows);
  }

  private double evaluate(TaskCompletion c, double[] terms) {
    try {
      return fn.evaluate(c, terms);
    } catch (NonFiniteRewardException e) {
      throw new Divergence("reward/" + e.term(), e.getMessage());
    } catch (IllegalStateException e) {
      throw new UserInputException("reward", e.getMessage(),
          "remove that term, or score it on a task that supplies what it reads (see docs/lm.md, 'Reward specs')", e);
    }
  }

  private static Map<String, Double> groupSignals(boolean[] correct, int[] length, int from, int to, double progress) {
    Map<String, Double> s = new HashMap<>();
    int n = 0;
    double sum = 0;
    for (int b = from; b < to; b++) {
      if (correct[b]) {
        n++;
        sum += length[b];
      }
    }
    s.put(GROUP_ACCURACY, (double) n / (to - from));
    if (n > 0) {
      double mean = sum / n;
      double ss = 0;
      for (int b = from; b < to; b++) if (correct[b]) ss += (length[b] - mean) * (length[b] - mean);
      s.put(GROUP_CORRECT_LENGTH_MEAN, mean);
      s.put(GROUP_CORRECT_LENGTH_STD, Math.sqrt(ss / n));
    }
    s.put(TRAIN_PROGRESS, progress);
    return s;
  }

  /** Writes the reward's state (nothing for a stateless reward, so such checkpoints keep their layout). */
  void save(Checkpoint.Builder b) {
    if (!RewardTree.isStateful(fn)) return;
    StateBuffer buf = new StateBuffer();
    RewardTree.saveState(fn, buf);
    b.longs(STATE, buf.toArray());
  }

  /** Restores what {@link #save} wrote. */
  void restore(Checkpoint c) {
    if (!RewardTree.isStateful(fn)) return;
    if (!c.longNames().contains(STATE)) {
      throw new UserInputException("checkpoint", "the checkpoint has no state for this run's stateful reward",
          "resume with the experiment the checkpoint was written by");
    }
    RewardTree.loadState(fn, StateBuffer.of(c.longs(STATE)));
  }
}
