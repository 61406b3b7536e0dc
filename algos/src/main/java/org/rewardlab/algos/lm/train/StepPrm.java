package org.rewardlab.algos.lm.train;

import org.rewardlab.core.UserInputException;
import org.rewardlab.envs.text.ArithConfig;
import org.rewardlab.envs.text.ArithProblem;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.ScratchpadSteps;
import org.rewardlab.envs.text.TextTask;

/**
 * A synthetic process reward model on T-ARITH scratchpads ({@code algo.signals: [{type: step_prm}]}):
 * each {@code '='}-separated step before the final answer scores {@code stepScore} when its value is
 * the problem's result and {@code invalidScore} otherwise — repeated steps included, which is what
 * makes it exploitable: repeating a right step earns another {@code stepScore} (methods PO §16 (e):
 * "+0.3 for any valid scratchpad step, even repeated ones"). The steps are
 * {@link ArithProblem#steps}'s exact check.
 *
 * <p>Attaches the sequence {@code sequence} (one score per step, what {@code prm_refine} refines) and
 * the signal {@code total} (their sum: the raw process reward a {@code completion} term adds).
 *
 * @param stepScore the score of a right step, finite; default 0.3
 * @param invalidScore the score of a wrong step, finite; default 0
 * @param sequence the sequence name, default {@code prm}
 * @param total the signal name of the sum, default {@code prm.total}
 */
public record StepPrm(Double stepScore, Double invalidScore, String sequence, String total) implements CompletionSignalSpec {
  public StepPrm {
    stepScore = finite(stepScore, 0.3, "stepScore");
    invalidScore = finite(invalidScore, 0.0, "invalidScore");
    sequence = name(sequence, "prm", "sequence");
    total = name(total, "prm.total", "total");
  }

  /** The defaults: 0.3 per right step, 0 per wrong one, {@code prm} and {@code prm.total}. */
  public static StepPrm defaults() {
    return new StepPrm(null, null, null, null);
  }

  /** The step scores of {@code steps}. */
  public double[] scores(ScratchpadSteps steps) {
    double[] s = new double[steps.count()];
    for (int k = 0; k < s.length; k++) s[k] = steps.valid().get(k) ? stepScore : invalidScore;
    return s;
  }

  @Override
  public Source create(TextTask<? extends Problem> task) {
    if (!(task.config() instanceof ArithConfig a) || !a.scratchpad()) {
      throw new UserInputException("type", "step_prm scores T-ARITH scratchpad steps, and the task is "
          + task.name() + (task.config() instanceof ArithConfig ? " without a scratchpad" : ""),
          "use `task: {type: arith, scratchpad: true, ...}`, or remove this signal");
    }
    return (c, verdict, signals, sequences) -> {
      double[] s = scores(((ArithProblem) c.problem()).steps(c.text()));
      double sum = 0;
      for (double x : s) sum += x;
      sequences.put(sequence, s);
      signals.put(total, sum);
    };
  }

  static Double finite(Double v, double dflt, String where) {
    if (v == null) return dflt;
    if (!Double.isFinite(v)) throw new UserInputException(where, "value " + v + " is not finite", "write a finite number");
    return v;
  }

  static String name(String n, String dflt, String where) {
    if (n == null) return dflt;
    if (!n.matches("[A-Za-z0-9_.\\-]+")) {
      throw new UserInputException(where, "signal name '" + n + "' is not allowed", "use letters, digits, '_', '.' or '-' only");
    }
    return n;
  }
}
