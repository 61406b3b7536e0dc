package org.rewardlab.algos.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.parallel.LocalEngine;
import org.rewardlab.core.parallel.TaskFailedException;
import org.rewardlab.core.parallel.TaskFunction;
import org.rewardlab.core.run.RunManifest;

class SweepRunnerTest {
  @TempDir Path tmp;

  static final Path TINY = Path.of("../examples/sweep-cartpole-tiny.yaml");

  /** The tiny CartPole sweep (2 x 2 cells x 3 seeds of PPO) on 1 and on 2 threads: the same bytes. */
  @Test
  void oneAndTwoThreadsGiveIdenticalTables() throws Exception {
    SweepPlan plan = SweepPlan.of(SweepSpec.load(TINY));
    assertThat(plan.taskCount()).isEqualTo(12);
    SweepStore one = SweepStore.create(tmp.resolve("one"), plan);
    SweepStore two = SweepStore.create(tmp.resolve("two"), plan);
    SweepRunner.Outcome a;
    SweepRunner.Outcome b;
    try (LocalEngine e = new LocalEngine(1)) {
      a = SweepRunner.run(plan, one, e, SweepRunner.Listener.none());
    }
    List<Integer> seen = new ArrayList<>();
    try (LocalEngine e = new LocalEngine(2)) {
      b = SweepRunner.run(plan, two, e, new SweepRunner.Listener() {
        @Override
        public void onResult(SweepTask task, TaskResult result, int done, int total) {
          seen.add(done);
        }
      });
    }
    assertThat(seen).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(a.ran()).isEqualTo(12);
    assertThat(b.table().resultsCsv()).isEqualTo(a.table().resultsCsv());
    assertThat(b.table().cellsCsv()).isEqualTo(a.table().cellsCsv());
    for (int i = 0; i < 12; i++) {
      assertThat(b.table().results().get(i).numbers()).isEqualTo(a.table().results().get(i).numbers());
    }
    TaskResult r = a.table().results().get(0);
    assertThat(r.finalMetrics()).containsKeys("eval/mean_return", "charts/episodic_return", "losses/value_loss");
    assertThat(r.summary().get("charts/episodic_return").count()).isGreaterThan(10);
    Path runDir = Path.of(r.runDir());
    assertThat(runDir).isEqualTo(one.runsRoot().resolve(plan.cells().get(0).shortHash()).resolve("seed-1"));
    assertThat(RunManifest.read(runDir).seed()).isEqualTo(1);
    assertThat(r.host()).isNotBlank();
    assertThat(r.wallSeconds()).isPositive();
    // the metric of the table is really the runs' final evaluation, and cells differ
    assertThat(a.table().cells()).extracting(c -> c.stat("eval/mean_return").n()).containsOnly(3);
    assertThat(a.table().cellsCsv().lines().skip(1).map(l -> l.split(",")[6]).distinct().count()).isGreaterThan(1);
    assertThat(one.results()).hasSize(12);
  }

  /** A task function that makes up a result from the task, without training. */
  static TaskResult fake(SweepTask t) {
    return new TaskResult(t.configHash(), t.cell(), t.seed(), Map.of("eval/mean_return", t.cell() * 100.0 + t.seed()),
        Map.of(), t.runsRoot() + "/" + t.runPath(), "h", 0);
  }

  @Test
  void anInterruptedSweepResumesWithOnlyTheMissingTasks() {
    SweepPlan plan = SweepPlan.of(SweepPlanTest.spec(SweepSpecTest.BASE, SweepPlanTest.GRID));
    SweepStore store = SweepStore.create(tmp.resolve("s"), plan);
    AtomicInteger calls = new AtomicInteger();
    TaskFunction<SweepTask, TaskResult> dies = t -> {
      if (calls.incrementAndGet() > 5) throw new IllegalStateException("killed");
      return fake(t);
    };
    try (LocalEngine e = new LocalEngine(1)) {
      assertThatThrownBy(() -> SweepRunner.run(plan, store, e, dies, SweepRunner.Listener.none()))
          .isInstanceOf(TaskFailedException.class);
    }
    assertThat(store.results()).hasSize(5);
    // a killed writer's leftover is cleaned, a deleted result is run again
    store.save(fake(plan.tasks("x").get(0)));
    List<String> ran = new ArrayList<>();
    SweepStore again = SweepStore.create(tmp.resolve("s"), SweepPlan.of(SweepPlanTest.spec(SweepSpecTest.BASE, SweepPlanTest.GRID)));
    try (LocalEngine e = new LocalEngine(2)) {
      SweepRunner.Outcome o = SweepRunner.run(plan, again, e, t -> {
        synchronized (ran) {
          ran.add(t.key());
        }
        return fake(t);
      }, SweepRunner.Listener.none());
      assertThat(o.skipped()).isEqualTo(5);
      assertThat(o.ran()).isEqualTo(7);
      assertThat(o.table().results()).hasSize(12);
    }
    List<String> expected = plan.tasks("x").subList(5, 12).stream().map(SweepTask::key).toList();
    assertThat(ran).containsExactlyInAnyOrderElementsOf(expected);
    try (LocalEngine e = new LocalEngine(1)) {
      assertThat(SweepRunner.run(plan, again, e, t -> { throw new AssertionError("nothing to run"); }, SweepRunner.Listener.none()).ran()).isZero();
    }
  }

  @Test
  void aDirectoryWithAnotherPlanIsRefusedAndTheStoredPlanReadsBack() throws Exception {
    SweepPlan plan = SweepPlan.of(SweepPlanTest.spec(SweepSpecTest.BASE, SweepPlanTest.GRID));
    SweepStore store = SweepStore.create(tmp.resolve("s"), plan);
    SweepPlan back = store.readPlan();
    assertThat(back).isEqualTo(plan);
    assertThat(SweepPlan.of(back.spec()).cells()).isEqualTo(plan.cells());
    SweepPlan other = SweepPlan.of(SweepPlanTest.spec(SweepSpecTest.BASE, SweepPlanTest.GRID.replace("3.0e-3", "5.0e-3")));
    assertThatThrownBy(() -> SweepStore.create(tmp.resolve("s"), other)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("holds a sweep with another plan").hasMessageContaining("cell 4");
    SweepPlan seeds = SweepPlan.of(SweepPlanTest.spec(SweepSpecTest.BASE, SweepPlanTest.GRID.replace("[1, 2]", "[1, 2, 3]")));
    assertThatThrownBy(() -> SweepStore.create(tmp.resolve("s"), seeds)).hasMessageContaining("other seeds");
    assertThatThrownBy(() -> SweepStore.open(tmp.resolve("nope"))).isInstanceOf(UserInputException.class)
        .hasMessageContaining("no such sweep directory");
    TaskResult r = fake(plan.tasks("/r").get(3));
    store.save(r);
    assertThat(store.results()).containsExactly(Map.entry(r.key(), r));
    Files.writeString(store.dir().resolve("results/" + r.key() + ".json"), "{");
    assertThatThrownBy(store::results).isInstanceOf(UserInputException.class).hasMessageContaining("unreadable result file");
  }
}
