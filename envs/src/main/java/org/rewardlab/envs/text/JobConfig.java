package org.rewardlab.envs.text;

import java.util.HashSet;
import java.util.Set;
import org.rewardlab.core.UserInputException;

/**
 * A job-application evaluation task (the toy of PO Appendix A): a prompt is a job's required skill and
 * a résumé (skills, years of experience, degree level); the completion labels three criteria and
 * decides, {@code <skill><experience><degree><decision>} with {@code Y/N} labels and {@code A}ccept or
 * {@code R}eject. See {@link JobProblem} for the verifier's component signals.
 *
 * @param skills the skill letters, 3..26 distinct lowercase letters
 * @param minSkills the fewest skills on a résumé, 1..maxSkills
 * @param maxSkills the most, minSkills..|skills|
 * @param minYears the experience needed, 1..9 (years are drawn from 0..9)
 * @param degrees the degree levels, 2..10 (0..degrees−1; level 1 or above is needed)
 */
public record JobConfig(String skills, int minSkills, int maxSkills, int minYears, int degrees) implements TextTaskConfig {

  public JobConfig {
    if (skills == null || skills.length() < 3 || skills.length() > 26) {
      throw new UserInputException("skills", "the job task needs 3..26 skill letters, got \"" + skills + "\"", "write e.g. `skills: abcdef`");
    }
    Set<Character> seen = new HashSet<>();
    for (char c : skills.toCharArray()) {
      if (c < 'a' || c > 'z' || !seen.add(c)) {
        throw new UserInputException("skills", "the letter '" + c + "' in \"" + skills + "\" is repeated or not a lowercase letter",
            "list distinct letters a..z");
      }
    }
    if (maxSkills < 1 || maxSkills > skills.length()) {
      throw new UserInputException("maxSkills", "maxSkills " + maxSkills + " is out of range", "use 1.." + skills.length());
    }
    if (minSkills < 1 || minSkills > maxSkills) {
      throw new UserInputException("minSkills", "minSkills " + minSkills + " is out of range", "use 1..maxSkills (1.." + maxSkills + ")");
    }
    if (minYears < 1 || minYears > 9) {
      throw new UserInputException("minYears", "minYears " + minYears + " is out of range", "use 1..9");
    }
    if (degrees < 2 || degrees > 10) {
      throw new UserInputException("degrees", "degrees " + degrees + " is out of range", "use 2..10");
    }
  }

  /** Skills {@code abcdef}, 2..4 per résumé, 3 years needed, degrees 0..2: about 23% of applicants qualify. */
  public static JobConfig defaults() {
    return new JobConfig("abcdef", 2, 4, 3, 3);
  }
}
