package org.rewardlab.reward.preference;

/**
 * A line of a preference file that could not be read.
 *
 * @param line the 1-based line number
 * @param problem what is wrong with it, in plain words
 */
public record MalformedLine(int line, String problem) {
  @Override
  public String toString() {
    return "line " + line + ": " + problem;
  }
}
