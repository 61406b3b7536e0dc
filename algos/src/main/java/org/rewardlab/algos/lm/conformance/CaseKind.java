package org.rewardlab.algos.lm.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * One kind of golden case (GRPO, verl's estimator/loss menu, DPO): how to recognise a file of this kind, which keys
 * of a case are inputs and settings rather than recorded outputs, and how to recompute every recorded output from
 * the inputs with RewardLab's implementation. Register a new kind in {@link Conformance#standard()}.
 */
public interface CaseKind {
  /** Short id, e.g. {@code grpo}. */
  String id();

  /** One line: what the kind checks. */
  String description();

  /** Whether the file's {@code generator.script} (e.g. {@code "grpo_golden.py (with llm_peers.py)"}) is this kind. */
  boolean recognizesScript(String script);

  /** Fallback when there is no {@code generator.script}: whether a case looks like this kind. */
  boolean recognizesCase(JsonNode caseNode);

  /** Top-level keys of a case that hold inputs or metadata, never recorded outputs. */
  Set<String> metadataKeys();

  /** Whether the leaf at {@code keys} is a recorded setting (read as an input), not an output to compare. */
  default boolean isSetting(List<String> keys) {
    return false;
  }

  /** Reads the case's inputs and prepares the recomputation. */
  Computation prepare(CaseReader reader);

  /** RewardLab's numbers for one case. */
  interface Computation {
    /**
     * The recomputed quantity recorded at {@code keys} (the JSON keys from the case down to the leaf), or null when
     * this kind does not know the quantity.
     */
    Quantity compute(List<String> keys);
  }
}
