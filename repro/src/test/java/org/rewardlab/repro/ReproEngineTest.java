package org.rewardlab.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rewardlab.core.parallel.LocalEngine;
import org.rewardlab.core.parallel.TaskEngine;

/**
 * {@code repro run --engine}: the seeds (and declared arms) of a repro as engine tasks give the same {@link
 * ReproResult} as the sequential run; only wall times differ.
 */
class ReproEngineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** The result's JSON without what a run's timing changes: wall seconds and the per-arm seconds (keys kept). */
  static String withoutTimes(ReproResult r) throws Exception {
    ObjectNode tree = (ObjectNode) JSON.readTree(ResultStore.toJson(r));
    tree.remove("wallSeconds");
    List<String> arms = new ArrayList<>();
    tree.get("armSeconds").fieldNames().forEachRemaining(arms::add);
    tree.set("armSeconds", JSON.valueToTree(arms));
    return tree.toString();
  }

  private <C extends ReproConfig<C>> ReproResult run(String id, TaskEngine engine, List<String> log) {
    @SuppressWarnings("unchecked")
    Repro<C> repro = (Repro<C>) ReproRegistry.standard().repro(id).orElseThrow();
    Path out = tmp.resolve(id + (engine == null ? "-seq" : "-" + engine.parallelism()));
    ReproRunner.Settings s = new ReproRunner.Settings(out, tmp, "rewardlab repro run " + id + " --scale smoke",
        log == null ? null : line -> log.add(line));
    return engine == null ? ReproRunner.run(repro, Scale.SMOKE, null, s) : ReproRunner.run(repro, Scale.SMOKE, null, s, engine);
  }

  @ParameterizedTest
  @ValueSource(strings = {"starc", "g-ra", "qd-sparse"})
  void seedsAsTasksOnTwoThreadsGiveTheSequentialResult(String id) throws Exception {
    ReproResult sequential = run(id, null, null);
    List<String> log = new ArrayList<>();
    ReproResult parallel;
    try (TaskEngine engine = new LocalEngine(2)) {
      parallel = run(id, engine, log);
    }
    assertThat(withoutTimes(parallel)).isEqualTo(withoutTimes(sequential));
    assertThat(parallel.claims()).isEqualTo(sequential.claims());
    assertThat(parallel.verdict()).isEqualTo(sequential.verdict());
    int seeds = sequential.seeds().size();
    assertThat(log).filteredOn(l -> l.matches("\\[\\d+/" + seeds + "\\] seed \\d+ done in .* s on .*")).hasSize(seeds);
  }

  @Test
  void armsAreTasksOfTheirOwnAndMergeBackInArmOrder() throws Exception {
    ReproResult sequential = run("lucy-skg", null, null);
    List<String> log = new ArrayList<>();
    ReproResult parallel;
    try (TaskEngine engine = new LocalEngine(2)) { // two PPO trainings at once in one JVM
      parallel = run("lucy-skg", engine, log);
    }
    assertThat(withoutTimes(parallel)).isEqualTo(withoutTimes(sequential));
    assertThat(parallel.armSeconds().keySet()).containsExactlyElementsOf(sequential.armSeconds().keySet());
    assertThat(log).anyMatch(l -> l.startsWith("6 tasks (seeds x 3 arms) on local"));
    assertThat(log).anyMatch(l -> l.matches("\\[6/6\\] seed 2 arm \\w+ done in .*"));
  }

  @Test
  void reprosThatDeclareArmsNameDistinctArmsAndMeasureThemAll() {
    int withArms = 0;
    for (Repro<?> r : ReproRegistry.standard().repros()) withArms += checkArms(r);
    assertThat(withArms).isGreaterThanOrEqualTo(2);
  }

  private static <C extends ReproConfig<C>> int checkArms(Repro<C> repro) {
    C config = repro.config(Scale.SMOKE);
    List<String> arms = repro.arms(config);
    if (arms.isEmpty()) return 0;
    assertThat(new HashSet<>(arms)).as(repro.paper().id()).hasSameSizeAs(arms);
    assertThat(arms).allSatisfy(a -> assertThat(a).isNotBlank());
    return 1;
  }

  @Test
  void tasksAndOutcomesAreSerializableForOtherMachines() throws Exception {
    Repro<?> carl = ReproRegistry.standard().repro("carl").orElseThrow();
    List<ReproTasks.Task> tasks = plan(carl);
    assertThat(tasks).hasSize(2 * 4);
    assertThat(tasks.get(0).label()).isEqualTo("seed 1 arm carl@mb50");
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(tasks.get(0));
      out.writeObject(new ReproTasks.Measure(line -> { }));
      out.writeObject(new ReproTasks.Outcome(1, "a", new java.util.LinkedHashMap<>(Map.of("x", 1.0)),
          new java.util.LinkedHashMap<>(), 0.5, "host"));
    }
  }

  private static <C extends ReproConfig<C>> List<ReproTasks.Task> plan(Repro<C> repro) {
    return ReproTasks.plan(repro, Scale.SMOKE, repro.config(Scale.SMOKE), Path.of("out"));
  }

  @Test
  void aTaskForAPaperWithoutReproIsRefusedOnTheWorker() {
    ReproTasks.Task t = new ReproTasks.Task("no-such-paper", "smoke", new ArrayList<>(List.of(1L)), 1, null, "out");
    assertThatThrownBy(() -> new ReproTasks.Measure(null).apply(t))
        .hasMessageContaining("no reproduction of 'no-such-paper'");
  }
}
