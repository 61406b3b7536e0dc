package org.rewardlab.algos.lm.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.MajorityVote;
import org.rewardlab.envs.text.Verdict;

/**
 * The answer votes of a generation batch whose row {@code p·G + g} is the g-th completion of prompt p: each
 * row's final answer ({@link Verdict#answer()}; empty for a completion cut before {@code <eos>}, which does not
 * vote), each group's majority answer ({@link MajorityVote#majority}) and answer entropy, and the label-free
 * rewards read from them (PO §12):
 *
 * <ul>
 *   <li>self vote (self-consistency, TTRL): r_{x,i} = 1[ans_{x,i} = ŷ_x and ŷ_x ≠ ∅], ŷ_x the majority of
 *       x's own group;
 *   <li>twin vote (Co-Reward): r_{x,i} = 1[ans_{x,i} = ŷ_{x'} and ŷ_{x'} ≠ ∅], ŷ_{x'} the majority of the
 *       group of x's analogue x' — in a paired batch group 2k's twin is group 2k + 1 and vice versa.
 * </ul>
 *
 * Immutable.
 */
public final class GroupVotes {
  private final int groupSize;
  private final List<String> answers;
  private final List<String> majorities;
  private final double[] entropies;

  private GroupVotes(int groupSize, List<String> answers) {
    this.groupSize = groupSize;
    this.answers = Collections.unmodifiableList(answers);
    int groups = (answers.size() + groupSize - 1) / groupSize;
    List<String> maj = new ArrayList<>(groups);
    this.entropies = new double[groups];
    for (int k = 0; k < groups; k++) {
      List<String> g = answers.subList(k * groupSize, Math.min(answers.size(), (k + 1) * groupSize));
      maj.add(MajorityVote.majority(g));
      entropies[k] = MajorityVote.entropyBits(g);
    }
    this.majorities = Collections.unmodifiableList(maj);
  }

  /**
   * The votes of a batch.
   *
   * @param completions every row's completion
   * @param verdicts every row's verdict ({@link Completion#verdict()})
   * @param groupSize G
   */
  public static GroupVotes of(List<Completion> completions, Verdict[] verdicts, int groupSize) {
    if (groupSize < 1) throw new IllegalArgumentException("groupSize must be >= 1, got " + groupSize);
    if (verdicts.length != completions.size()) throw new IllegalArgumentException("one verdict per completion");
    List<String> answers = new ArrayList<>(completions.size());
    for (int b = 0; b < verdicts.length; b++) answers.add(completions.get(b).finished() ? verdicts[b].answer() : "");
    return new GroupVotes(groupSize, answers);
  }

  /** The votes of rows with these final answers ({@code ""} = no vote). */
  public static GroupVotes ofAnswers(List<String> answers, int groupSize) {
    if (groupSize < 1) throw new IllegalArgumentException("groupSize must be >= 1, got " + groupSize);
    List<String> a = new ArrayList<>(answers.size());
    for (String s : answers) a.add(s == null ? "" : s);
    return new GroupVotes(groupSize, a);
  }

  /** Rows (completions). */
  public int rows() {
    return answers.size();
  }

  /** Groups. */
  public int groups() {
    return majorities.size();
  }

  /** Row b's answer ({@code ""} when it does not vote). */
  public String answer(int b) {
    return answers.get(b);
  }

  /** Group k's majority answer ({@code ""} when no row of it votes). */
  public String majority(int k) {
    return majorities.get(k);
  }

  /** The entropy in bits of group k's voting answers. */
  public double entropyBits(int k) {
    return entropies[k];
  }

  /** The twin group of group k in a paired batch: 2j ↔ 2j + 1. */
  public static int twin(int k) {
    return k ^ 1;
  }

  /** Row b's self vote: agreement with its own group's majority. */
  public double selfVote(int b) {
    return MajorityVote.agrees(answers.get(b), majorities.get(b / groupSize));
  }

  /**
   * Row b's twin vote: agreement with the majority of its twin group (Co-Reward).
   *
   * @throws IllegalStateException when the batch has no twin for row b's group (an odd group count)
   */
  public double twinVote(int b) {
    int t = twin(b / groupSize);
    if (t >= majorities.size()) {
      throw new IllegalStateException("group " + b / groupSize + " has no twin: the batch is not paired (" + groups() + " groups)");
    }
    return MajorityVote.agrees(answers.get(b), majorities.get(t));
  }
}
