package org.rewardlab.reward.text;

import java.util.List;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;

/**
 * PageLLM's mixed-grained reward (arXiv 2506.09084): r = R_page + λ·Σ_k R_item,k for a generated
 * result page — a page-level reward model's score of the whole page's quality and coherence, plus an
 * item-level model's scores of where the key items were placed. Either grain alone misses what the
 * other sees (the paper's ablation loses 17.8% and 15.2% NDCG@100). Two terms,
 * {@code <name>.page} and {@code <name>.items}. Stateless and thread-safe.
 */
public final class PageItemReward implements RewardFn<ScoredCompletion> {
  private final List<String> names;
  private final String page;
  private final String items;
  private final double itemWeight;

  /**
   * @param name the prefix of the two terms
   * @param page the signal holding R_page
   * @param items the sequence holding the R_item,k (empty: no key item)
   * @param itemWeight λ
   */
  public PageItemReward(String name, String page, String items, double itemWeight) {
    this.names = List.of(name + ".page", name + ".items");
    this.page = page;
    this.items = items;
    this.itemWeight = itemWeight;
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public double evaluate(ScoredCompletion c, double[] termsOut) {
    double p = Signals.required(c, page, names.get(0));
    double sum = 0;
    for (double v : Signals.requiredSequence(c, items, names.get(1))) sum += v;
    termsOut[0] = p;
    termsOut[1] = itemWeight * sum;
    return termsOut[0] + termsOut[1];
  }
}
