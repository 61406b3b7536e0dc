package org.rewardlab.reward.text;

import java.util.List;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;

/**
 * Shop-R1's hierarchical action reward with difficulty-aware reward scaling (DARS; arXiv 2507.17842,
 * Table 1 and Eq. 3–4; PO §22): a format reward, then credit for the coarse action type, then for the
 * fine sub-action fields, the hard long-text fields scaled by the DARS factor:
 *
 * <pre>
 *   not well formed or cut before the end:   r = 0 (no format, no reward)
 *   well formed:       r = f + v(a)
 *   v(terminate)       = 0.3·[type]
 *   v(click)           = [type]·(0.3 + 0.2·[name] + DARS·R(name))
 *   v(type_and_submit) = [type]·(0.3 + 0.1·[name] + 0.1·[text] + 0.1·R(name) + DARS·R(text))
 * </pre>
 *
 * with [type] = 1 when the predicted action type is the true one, [name]/[text] = 1 when the predicted
 * field is non-empty, and R(x) = ROUGE-L(x) when it is at least the threshold τ, else 0. Without DARS
 * (factor 1), spamming the easy, frequent {@code terminate} is the best strategy in the paper.
 *
 * <p>Reads the completion's well-formedness and the signals {@code <p>kind} (true type: 0 terminate,
 * 1 click, 2 type_and_submit), {@code <p>type_match}, {@code <p>name_present},
 * {@code <p>text_present}, {@code <p>name_sim}, {@code <p>text_sim} for a prefix p (the {@code shop}
 * text task's verifier writes them with p = {@code action.}). Four terms, {@code <name>.format},
 * {@code <name>.type}, {@code <name>.fields} (presence credits) and {@code <name>.similarity} (the
 * ROUGE credits, DARS included). Stateless and thread-safe.
 */
public final class HierarchicalActionReward implements RewardFn<ScoredCompletion> {
  private final List<String> names;
  private final double format;
  private final double dars;
  private final double threshold;
  private final String prefix;

  /**
   * @param name the prefix of the four terms
   * @param format f, the format reward (the paper's 0.5)
   * @param dars the DARS factor on the long-text ROUGE credits (the paper's 1000; 1 = no scaling)
   * @param threshold τ, the least ROUGE-L that earns credit (the paper's 0.75)
   * @param prefix the prefix of the signal names, e.g. {@code action.}
   */
  public HierarchicalActionReward(String name, double format, double dars, double threshold, String prefix) {
    if (!Double.isFinite(format) || !(dars >= 0) || Double.isInfinite(dars) || !(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("need a finite format reward, a finite dars >= 0 and a threshold in [0, 1], got "
          + format + ", " + dars + ", " + threshold);
    }
    this.names = List.of(name + ".format", name + ".type", name + ".fields", name + ".similarity");
    this.format = format;
    this.dars = dars;
    this.threshold = threshold;
    this.prefix = prefix == null ? "" : prefix;
  }

  @Override
  public List<String> termNames() {
    return names;
  }

  @Override
  public double evaluate(ScoredCompletion c, double[] termsOut) {
    termsOut[0] = termsOut[1] = termsOut[2] = termsOut[3] = 0;
    if (!c.wellFormed() || !c.finished()) return 0;
    termsOut[0] = format;
    if (read(c, "type_match", 1) >= 0.5) {
      int kind = (int) Math.round(read(c, "kind", 1));
      termsOut[1] = 0.3;
      if (kind == 1) {
        termsOut[2] = 0.2 * read(c, "name_present", 2);
        termsOut[3] = dars * credit(read(c, "name_sim", 3));
      } else if (kind == 2) {
        termsOut[2] = 0.1 * read(c, "name_present", 2) + 0.1 * read(c, "text_present", 2);
        termsOut[3] = 0.1 * credit(read(c, "name_sim", 3)) + dars * credit(read(c, "text_sim", 3));
      }
    }
    return termsOut[0] + termsOut[1] + termsOut[2] + termsOut[3];
  }

  private double credit(double rouge) {
    return rouge >= threshold ? rouge : 0;
  }

  private double read(ScoredCompletion c, String signal, int term) {
    return Signals.required(c, prefix + signal, names.get(term));
  }

  @Override
  public String toString() {
    return "HierarchicalActionReward(" + names.get(0) + ", format " + format + ", dars " + dars + ", threshold " + threshold + ")";
  }
}
