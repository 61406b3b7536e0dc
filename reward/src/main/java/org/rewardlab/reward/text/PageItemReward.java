package org.rewardlab.reward.text;

import java.util.List;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;

/**
 * PageLLM's mixed-grained reward (arXiv 2506.09084): r = μ·R_page + λ·Σ_k R_item,k (μ = 1 in the paper) for a generated
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
  private final double pageWeight;

  /** r = R_page + λ·Σ_k R_item,k. */
  public PageItemReward(String name, String page, String items, double itemWeight) {
    this(name, page, items, itemWeight, 1.0);
  }

  /**
   * r = μ·R_page + λ·Σ_k R_item,k: μ = 0 is the item-grain-only ablation, λ = 0 the page-grain-only one.
   *
   * @param name the prefix of the two terms
   * @param page the signal holding R_page
   * @param items the sequence holding the R_item,k (empty: no key item)
   * @param itemWeight λ
   * @param pageWeight μ
   */
  public PageItemReward(String name, String page, String items, double itemWeight, double pageWeight) {
    this.names = List.of(name + ".page", name + ".items");
    this.page = page;
    this.items = items;
    this.itemWeight = itemWeight;
    this.pageWeight = pageWeight;
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public double evaluate(ScoredCompletion c, double[] termsOut) {
    double p = pageWeight == 0 ? 0 : Signals.required(c, page, names.get(0));
    double sum = 0;
    if (itemWeight != 0) for (double v : Signals.requiredSequence(c, items, names.get(1))) sum += v;
    termsOut[0] = pageWeight * p;
    termsOut[1] = itemWeight * sum;
    return termsOut[0] + termsOut[1];
  }
}
