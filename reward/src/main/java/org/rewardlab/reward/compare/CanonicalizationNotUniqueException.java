package org.rewardlab.reward.compare;

/**
 * A minimal-norm canonicalisation whose minimiser is not determined: under a weighted norm whose
 * weights vanish on whole states (a state distribution with zeros), the potential Φ of such states
 * — or some combination of them — does not change the norm, so "the" least-norm member of the class
 * does not exist as a single reward. Callers report the canonicalisation as undefined for that input.
 */
public final class CanonicalizationNotUniqueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CanonicalizationNotUniqueException(String message, Throwable cause) {
    super(message, cause);
  }
}
