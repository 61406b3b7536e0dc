package org.rewardlab.algos.lm.dpo;

import org.rewardlab.core.UserInputException;

/**
 * B preference pairs as sequence log-probs (sums over completion tokens) under the policy and the frozen reference,
 * with completion lengths. Arrays are held as given.
 *
 * @param policyChosen log π_θ(y_w|x)
 * @param policyRejected log π_θ(y_l|x)
 * @param refChosen log π_ref(y_w|x)
 * @param refRejected log π_ref(y_l|x)
 * @param chosenLengths completion tokens of y_w (used by ipo, sigmoid_norm, SimPO; clamped ≥ 1)
 * @param rejectedLengths completion tokens of y_l
 */
public record PreferenceBatch(double[] policyChosen, double[] policyRejected, double[] refChosen,
    double[] refRejected, double[] chosenLengths, double[] rejectedLengths) {
  public PreferenceBatch {
    int b = policyChosen.length;
    for (double[] a : new double[][] {policyRejected, refChosen, refRejected, chosenLengths, rejectedLengths}) {
      if (a.length != b) {
        throw new UserInputException("preference batch", "arrays differ in length (" + b + " vs " + a.length + ")",
            "give one entry per pair in every array");
      }
    }
  }

  public int size() {
    return policyChosen.length;
  }

  public PreferenceBatch withPolicy(double[] chosen, double[] rejected) {
    return new PreferenceBatch(chosen, rejected, refChosen, refRejected, chosenLengths, rejectedLengths);
  }
}
