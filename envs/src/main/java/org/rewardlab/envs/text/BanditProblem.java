package org.rewardlab.envs.text;

/**
 * One T-BANDIT context: prompt {@code "3:"}, a response of exactly L arm symbols, e.g.
 * {@code "bca"}.
 *
 * <p>The verdict's score is the table reward r(c, y) of the whitespace-stripped completion, and 0
 * when that is not L arm symbols; correct means an optimal response (reward equal to the context's
 * maximum); well formed means exactly L arm symbols with nothing around them.
 *
 * @param context the context id c
 * @param bandit the bandit that holds the reward table
 */
public record BanditProblem(int context, SequenceBandit bandit) implements Problem {

  @Override
  public String key() {
    return Integer.toString(context);
  }

  @Override
  public String prompt() {
    return context + ":";
  }

  /** The optimal response (the lowest-indexed one on ties). */
  @Override
  public String answer() {
    return bandit.actionText(bandit.optimalAction(context));
  }

  /** L, the response length. */
  @Override
  public int difficulty() {
    return bandit.config().length();
  }

  @Override
  public Verdict verify(String completion) {
    if (completion == null) return new Verdict(false, false, 0, "");
    String answer = completion.strip();
    int y = bandit.actionIndex(answer);
    boolean wellFormed = y >= 0 && answer.length() == completion.length();
    double r = y >= 0 ? bandit.reward(context, y) : 0;
    boolean correct = y >= 0 && r == bandit.optimalValue(context);
    return new Verdict(correct, wellFormed, r, answer);
  }

  @Override
  public String toString() {
    return "BanditProblem(" + context + ")";
  }
}
