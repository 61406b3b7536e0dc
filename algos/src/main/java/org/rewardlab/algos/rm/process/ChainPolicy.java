package org.rewardlab.algos.rm.process;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.random.RandomSource;

/**
 * A stochastic step policy on arithmetic chains (RM §8 (e)): it proposes the next reasoning step given whether the
 * chain is still right. On a right chain a step is a calculation error with probability {@code pCalc} (visible), a
 * copy error with probability {@code pCopy} (locally right, wrong input: visible only beside the preceding step), else
 * right; an erroneous step carries an in-step recheck ("x = 7 … recheck: x = 5") with probability {@code pInline}. On
 * a wrong chain the step is a recheck with probability {@code pFix}, else a locally right continuation of the wrong
 * value. Every recheck is fake (restates the wrong value) with probability {@code pFake}.
 */
public record ChainPolicy(double pCalc, double pCopy, double pInline, double pFix, double pFake) {
  public ChainPolicy {
    for (double p : new double[] {pCalc, pCopy, pInline, pFix, pFake}) {
      if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("probabilities must lie in [0, 1]: " + this);
    }
    if (pCalc + pCopy > 1) throw new IllegalArgumentException("pCalc + pCopy must be at most 1: " + pCalc + " + " + pCopy);
  }

  /** One step (its sub-steps) after a chain that is right ({@code onTrack}) or wrong. */
  public List<SubStep> sample(boolean onTrack, RandomSource rng) {
    List<SubStep> unit = new ArrayList<>(2);
    if (!onTrack) {
      if (rng.nextDouble() < pFix) {
        unit.add(recheck(rng));
      } else {
        unit.add(SubStep.plain(false));
      }
      return unit;
    }
    double r = rng.nextDouble();
    if (r < pCalc + pCopy) {
      unit.add(r < pCalc ? SubStep.calcError() : SubStep.copyError());
      if (rng.nextDouble() < pInline) unit.add(recheck(rng));
    } else {
      unit.add(SubStep.plain(true));
    }
    return unit;
  }

  /** A whole trace of {@code steps} steps from a right start. */
  public List<List<SubStep>> trace(int steps, RandomSource rng) {
    List<List<SubStep>> t = new ArrayList<>(steps);
    boolean on = true;
    for (int i = 0; i < steps; i++) {
      List<SubStep> u = sample(on, rng);
      t.add(u);
      on = u.get(u.size() - 1).correct();
    }
    return t;
  }

  private SubStep recheck(RandomSource rng) {
    return rng.nextDouble() < pFake ? SubStep.fakeRecheck() : SubStep.fix();
  }

  /** Whether a trace ends right. */
  public static boolean correct(List<List<SubStep>> trace) {
    List<SubStep> last = trace.get(trace.size() - 1);
    return last.get(last.size() - 1).correct();
  }
}
