package org.rewardlab.algos.experiment;

/**
 * The policy's action head.
 *
 * @param head {@code auto} (categorical for Discrete actions, diagonal Gaussian for Box actions),
 *     {@code categorical} or {@code gaussian}; a head that does not fit the env's action space is an
 *     error at start-up
 */
public record PolicySetup(String head) {
  public PolicySetup {
    if (head == null) head = "auto";
    if (!head.equals("auto") && !head.equals("categorical") && !head.equals("gaussian")) {
      throw new IllegalArgumentException(
          "head must be one of auto, categorical, gaussian; got '" + head + "'");
    }
  }

  public static PolicySetup defaults() {
    return new PolicySetup("auto");
  }
}
