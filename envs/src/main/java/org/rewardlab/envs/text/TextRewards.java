package org.rewardlab.envs.text;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.reward.RewardFn;

/**
 * Verifier and format rewards over completions, as {@link RewardFn}s with named terms (logged as
 * {@code reward/<term>}):
 *
 * <ul>
 *   <li>{@code correct}: 1 when the verdict is correct and the completion ended with
 *       {@code <eos>}, else 0 (the outcome reward of GRPO on T-ARITH);
 *   <li>{@code format}: 1 when the completion is well formed and ended with {@code <eos>}, else 0;
 *   <li>a score term (named by the caller, e.g. {@code gold} or {@code reward}): the verdict's
 *       graded score, {@link Verdict#score()}, whether or not the completion ended.
 * </ul>
 *
 * Terms are additive: each logged value is its weight times the indicator or score, and they sum to
 * the total. The verdict comes from the completion's problem ({@link Completion#verdict()}), so one
 * reward serves every problem and task; verifiers never throw on model output.
 *
 * <p>The returned functions are stateless and thread-safe.
 */
public final class TextRewards {
  private TextRewards() {}

  private enum Kind { CORRECT, FORMAT, SCORE }

  /** r = correct. */
  public static RewardFn<Completion> correct() {
    return new VerdictReward(List.of("correct"), new Kind[] {Kind.CORRECT}, new double[] {1});
  }

  /** r = format. */
  public static RewardFn<Completion> format() {
    return new VerdictReward(List.of("format"), new Kind[] {Kind.FORMAT}, new double[] {1});
  }

  /** r = the verdict's score, logged as {@code term}. */
  public static RewardFn<Completion> score(String term) {
    return new VerdictReward(List.of(checkName(term)), new Kind[] {Kind.SCORE}, new double[] {1});
  }

  /**
   * r = correct + formatWeight · format (a format bonus beside the outcome, as in DeepSeek-R1-style
   * rule rewards).
   */
  public static RewardFn<Completion> correctAndFormat(double formatWeight) {
    if (!Double.isFinite(formatWeight)) throw new IllegalArgumentException("formatWeight must be finite, got " + formatWeight);
    return new VerdictReward(List.of("correct", "format"), new Kind[] {Kind.CORRECT, Kind.FORMAT},
        new double[] {1, formatWeight});
  }

  private static String checkName(String term) {
    if (term == null || term.isBlank()) throw new IllegalArgumentException("a reward term needs a name");
    return term;
  }

  private static final class VerdictReward implements RewardFn<Completion> {
    private final List<String> names;
    private final Kind[] kinds;
    private final double[] weights;

    VerdictReward(List<String> names, Kind[] kinds, double[] weights) {
      this.names = List.copyOf(new ArrayList<>(names));
      this.kinds = kinds;
      this.weights = weights;
    }

    @Override
    public List<String> termNames() {
      return names;
    }

    @Override
    public double evaluate(Completion c, double[] termsOut) {
      Verdict v = c.verdict();
      double total = 0;
      for (int i = 0; i < kinds.length; i++) {
        double x = switch (kinds[i]) {
          case CORRECT -> v.correct() ? 1 : 0;
          case FORMAT -> v.wellFormed() ? 1 : 0;
          case SCORE -> v.score();
        };
        termsOut[i] = weights[i] * x;
        total += termsOut[i];
      }
      return total;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("TextReward(");
      for (int i = 0; i < names.size(); i++) sb.append(i == 0 ? "" : " + ").append(weights[i]).append('*').append(names.get(i));
      return sb.append(')').toString();
    }
  }
}
