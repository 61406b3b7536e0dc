package org.rewardlab.algos.lm.train;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.envs.text.AnswerFormat;
import org.rewardlab.envs.text.ArithOp;
import org.rewardlab.envs.text.ArithProblem;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.Problem;

/** Hand-made {@link ScoredBatch}es for the length-variant tests: null length = an incorrect completion. */
final class LengthVariantBatches {
  private LengthVariantBatches() {}

  /**
   * Groups of G completions; {@code lengths[k][g]} is the token length of a correct completion, or null
   * for an incorrect one (length 7). Rewards are 1[correct]. Progress: iteration {@code it} of an RL phase
   * from 11 to 21.
   */
  static ScoredBatch of(Integer[][] lengths, long it) {
    int gs = lengths[0].length;
    List<Problem> problems = new ArrayList<>();
    List<Completion> completions = new ArrayList<>();
    int rows = lengths.length * gs;
    double[] rewards = new double[rows];
    boolean[] correct = new boolean[rows];
    int[] len = new int[rows];
    for (int k = 0; k < lengths.length; k++) {
      ArithProblem p = new ArithProblem(10 + k, 20, ArithOp.ADD, 2, AnswerFormat.FIXED_WIDTH, false);
      problems.add(p);
      for (int g = 0; g < gs; g++) {
        int b = k * gs + g;
        Integer l = lengths[k][g];
        correct[b] = l != null;
        rewards[b] = l != null ? 1.0 : 0.0;
        len[b] = l != null ? l : 7;
        completions.add(new Completion(p, l != null ? p.finalAnswer() : "x"));
      }
    }
    return new ScoredBatch(gs, problems, completions, rewards, correct, len, it, 11, 21);
  }

  /** Scratchpad problems: {@code texts[k][g]} completions of problem {@code problems[k]}. */
  static ScoredBatch scratchpad(ArithProblem[] problems, String[][] texts, long it) {
    int gs = texts[0].length;
    List<Problem> ps = new ArrayList<>();
    List<Completion> completions = new ArrayList<>();
    int rows = texts.length * gs;
    double[] rewards = new double[rows];
    boolean[] correct = new boolean[rows];
    int[] len = new int[rows];
    for (int k = 0; k < texts.length; k++) {
      ps.add(problems[k]);
      for (int g = 0; g < gs; g++) {
        int b = k * gs + g;
        Completion c = new Completion(problems[k], texts[k][g]);
        completions.add(c);
        correct[b] = c.verdict().correct();
        rewards[b] = correct[b] ? 1.0 : 0.0;
        len[b] = texts[k][g].length() + 1;
      }
    }
    return new ScoredBatch(gs, ps, completions, rewards, correct, len, it, 11, 21);
  }
}
