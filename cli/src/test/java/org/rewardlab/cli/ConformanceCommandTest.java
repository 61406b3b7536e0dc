package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rewardlab conformance}: passes on the shared peer files, fails on a changed number, refuses bad files. */
class ConformanceCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir Path tmp;

  /** shared/golden/llm: -Drewardlab.sharedGolden, else the first one above the repository root. */
  static Path llm(String name) {
    String explicit = System.getProperty("rewardlab.sharedGolden");
    if (explicit != null) return Path.of(explicit, name);
    Path start = Path.of(System.getProperty("rewardlab.repoRoot", "..")).toAbsolutePath().normalize();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("shared/golden/llm"))) return p.resolve("shared/golden/llm").resolve(name);
    }
    throw new IllegalStateException("no shared/golden/llm above " + start + " (set -Drewardlab.sharedGolden)");
  }

  @Test
  void theSharedFilesPass() {
    MainTest.Outcome o = MainTest.run("conformance", llm("grpo_cases.json").toString(),
        llm("verl_variants_cases.json").toString(), llm("dpo_cases.json").toString());
    assertThat(o.code()).as(o.err()).isEqualTo(0);
    assertThat(o.err()).isEmpty();
    assertThat(o.out()).contains("case g4_p2_dual_clip_ratio_above_3", "policy.verl.grad_total.seq-mean-token-mean",
        "max abs", "max rel");
    assertThat(o.out().lines().filter(l -> l.startsWith("PASS "))).hasSize(3);
    assertThat(o.out()).doesNotContain("FAIL");
  }

  @Test
  void summaryPrintsOneLinePerCase() {
    MainTest.Outcome o = MainTest.run("conformance", "--summary", llm("dpo_cases.json").toString());
    assertThat(o.code()).isEqualTo(0);
    assertThat(o.out().lines().filter(l -> l.startsWith("  ok "))).hasSize(20);
  }

  @Test
  void aChangedNumberFailsWithExitOneNamingCaseAndQuantity() throws IOException {
    ObjectNode root = (ObjectNode) MAPPER.readTree(llm("grpo_cases.json").toFile());
    ObjectNode c = (ObjectNode) root.get("cases").get(7);
    ObjectNode verl = (ObjectNode) c.get("policy").get("verl").get("pg_loss");
    verl.put("seq-mean-token-mean", verl.get("seq-mean-token-mean").doubleValue() * (1 + 1e-6));
    Path copy = tmp.resolve("grpo_changed.json");
    MAPPER.writeValue(copy.toFile(), root);

    MainTest.Outcome o = MainTest.run("conformance", copy.toString());
    assertThat(o.code()).isEqualTo(1);
    String name = c.get("name").asText();
    assertThat(o.err()).contains("1 of", "case " + name, "policy.verl.pg_loss.seq-mean-token-mean");
    assertThat(o.out()).contains("FAIL policy.verl.pg_loss.seq-mean-token-mean", "FAIL " + copy);
  }

  @Test
  void aChangedGradientElementIsLocated() throws IOException {
    ObjectNode root = (ObjectNode) MAPPER.readTree(llm("verl_variants_cases.json").toFile());
    ArrayNode row = (ArrayNode) root.get("cases").get(2).get("policy_losses").get("sapo").get("token-mean")
        .get("grad_logp_new").get(3);
    row.set(0, MAPPER.getNodeFactory().numberNode(row.get(0).doubleValue() + 1e-6));
    Path copy = tmp.resolve("variants_changed.json");
    MAPPER.writeValue(copy.toFile(), root);
    MainTest.Outcome o = MainTest.run("conformance", copy.toString());
    assertThat(o.code()).isEqualTo(1);
    assertThat(o.err()).contains("policy_losses.sapo.token-mean.grad_logp_new[3][0]");
  }

  @Test
  void notJsonExitsTwoWithOneLine() throws IOException {
    Path bad = tmp.resolve("broken.json");
    Files.writeString(bad, "not json at all");
    MainTest.Outcome o = MainTest.run("conformance", bad.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.errLines()).hasSize(1);
    assertThat(o.err()).startsWith("error: ").contains("broken.json", "not valid JSON");
  }

  @Test
  void missingFieldAndUnknownKindExitTwoNamingTheJsonPath() throws IOException {
    ObjectNode root = (ObjectNode) MAPPER.readTree(llm("dpo_cases.json").toFile());
    ((ObjectNode) root.get("cases").get(4).get("inputs")).remove("ref_rejected_logps");
    Path missing = tmp.resolve("missing.json");
    MAPPER.writeValue(missing.toFile(), root);
    MainTest.Outcome o = MainTest.run("conformance", missing.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.errLines()).hasSize(1);
    assertThat(o.err()).contains("missing.json", "$.cases[4].inputs.ref_rejected_logps", "missing field");

    ((ObjectNode) root.get("generator")).put("script", "orpo_golden.py");
    Path unknown = tmp.resolve("unknown.json");
    MAPPER.writeValue(unknown.toFile(), root);
    MainTest.Outcome u = MainTest.run("conformance", unknown.toString());
    assertThat(u.code()).isEqualTo(2);
    assertThat(u.err()).contains("unknown.json", "$.generator.script", "unknown case kind");
  }

  @Test
  void missingFileAndNoArgumentExitTwo() {
    assertThat(MainTest.run("conformance", tmp.resolve("absent.json").toString()).code()).isEqualTo(2);
    MainTest.Outcome none = MainTest.run("conformance");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("FILE.json");
  }
}
