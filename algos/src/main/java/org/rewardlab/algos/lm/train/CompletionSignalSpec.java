package org.rewardlab.algos.lm.train;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.TextTask;
import org.rewardlab.envs.text.Verdict;

/**
 * One entry of a GRPO run's {@code algo.signals}: a source of named numbers and sequences that the
 * trainer attaches to every sampled completion, for the experiment's {@code reward:} spec to read
 * ({@code {type: completion, signal: rm}}, {@code par}'s {@code references}, {@code prm_refine}'s
 * {@code prm}). The synthetic reward models of the testbeds live here: {@code step_prm} ({@link
 * StepPrm}, a process reward model on T-ARITH scratchpads that pays every right step, repeats
 * included) and {@code pref_proxy} ({@link PrefProxyRm}, T-PREF's exploitable proxy reward model).
 * Adding one is a record plus a line below.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = StepPrm.class, name = "step_prm"),
  @JsonSubTypes.Type(value = PrefProxyRm.class, name = "pref_proxy"),
})
public interface CompletionSignalSpec {

  /** Attaches a source's signals to one completion. Implementations are stateless and thread-safe. */
  @FunctionalInterface
  interface Source {
    /**
     * Puts this source's signals and sequences for {@code c} into the maps.
     *
     * @param c the completion
     * @param verdict its verdict ({@link Completion#verdict()})
     * @param signals named numbers, written into
     * @param sequences named sequences, written into (arrays the caller then owns)
     */
    void attach(Completion c, Verdict verdict, Map<String, Double> signals, Map<String, double[]> sequences);
  }

  /**
   * The source for a run on {@code task}.
   *
   * @throws org.rewardlab.core.UserInputException (place relative to this entry, e.g. {@code type})
   *     when the source does not fit the task
   */
  Source create(TextTask<? extends Problem> task);
}
