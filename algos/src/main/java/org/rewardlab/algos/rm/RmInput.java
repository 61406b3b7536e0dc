package org.rewardlab.algos.rm;

/**
 * What a reward model scores: a prompt and a response as text, or a feature vector (an observation, a
 * trajectory segment's summary, a synthetic φ(x, y)).
 *
 * @param prompt the prompt (text models), or null
 * @param response the response (text models), or null
 * @param features the feature vector (feature models given vectors), or null
 */
public record RmInput(String prompt, String response, float[] features) {
  /** A text input. */
  public static RmInput text(String prompt, String response) {
    return new RmInput(prompt, response, null);
  }

  /** A feature-vector input. */
  public static RmInput vector(float[] features) {
    return new RmInput(null, null, features);
  }
}
