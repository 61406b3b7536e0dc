package org.rewardlab.algos.lm.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.Verdict;

/**
 * Scores completions of a set of problems, {@code samples} completions per problem, the way a
 * language-model evaluation reports them: pass@1 (mean correctness), the unbiased pass@k for each
 * requested k, accuracy by difficulty, the share of well-formed and of finished (EOS-terminated)
 * completions, and completion lengths overall and of correct and incorrect ones. Keys are prefixed
 * {@code eval/} for the run's metrics.
 */
public final class TextEvaluation {
  private TextEvaluation() {}

  /**
   * @param groups the completions of each problem (all groups the same size n)
   * @param ks the k values of pass@k to report (each ≤ n; k = 1 is always reported as pass@1)
   */
  public static Map<String, Double> score(List<List<Completion>> groups, int... ks) {
    if (groups.isEmpty()) throw new IllegalArgumentException("no problems to evaluate");
    int n = groups.get(0).size();
    int[] ns = new int[groups.size()];
    int[] cs = new int[groups.size()];
    double correct = 0;
    double wellFormed = 0;
    double finished = 0;
    double len = 0;
    double lenCorrect = 0;
    double lenWrong = 0;
    long countCorrect = 0;
    long countWrong = 0;
    Map<Integer, double[]> byDifficulty = new TreeMap<>();
    for (int p = 0; p < groups.size(); p++) {
      List<Completion> g = groups.get(p);
      if (g.size() != n || n == 0) throw new IllegalArgumentException("every problem needs the same number (> 0) of completions");
      ns[p] = n;
      for (Completion c : g) {
        Verdict v = c.verdict();
        int l = c.text().length();
        len += l;
        if (v.correct()) {
          cs[p]++;
          correct++;
          lenCorrect += l;
          countCorrect++;
        } else {
          lenWrong += l;
          countWrong++;
        }
        if (v.wellFormed()) wellFormed++;
        if (c.finished()) finished++;
        double[] d = byDifficulty.computeIfAbsent(c.problem().difficulty(), k -> new double[2]);
        d[0] += v.correct() ? 1 : 0;
        d[1]++;
      }
    }
    double total = (double) groups.size() * n;
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("eval/pass@1", correct / total);
    List<Integer> extra = new ArrayList<>();
    for (int k : ks) if (k > 1 && !extra.contains(k)) extra.add(k);
    for (int k : extra) m.put("eval/pass@" + k, PassAtK.mean(ns, cs, k));
    m.put("eval/well_formed", wellFormed / total);
    m.put("eval/finished", finished / total);
    m.put("eval/length", len / total);
    m.put("eval/length_correct", countCorrect == 0 ? Double.NaN : lenCorrect / countCorrect);
    m.put("eval/length_incorrect", countWrong == 0 ? Double.NaN : lenWrong / countWrong);
    for (Map.Entry<Integer, double[]> e : byDifficulty.entrySet()) {
      m.put("eval/accuracy_difficulty_" + e.getKey(), e.getValue()[0] / e.getValue()[1]);
    }
    m.put("eval/problems", (double) groups.size());
    m.put("eval/samples_per_problem", (double) n);
    return m;
  }
}
