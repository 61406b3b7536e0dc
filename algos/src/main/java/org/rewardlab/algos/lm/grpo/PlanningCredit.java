package org.rewardlab.algos.lm.grpo;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HICRA's hierarchy-aware credit assignment and semantic entropy (Wang et al. 2025, "Emergent Hierarchical
 * Reasoning in LLMs through Reinforcement Learning", arXiv 2509.03646; methods PO §8):
 *
 * <pre>
 *   Â^H_{i,t} = Â_{i,t} + α·|Â_{i,t}|   if token t is a planning token (t ∈ S_i)
 *             = Â_{i,t}                 otherwise
 *   H_sem     = −Σ_g p(g) log p(g),     p = the frequency of each strategic gram over a batch's responses
 * </pre>
 *
 * S_i is every token covered by an occurrence of a strategic gram (SG) in the completion's text: positive
 * advantages on planning tokens are amplified by 1 + α, negative ones damped by 1 − α. A gram counts once per
 * response that contains it (the "distinct SGs across a batch's responses"); H_sem is in nats, 0 when no response
 * uses a gram. Token t is character t of the text (one token per character, as the lab's tokenizer); tokens past
 * the text ({@code <eos>}) are never planning tokens. Stateless.
 */
public final class PlanningCredit {
  private PlanningCredit() {}

  /** Â^H for one row: {@code a[t] + α|a[t]|} where {@code planning[t]}; a new array. */
  public static double[] amplify(double[] advantages, boolean[] planning, double alpha) {
    double[] out = advantages.clone();
    for (int t = 0; t < out.length && t < planning.length; t++) if (planning[t]) out[t] += alpha * Math.abs(out[t]);
    return out;
  }

  /** The planning mask of a completion of {@code tokens} tokens: the characters covered by any gram's occurrence. */
  public static boolean[] mask(String text, int tokens, List<String> grams) {
    boolean[] m = new boolean[tokens];
    for (String g : grams) {
      if (g.isEmpty()) continue;
      for (int at = text.indexOf(g); at >= 0; at = text.indexOf(g, at + 1)) {
        for (int t = at; t < at + g.length() && t < tokens; t++) m[t] = true;
      }
    }
    return m;
  }

  /** The grams each response contains (each once), in the order of {@code grams}. */
  public static Set<String> used(String text, List<String> grams) {
    Set<String> u = new LinkedHashSet<>();
    for (String g : grams) if (!g.isEmpty() && text.contains(g)) u.add(g);
    return u;
  }

  /** How many responses use each gram (grams no response uses are left out). */
  public static Map<String, Integer> counts(List<String> texts, List<String> grams) {
    Map<String, Integer> c = new LinkedHashMap<>();
    for (String text : texts) for (String g : used(text, grams)) c.merge(g, 1, Integer::sum);
    return c;
  }

  /** H_sem in nats over the responses' grams; 0 when none is used. */
  public static double semanticEntropy(List<String> texts, List<String> grams) {
    Map<String, Integer> c = counts(texts, grams);
    double total = 0;
    for (int n : c.values()) total += n;
    double h = 0;
    for (int n : c.values()) {
      double p = n / total;
      h -= p * Math.log(p);
    }
    return h;
  }
}
