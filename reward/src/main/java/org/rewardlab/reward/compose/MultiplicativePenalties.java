package org.rewardlab.reward.compose;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.reward.RewardFn;

/**
 * Multiplicative penalties with optional termination, as in CaRL's route-completion reward
 * (arXiv 2504.17838; {@code SimpleReward.get} with {@code use_single_reward}): r = r_base·Π_i (1 − p_i)
 * − h·[hard infraction], each p_i ∈ [0, 1] (an operand's total, clipped) scaling what the earlier
 * penalties left, so a penalty can take away at most what there is: no progress, no penalty; full
 * infraction, no reward. A hard infraction (an operand of {@code terminateOn} above 0) ends the episode
 * ({@link EndsEpisode}) and subtracts h.
 *
 * <p>Terms: the base reward's terms; per penalty, what it removed, r_base·Π_{j&lt;i}(1 − p_j)·(−p_i);
 * with termination operands, the terminal term (−h or 0). They add up to the total. The penalties'
 * and the termination operands' own terms are not logged.
 *
 * <p>The termination operands are evaluated twice per step (by the wrapper's {@link #endsEpisode} and
 * by {@link #evaluate}); they must be stateless. Use one instance per thread.
 *
 * @param <X> what is scored
 */
public final class MultiplicativePenalties<X> implements CompositeReward<X>, EndsEpisode<X> {
  private final RewardFn<X> base;
  private final List<Operand<X>> penalties;
  private final List<Operand<X>> terminateOn;
  private final double terminalPenalty;
  private final List<String> names;
  private final List<RewardFn<X>> children;
  private final int nBase;

  /**
   * @param base the base reward (CaRL: route-completion progress)
   * @param penalties the soft penalties p_i, in order
   * @param penaltyNames their term names, aligned with {@code penalties}
   * @param terminateOn the hard infractions (stateless)
   * @param terminalName the terminal term's name (logged only with termination operands)
   * @param terminalPenalty h &gt;= 0
   */
  public MultiplicativePenalties(RewardFn<X> base, List<? extends RewardFn<X>> penalties, List<String> penaltyNames,
      List<? extends RewardFn<X>> terminateOn, String terminalName, double terminalPenalty) {
    if (penalties.size() != penaltyNames.size()) {
      throw new IllegalArgumentException(penalties.size() + " penalties but " + penaltyNames.size() + " names");
    }
    if (!(terminalPenalty >= 0)) throw new IllegalArgumentException("terminalPenalty must be >= 0, got " + terminalPenalty);
    this.base = base;
    this.penalties = penalties.stream().map(p -> new Operand<X>(p)).toList();
    this.terminateOn = terminateOn.stream().map(p -> new Operand<X>(p)).toList();
    this.terminalPenalty = terminalPenalty;
    this.nBase = base.termNames().size();
    List<String> all = new ArrayList<>(base.termNames());
    all.addAll(penaltyNames);
    if (!terminateOn.isEmpty()) all.add(terminalName);
    this.names = List.copyOf(WeightedSum.uniqueNames(all));
    List<RewardFn<X>> c = new ArrayList<>();
    c.add(base);
    c.addAll(penalties);
    c.addAll(terminateOn);
    this.children = List.copyOf(c);
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public List<RewardFn<X>> children() {
    return children;
  }

  @Override
  public boolean endsEpisode(X x) {
    for (Operand<X> t : terminateOn) {
      if (t.value(x) > 0) return true;
    }
    return false;
  }

  @Override
  public double evaluate(X x, double[] termsOut) {
    double kept = base.evaluate(x, termsOut);
    for (int i = 0; i < penalties.size(); i++) {
      double removed = kept * Operand.clamp01(penalties.get(i).value(x));
      termsOut[nBase + i] = -removed;
      kept -= removed;
    }
    if (!terminateOn.isEmpty()) {
      double terminal = endsEpisode(x) ? -terminalPenalty : 0.0;
      termsOut[nBase + penalties.size()] = terminal;
      kept += terminal;
    }
    return kept;
  }

  @Override
  public void reset() {
    for (RewardFn<X> c : children) c.reset();
  }
}
