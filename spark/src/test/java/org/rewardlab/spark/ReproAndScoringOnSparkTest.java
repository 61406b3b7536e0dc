package org.rewardlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.lm.eval.CompletionScoring;
import org.rewardlab.algos.rm.RewardModels;
import org.rewardlab.algos.rm.RmConfig;
import org.rewardlab.algos.rm.RmInput;
import org.rewardlab.algos.rm.RmPair;
import org.rewardlab.algos.rm.RmScoring;
import org.rewardlab.algos.rm.TrainedRewardModel;
import org.rewardlab.core.parallel.EngineOptions;
import org.rewardlab.core.parallel.LocalEngine;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.reward.preference.PreferenceJsonl;
import org.rewardlab.repro.Repro;
import org.rewardlab.repro.ReproConfig;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.ResultStore;
import org.rewardlab.repro.Scale;

/**
 * {@code repro run --engine spark}, {@code rm score --engine spark} and {@code reward score --engine spark} on
 * Spark {@code local[2]}: the same numbers as the run without an engine and as the local engine (the tasks are
 * serialized to Spark's executors, the model's bytes with them).
 */
class ReproAndScoringOnSparkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SparkEngine spark;

  @TempDir Path tmp;

  @BeforeAll
  static void open() {
    spark = SparkEngine.open(new EngineOptions(2, "local[2]", Map.of()));
  }

  @AfterAll
  static void close() {
    spark.close();
  }

  private static String withoutTimes(ReproResult r) throws Exception {
    ObjectNode tree = (ObjectNode) JSON.readTree(ResultStore.toJson(r));
    tree.remove("wallSeconds");
    List<String> arms = new ArrayList<>();
    tree.get("armSeconds").fieldNames().forEachRemaining(arms::add);
    tree.set("armSeconds", JSON.valueToTree(arms));
    return tree.toString();
  }

  private <C extends ReproConfig<C>> ReproResult repro(String id, TaskEngine engine, String dir) {
    @SuppressWarnings("unchecked")
    Repro<C> r = (Repro<C>) ReproRegistry.standard().repro(id).orElseThrow();
    ReproRunner.Settings s = new ReproRunner.Settings(tmp.resolve(dir), tmp, "rewardlab repro run " + id, null);
    return engine == null ? ReproRunner.run(r, Scale.SMOKE, null, s) : ReproRunner.run(r, Scale.SMOKE, null, s, engine);
  }

  @Test
  void reproSeedsAndArmsOnSparkGiveTheSequentialResult() throws Exception {
    for (String id : List.of("starc", "lucy-skg")) { // seeds as tasks; seeds x arms as tasks
      String sequential = withoutTimes(repro(id, null, id + "-seq"));
      assertThat(withoutTimes(repro(id, spark, id + "-spark"))).as(id).isEqualTo(sequential);
    }
  }

  @Test
  void rmScoringOnSparkGivesTheBytesOfTheSingleCall() throws Exception {
    List<RmPair> train = RmPair.of(PreferenceJsonl.read(Path.of("../examples/preferences/tpref-train.jsonl"),
        PreferenceJsonl.OnMalformed.FAIL).pairs()).subList(0, 100);
    RmConfig cfg = new RmConfig("tinygpt", 256, List.of(64), 1, 16, 2, 24, 1, 32, 1e-3, 0, 1, 1, 2);
    Path file = tmp.resolve("gpt.rm");
    try (TrainedRewardModel m = RewardModels.train(train, cfg, 3, "train").model()) {
      m.save(file);
    }
    List<RmPair> test = RmPair.of(PreferenceJsonl.read(Path.of("../examples/preferences/tpref-test.jsonl"),
        PreferenceJsonl.OnMalformed.FAIL).pairs()).subList(0, 90);
    List<RmInput> chosen = test.stream().map(RmPair::chosen).toList();
    List<RmInput> rejected = test.stream().map(RmPair::rejected).toList();
    byte[] bytes = Files.readAllBytes(file);
    RmScoring.Result single = RmScoring.score(null, bytes, "gpt.rm", List.of(chosen, rejected), 8, 1, true);
    try (TrainedRewardModel m = TrainedRewardModel.load(file)) {
      assertThat(single.scores()[0]).containsExactly(m.score(chosen, 8));
      assertThat(single.uncertainty()[1]).containsExactly(m.disagreement(rejected, 8));
    }
    for (int p : new int[] {1, 2, 7}) {
      RmScoring.Result onSpark = RmScoring.score(spark, bytes, "gpt.rm", List.of(chosen, rejected), 8, p, true);
      assertThat(onSpark.parts()).isEqualTo(p);
      for (int c = 0; c < 2; c++) {
        assertThat(onSpark.scores()[c]).as("partitions %d column %d", p, c).containsExactly(single.scores()[c]);
        assertThat(onSpark.uncertainty()[c]).containsExactly(single.uncertainty()[c]);
      }
    }
  }

  @Test
  void completionScoringOnSparkGivesTheNumbersOfTheLocalRun() throws Exception {
    List<CompletionScoring.Line> lines = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      int a = 10 + 3 * i;
      int b = 99 - 2 * i;
      String completion = Integer.toString(a + b + (i % 4 == 0 ? 1 : 0));
      lines.add(CompletionScoring.Line.of("d.jsonl:" + (i + 1), a + "+" + b + "=", completion,
          JSON.readTree("{\"finished\":" + (i % 7 != 3) + "}")));
    }
    String spec = CompletionScoring.specJson("type: weighted\nterms:\n  - reward: {type: task, formatWeight: 0.5}\n"
        + "  - reward: {type: length_penalty, coef: 0.1}\n", "spec.yaml");
    CompletionScoring.Result plain = CompletionScoring.score(null, spec, "arith", lines, 1);
    CompletionScoring.Result local;
    try (TaskEngine engine = new LocalEngine(2)) {
      local = CompletionScoring.score(engine, spec, "arith", lines, 4);
    }
    CompletionScoring.Result onSpark = CompletionScoring.score(spark, spec, "arith", lines, 7);
    assertThat(onSpark.parts()).isEqualTo(7);
    assertThat(plain.scored().stream().filter(s -> s.correct()).count()).isBetween(1L, 29L);
    for (int i = 0; i < lines.size(); i++) {
      assertThat(CompletionScoring.columns(onSpark, i)).isEqualTo(CompletionScoring.columns(plain, i))
          .isEqualTo(CompletionScoring.columns(local, i));
    }
  }
}
