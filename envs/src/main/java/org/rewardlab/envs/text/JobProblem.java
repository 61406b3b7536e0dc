package org.rewardlab.envs.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One application of the {@code job} task: prompt {@code "c|abd|41>"} (required skill {@code c};
 * skills {@code abd}; 4 years; degree level 1), reference labels {@code NYYR}: skill missing,
 * experience enough (years ≥ minYears), degree enough (level ≥ 1), so reject. The decision is
 * {@code A} exactly when all three labels are {@code Y}.
 *
 * <p><b>Verifier.</b> Well formed: exactly {@code [YN][YN][YN][AR]}. Correct: the whitespace-stripped
 * completion is the reference. Score: 1 when correct. Signals (a multi-component reward reads them),
 * from the stripped completion's first four characters:
 *
 * <ul>
 *   <li>{@code job.components}: the fraction of the three criterion labels that are right;
 *   <li>{@code job.decision}: 1 when the decision is right;
 *   <li>{@code job.accept}, {@code job.reject}: the decision written ({@code A} or {@code R}; both 0
 *       when there is none);
 *   <li>{@code job.false_accept}, {@code job.false_reject}: an {@code A} for an unqualified applicant,
 *       an {@code R} for a qualified one;
 *   <li>{@code job.positive}: 1 when the applicant qualifies (for recall);
 *   <li>{@code job.consistent}: 1 when the written labels are {@code Y/N} and the decision is the one
 *       they imply.
 * </ul>
 *
 * @param required the required skill
 * @param skills the résumé's skills, sorted
 * @param years years of experience, 0..9
 * @param degree degree level
 * @param minYears the experience needed
 */
public record JobProblem(char required, String skills, int years, int degree, int minYears) implements Problem {
  /** Signal names. */
  public static final String COMPONENTS = "job.components";
  public static final String DECISION = "job.decision";
  public static final String ACCEPT = "job.accept";
  public static final String REJECT = "job.reject";
  public static final String FALSE_ACCEPT = "job.false_accept";
  public static final String FALSE_REJECT = "job.false_reject";
  public static final String POSITIVE = "job.positive";
  public static final String CONSISTENT = "job.consistent";

  public JobProblem {
    if (skills == null || skills.isEmpty() || years < 0 || years > 9 || degree < 0 || degree > 9) {
      throw new IllegalArgumentException("a job problem needs skills, years 0..9 and a degree level 0..9");
    }
  }

  @Override
  public String key() {
    return required + "|" + skills + "|" + years + degree;
  }

  @Override
  public String prompt() {
    return key() + ">";
  }

  /** The three criteria: skill, experience, degree. */
  boolean[] criteria() {
    return new boolean[] {skills.indexOf(required) >= 0, years >= minYears, degree >= 1};
  }

  /** Whether the applicant qualifies (all criteria met). */
  public boolean qualifies() {
    for (boolean b : criteria()) if (!b) return false;
    return true;
  }

  @Override
  public String answer() {
    StringBuilder sb = new StringBuilder();
    for (boolean b : criteria()) sb.append(b ? 'Y' : 'N');
    return sb.append(qualifies() ? 'A' : 'R').toString();
  }

  /** The number of criteria met plus one (1..4): qualified applicants are the rare class. */
  @Override
  public int difficulty() {
    int n = 1;
    for (boolean b : criteria()) if (b) n++;
    return n;
  }

  @Override
  public Verdict verify(String completion) {
    if (completion == null) completion = "";
    String s = completion.strip();
    String ref = answer();
    int right = 0;
    boolean labels = s.length() >= 3;
    boolean allYes = true;
    for (int i = 0; i < 3; i++) {
      char c = i < s.length() ? s.charAt(i) : 0;
      if (c == ref.charAt(i)) right++;
      if (c != 'Y' && c != 'N') labels = false;
      if (c != 'Y') allYes = false;
    }
    char d = s.length() >= 4 ? s.charAt(3) : 0;
    boolean accept = d == 'A';
    boolean reject = d == 'R';
    boolean positive = qualifies();
    boolean wellFormed = labels && (accept || reject) && completion.length() == 4;
    Map<String, Double> sig = new LinkedHashMap<>();
    sig.put(COMPONENTS, right / 3.0);
    sig.put(DECISION, d == ref.charAt(3) ? 1.0 : 0.0);
    sig.put(ACCEPT, accept ? 1.0 : 0.0);
    sig.put(REJECT, reject ? 1.0 : 0.0);
    sig.put(FALSE_ACCEPT, accept && !positive ? 1.0 : 0.0);
    sig.put(FALSE_REJECT, reject && positive ? 1.0 : 0.0);
    sig.put(POSITIVE, positive ? 1.0 : 0.0);
    sig.put(CONSISTENT, labels && (accept || reject) && accept == allYes ? 1.0 : 0.0);
    boolean correct = s.equals(ref);
    return new Verdict(correct, wellFormed, correct ? 1 : 0, s, sig, Map.of());
  }
}
