package org.rewardlab.algos.lm.train;

import java.nio.file.Path;
import java.util.List;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.data.PreferencePair;
import org.rewardlab.core.text.CharTokenizer;
import org.rewardlab.reward.preference.PreferenceData;
import org.rewardlab.reward.preference.PreferenceJsonl;

/**
 * Offline DPO pairs from a TRL-format JSONL file, encoded for a TinyGpt: prompt ids ({@code <bos>} + prompt), and
 * chosen / rejected ids (response + {@code <eos>}). Ties are left out (DPO has no tie term). Every pair is checked
 * to encode with the task's tokenizer and to fit the model's context, with a message naming the pair.
 */
final class DpoPairs {
  final int[][] prompts;
  final int[][] chosen;
  final int[][] rejected;

  private DpoPairs(int[][] prompts, int[][] chosen, int[][] rejected) {
    this.prompts = prompts;
    this.chosen = chosen;
    this.rejected = rejected;
  }

  int size() {
    return prompts.length;
  }

  static DpoPairs load(String file, CharTokenizer tok, int context) {
    String where = "algo.data";
    PreferenceData d;
    try {
      d = PreferenceJsonl.read(Path.of(file), PreferenceJsonl.OnMalformed.FAIL);
    } catch (UserInputException e) {
      throw new UserInputException(where, e.where() + ": " + e.problem(), e.fix(), e);
    }
    List<PreferencePair> strict = d.pairs().stream().filter(p -> !p.tie()).toList();
    if (strict.isEmpty()) {
      throw new UserInputException(where, file + " has no strict preference pair (one class only: every pair is a tie)",
          "give pairs where one response is preferred");
    }
    int n = strict.size();
    int[][] p = new int[n][];
    int[][] c = new int[n][];
    int[][] r = new int[n][];
    for (int i = 0; i < n; i++) {
      PreferencePair q = strict.get(i);
      String at = where + " (" + file + ", pair " + (i + 1) + ")";
      try {
        p[i] = tok.encode(q.prompt().render(), true, false);
        c[i] = tok.encode(q.chosen().render(), false, true);
        r[i] = tok.encode(q.rejected().render(), false, true);
      } catch (UserInputException e) {
        throw new UserInputException(at, e.problem(), "use only the task's characters in the data", e);
      }
      int longest = p[i].length + Math.max(c[i].length, r[i].length);
      if (longest > context) {
        throw new UserInputException(at, "prompt + response take " + longest + " tokens, more than the model's context of "
            + context, "raise algo.model.contextLength to at least " + longest + ", or shorten the pair");
      }
    }
    return new DpoPairs(p, c, r);
  }
}
