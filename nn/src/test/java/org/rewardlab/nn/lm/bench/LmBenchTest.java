package org.rewardlab.nn.lm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.nn.lm.TinyGptConfig;

/** The benchmark runs end to end at a tiny size (no timing is asserted). */
class LmBenchTest {

  @Test
  void runsEveryPhaseAndWritesJson() throws Exception {
    LmBench.Options o = new LmBench.Options(
        TinyGptConfig.defaults().withContextLength(12).withShape(1, 16, 2), 1, 8, 2, 3, 1, 2, 0.001, 5);
    LmBench.Result r = LmBench.run(o, null);
    assertThat(r.phases().keySet()).containsExactly(
        "sft", "sft_ctx", "sample_kv", "sample_nokv", "sample_fill_kv", "sample_fill_nokv", "grpo");
    assertThat(r.phases().get("sft").tokensPerCall()).isEqualTo(8 * 7); // prompt 5 + completion 3, minus 1
    assertThat(r.phases().get("sample_fill_kv").tokensPerCall()).isEqualTo(6 * 7);
    assertThat(r.phases().values()).allSatisfy(p -> assertThat(p.tokensPerSecond()).isPositive());
    assertThat(r.checks()).containsEntry("greedy_kv_equals_nokv", true)
        .containsEntry("parameters_finite_after_timing", true);
    JsonNode json = new ObjectMapper().readTree(r.toJson());
    assertThat(json.at("/config/params").asLong()).isEqualTo(r.parameters());
    assertThat(json.at("/phases/grpo/tokens_per_s").asDouble()).isPositive();
    assertThat(r.peakRssMib()).isPositive();
  }

  @Test
  void theAdditionTaskLaysOutSequencesLikeThePeer() {
    LmBench.Addition task = new LmBench.Addition(3, RandomSource.of(1));
    // <bos> 1 2 3 + 4 5 6 = | 5 7 9 <eos>, ids: digits 3..12, '+' 13, '=' 15
    assertThat(task.full(123, 456)).containsExactly(1, 4, 5, 6, 13, 7, 8, 9, 15, 8, 10, 12, 2);
    assertThat(task.full(999, 999)).hasSize(14);
    assertThat(task.reward(123, 456, new int[] {8, 10, 12, 2, 0})).isEqualTo(1f);
    assertThat(task.reward(123, 456, new int[] {8, 10, 12, 3, 2})).isEqualTo(0f);
    assertThat(LmBench.groupAdvantages(new float[] {1, 0, 0, 0, 1, 1}, 3, 1e-4)[0])
        .isCloseTo((float) ((1 - 1.0 / 3) / (Math.sqrt(1.0 / 3) + 1e-4)), org.assertj.core.api.Assertions.within(1e-6f));
  }
}
