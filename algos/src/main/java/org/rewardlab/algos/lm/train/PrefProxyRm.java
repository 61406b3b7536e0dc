package org.rewardlab.algos.lm.train;

import org.rewardlab.core.UserInputException;
import org.rewardlab.envs.text.PrefProblem;
import org.rewardlab.envs.text.PrefTask;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.TextTask;

/**
 * T-PREF's exploitable reward model ({@code algo.signals: [{type: pref_proxy}]}): the score of a
 * response y for target t is the task's proxy {@link PrefTask#proxyUtility} = targetWeight·n_t(y) for
 * a valid response (0 for anything else), which agrees with the hidden gold utility up to the cap and
 * keeps paying beyond it, blind to the excess and repeat penalties (methods PO §15 (e): "the proxy RM
 * rewards the count of a token without bound while gold penalises excess"). The verdict's score stays
 * the gold utility, so a run logs proxy and gold side by side.
 *
 * <p>Attaches the signal {@code name} (the RM score) and the sequence {@code references}: the RM score
 * of the prompt's reference response ({@link PrefProblem#answer()}, a gold-optimal response, which the
 * SFT warm start imitates) — PAR's reference reward with M = 1, standing in for the RM scores of
 * samples from the SFT policy.
 *
 * @param name the RM score's signal name, default {@code rm}
 * @param references the reference sequence's name, default {@code references}
 */
public record PrefProxyRm(String name, String references) implements CompletionSignalSpec {
  public PrefProxyRm {
    name = StepPrm.name(name, "rm", "name");
    references = StepPrm.name(references, "references", "references");
  }

  /** The defaults: {@code rm} and {@code references}. */
  public static PrefProxyRm defaults() {
    return new PrefProxyRm(null, null);
  }

  /** The RM score of completion text {@code text} for {@code p}: targetWeight·n_t of the stripped text if valid, else 0. */
  public static double score(PrefProblem p, String text) {
    String y = text.strip();
    return p.task().isValidResponse(y) ? p.task().proxyUtility(p.target(), y) : 0.0;
  }

  @Override
  public Source create(TextTask<? extends Problem> task) {
    if (!(task instanceof PrefTask)) {
      throw new UserInputException("type", "pref_proxy scores T-PREF responses, and the task is " + task.name(),
          "use `task: {type: pref}`, or remove this signal");
    }
    return (c, verdict, signals, sequences) -> {
      PrefProblem p = (PrefProblem) c.problem();
      signals.put(name, score(p, c.text()));
      sequences.put(references, new double[] {score(p, p.answer())});
    };
  }
}
