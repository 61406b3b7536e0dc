package org.rewardlab.algos.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tasks, results and the task function travel to workers (Java serialization) and results to files (JSON) unchanged. */
class SweepSerializationTest {
  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  static TaskResult odd(SweepPlan plan) {
    return new TaskResult(plan.cells().get(1).configHash(), 1, 2,
        Map.of("eval/mean_return", -0.5, "x/nan", Double.NaN, "x/inf", Double.NEGATIVE_INFINITY, "x/tiny", 4.9e-324),
        Map.of("x/nan", new TaskResult.MetricSummary(Double.NaN, 1.0 / 3, Double.POSITIVE_INFINITY, 7)),
        "/tmp/r", "host", 1.25);
  }

  @Test
  void javaSerializationKeepsEverything() throws Exception {
    SweepPlan plan = SweepPlan.of(SweepPlanTest.spec(SweepSpecTest.BASE, SweepPlanTest.GRID));
    SweepTask t = plan.tasks("/r").get(5);
    assertThat((SweepTask) roundTrip(t)).isEqualTo(t);
    TaskResult r = odd(plan);
    TaskResult back = roundTrip(r);
    assertThat(back.finalMetrics().keySet()).containsExactlyElementsOf(r.finalMetrics().keySet());
    assertThat(back.toString()).isEqualTo(r.toString());
    assertThat((Object) roundTrip(new SweepTaskRunner())).isInstanceOf(SweepTaskRunner.class);
  }

  @Test
  void resultFilesKeepNonFiniteAndExactValues(@TempDir Path tmp) {
    SweepPlan plan = SweepPlan.of(SweepPlanTest.spec(SweepSpecTest.BASE, SweepPlanTest.GRID));
    SweepStore store = SweepStore.create(tmp, plan);
    TaskResult r = odd(plan);
    store.save(r);
    TaskResult back = store.results().get(r.key());
    assertThat(back.toString()).isEqualTo(r.toString());
    assertThat(back.metric("x/tiny")).isEqualTo(4.9e-324);
    assertThat(back.summary().get("x/nan").tailMean()).isEqualTo(1.0 / 3);
  }
}
