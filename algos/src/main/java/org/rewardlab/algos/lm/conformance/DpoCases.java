package org.rewardlab.algos.lm.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

final class DpoCases implements CaseKind {
  @Override public String id() { return "DpoCases"; }
  @Override public String description() { return ""; }
  @Override public boolean recognizesScript(String script) { return false; }
  @Override public boolean recognizesCase(JsonNode c) { return false; }
  @Override public Set<String> metadataKeys() { return Set.of(); }
  @Override public Computation prepare(CaseReader in) { return k -> null; }
}
