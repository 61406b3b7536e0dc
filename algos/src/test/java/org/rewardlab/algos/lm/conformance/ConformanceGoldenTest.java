package org.rewardlab.algos.lm.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared peer golden files pass; a changed number fails, named; malformed files are refused with a JSON path. */
class ConformanceGoldenTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource({"grpo_cases.json, grpo, 24", "verl_variants_cases.json, verl_variants, 12", "dpo_cases.json, dpo, 20"})
  void sharedFilesPass(String file, String kind, int cases) {
    ConformanceReport r = Conformance.standard().check(SharedGolden.file(file));
    assertThat(r.kind()).isEqualTo(kind);
    assertThat(r.cases()).hasSize(cases);
    assertThat(r.mismatches()).as("mismatches").isEmpty();
    assertThat(r.passed()).isTrue();
    // every case compares many quantities (the walk did not skip the outputs)
    assertThat(r.cases()).allSatisfy(c -> assertThat(c.quantities().size()).isGreaterThan(30));
  }

  @Test
  void grpoFileChecksEveryRecordedQuantityFamily() {
    ConformanceReport r = Conformance.standard().check(SharedGolden.file("grpo_cases.json"));
    CaseReport first = r.cases().get(0);
    assertThat(first.quantities()).extracting(QuantityReport::name).contains(
        "advantages.trl.batch.std", "advantages.verl_grpo.norm_adv_by_std_true.tokens", "zero_std.frac_groups_zero_std",
        "kl.k3_verl_low_var_kl", "policy.trl.dr_grpo.total_loss", "policy.trl.grpo.grad_total",
        "policy.trl_metrics.clip_ratio/region_mean", "policy.verl.pg_loss.seq-mean-token-sum-norm@max_completion_length",
        "policy.verl.grad_total.seq-mean-token-mean", "policy.verl.metrics.pg_clipfrac_lower");
    assertThat(first.skipped()).as("advantages_used and clip_ratio_c are settings").isEqualTo(2);
  }

  @Test
  void aChangedNumberFailsAndIsNamed() throws IOException {
    ObjectNode root = (ObjectNode) MAPPER.readTree(SharedGolden.file("grpo_cases.json").toFile());
    ObjectNode c = (ObjectNode) root.get("cases").get(5);
    ArrayNode grad = (ArrayNode) c.get("policy").get("trl").get("dapo").get("grad_total").get(1);
    double v = grad.get(2).doubleValue();
    grad.set(2, MAPPER.getNodeFactory().numberNode(v * (1 + 1e-7) + 1e-11));
    Path copy = tmp.resolve("grpo_changed.json");
    MAPPER.writeValue(copy.toFile(), root);

    ConformanceReport r = Conformance.standard().check(copy);
    assertThat(r.passed()).isFalse();
    assertThat(r.mismatches()).hasSize(1);
    ConformanceReport.Mismatch m = r.mismatches().get(0);
    assertThat(m.caseName()).isEqualTo(c.get("name").asText());
    assertThat(m.quantity().name()).isEqualTo("policy.trl.dapo.grad_total");
    assertThat(m.quantity().worstIndex()).isEqualTo("[1][2]");
    assertThat(m.toString()).contains(c.get("name").asText(), "policy.trl.dapo.grad_total[1][2]");
  }

  @Test
  void aChangedInputIsCaughtByEveryDependentQuantity() throws IOException {
    ObjectNode root = (ObjectNode) MAPPER.readTree(SharedGolden.file("dpo_cases.json").toFile());
    ObjectNode inputs = (ObjectNode) root.get("cases").get(2).get("inputs");
    inputs.put("beta", inputs.get("beta").doubleValue() * 1.001);
    Path copy = tmp.resolve("dpo_changed.json");
    MAPPER.writeValue(copy.toFile(), root);
    ConformanceReport r = Conformance.standard().check(copy);
    assertThat(r.mismatches()).extracting(ConformanceReport.Mismatch::caseName).containsOnly(
        root.get("cases").get(2).get("name").asText());
    assertThat(r.mismatches().size()).isGreaterThan(20);
  }

  @Test
  void notJsonIsRefusedNamingTheFile() throws IOException {
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"cases\": [1, 2,");
    assertThatThrownBy(() -> Conformance.standard().check(bad)).isInstanceOf(GoldenFormatException.class)
        .hasMessageContaining("bad.json").hasMessageContaining("not valid JSON");
  }

  @Test
  void missingFileIsRefused() {
    assertThatThrownBy(() -> Conformance.standard().check(tmp.resolve("nope.json")))
        .isInstanceOf(GoldenFormatException.class).hasMessageContaining("nope.json").hasMessageContaining("no such file");
  }

  @Test
  void missingInputNamesItsJsonPath() throws IOException {
    ObjectNode root = (ObjectNode) MAPPER.readTree(SharedGolden.file("grpo_cases.json").toFile());
    ((ObjectNode) root.get("cases").get(3).get("inputs")).remove("logp_ref");
    Path copy = write(root, "missing.json");
    assertThatThrownBy(() -> Conformance.standard().check(copy)).isInstanceOf(GoldenFormatException.class)
        .hasMessageContaining("$.cases[3].inputs.logp_ref").hasMessageContaining("missing field");
  }

  @Test
  void unknownCaseKindIsRefused() throws IOException {
    ObjectNode root = (ObjectNode) MAPPER.readTree(SharedGolden.file("dpo_cases.json").toFile());
    ((ObjectNode) root.get("generator")).put("script", "kto_golden.py");
    Path copy = write(root, "kto.json");
    assertThatThrownBy(() -> Conformance.standard().check(copy)).isInstanceOf(GoldenFormatException.class)
        .hasMessageContaining("$.generator.script").hasMessageContaining("unknown case kind 'kto_golden.py'");
  }

  @Test
  void kindFallsBackToTheCaseShapeWithoutAScript() throws IOException {
    ObjectNode root = (ObjectNode) MAPPER.readTree(SharedGolden.file("verl_variants_cases.json").toFile());
    root.remove("generator");
    assertThat(Conformance.standard().check(write(root, "noscript.json")).kind()).isEqualTo("verl_variants");
  }

  @Test
  void unknownQuantityIsRefusedNotSkipped() throws IOException {
    ObjectNode root = (ObjectNode) MAPPER.readTree(SharedGolden.file("grpo_cases.json").toFile());
    ((ObjectNode) root.get("cases").get(0).get("policy").get("trl")).putObject("luspo").put("policy_loss", 0.5);
    Path copy = write(root, "luspo.json");
    assertThatThrownBy(() -> Conformance.standard().check(copy)).isInstanceOf(GoldenFormatException.class)
        .hasMessageContaining("$.cases[0].policy.trl.luspo.policy_loss");
  }

  @Test
  void wrongShapeIsRefused() throws IOException {
    ObjectNode root = (ObjectNode) MAPPER.readTree(SharedGolden.file("verl_variants_cases.json").toFile());
    ArrayNode adv = (ArrayNode) root.get("cases").get(1).get("advantages").get("rloo");
    adv.remove(0);
    Path copy = write(root, "shape.json");
    assertThatThrownBy(() -> Conformance.standard().check(copy)).isInstanceOf(GoldenFormatException.class)
        .hasMessageContaining("$.cases[1].advantages.rloo").hasMessageContaining("shape");
  }

  @Test
  void noCasesIsRefused() throws IOException {
    Path copy = write(MAPPER.createObjectNode().put("x", 1), "empty.json");
    assertThatThrownBy(() -> Conformance.standard().check(copy)).isInstanceOf(GoldenFormatException.class)
        .hasMessageContaining("$.cases");
  }

  @Test
  void toleranceRule() {
    Tolerance t = Tolerance.defaults();
    assertThat(t.accepts(1.0, 1.0 + 0.9e-9)).isTrue();
    assertThat(t.accepts(1.0, 1.0 + 1.1e-9)).isFalse();
    assertThat(t.accepts(0.0, 0.9e-12)).isTrue();
    assertThat(t.accepts(0.0, 1.1e-12)).isFalse();
    assertThat(t.accepts(Double.NaN, Double.NaN)).isTrue();
    assertThat(t.accepts(Double.NaN, 0.0)).isFalse();
    assertThat(t.accepts(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
    assertThat(t.accepts(Double.POSITIVE_INFINITY, 1e308)).isFalse();
  }

  private Path write(JsonNode root, String name) throws IOException {
    Path p = tmp.resolve(name);
    MAPPER.writeValue(p.toFile(), root);
    return p;
  }
}
