package org.rewardlab.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;

class MetricsTest {

  @Test
  void doublesAreWrittenAsPythonRepr() {
    assertThat(DoubleRepr.of(21.0)).isEqualTo("21.0");
    assertThat(DoubleRepr.of(0.1)).isEqualTo("0.1");
    assertThat(DoubleRepr.of(-0.0123)).isEqualTo("-0.0123");
    assertThat(DoubleRepr.of(1e-4)).isEqualTo("0.0001");
    assertThat(DoubleRepr.of(1e-5)).isEqualTo("1e-05");
    assertThat(DoubleRepr.of(2.5e-4)).isEqualTo("0.00025");
    assertThat(DoubleRepr.of(1.5e-7)).isEqualTo("1.5e-07");
    assertThat(DoubleRepr.of(1e16)).isEqualTo("1e+16");
    assertThat(DoubleRepr.of(1e15)).isEqualTo("1000000000000000.0");
    assertThat(DoubleRepr.of(123456789.125)).isEqualTo("123456789.125");
    assertThat(DoubleRepr.of(1.0 / 3)).isEqualTo("0.3333333333333333");
    assertThat(DoubleRepr.of(2e-3)).isEqualTo("0.002");
    assertThat(DoubleRepr.of(-0.0)).isEqualTo("-0.0");
    assertThat(DoubleRepr.of(Double.MIN_VALUE)).isEqualTo("5e-324");
    assertThat(DoubleRepr.of(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
    assertThat(DoubleRepr.toJson(Double.NaN)).isEqualTo("\"nan\"");
    assertThat(DoubleRepr.toJson(Double.NEGATIVE_INFINITY)).isEqualTo("\"-inf\"");
  }

  @Property(tries = 2000)
  void reprRoundTripsExactly(@ForAll double x) {
    assertThat(Double.doubleToRawLongBits(DoubleRepr.parse(DoubleRepr.of(x))))
        .isEqualTo(Double.isNaN(x) ? Double.doubleToRawLongBits(Double.NaN) : Double.doubleToRawLongBits(x));
  }

  @Test
  void jsonlLinesKeepInsertionOrderAndReadBack(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("metrics.jsonl");
    try (JsonlMetricsSink sink = JsonlMetricsSink.create(f)) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("charts/episodic_return", 21.0);
      m.put("charts/episodic_length", 21.0);
      m.put("losses/approx_kl", 1.5e-7);
      sink.log(1234, m);
      sink.log(1300, "weird \"key\"", Double.NaN);
      // written and flushed before close
      assertThat(Files.readAllLines(f)).hasSize(2);
    }
    assertThat(Files.readAllLines(f)).containsExactly(
        "{\"step\":1234,\"charts/episodic_return\":21.0,\"charts/episodic_length\":21.0,\"losses/approx_kl\":1.5e-07}",
        "{\"step\":1300,\"weird \\\"key\\\"\":\"nan\"}");
    List<MetricsRecord> rs = JsonlMetricsSink.read(f);
    assertThat(rs).hasSize(2);
    assertThat(rs.get(0).values().keySet()).containsExactly("charts/episodic_return", "charts/episodic_length", "losses/approx_kl");
    assertThat(rs.get(0).values().get("losses/approx_kl")).isEqualTo(1.5e-7);
    assertThat(rs.get(1).values().get("weird \"key\"")).isNaN();
  }

  @Test
  void unorderedMapsAreWrittenInSortedOrder(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("m.jsonl");
    try (JsonlMetricsSink sink = JsonlMetricsSink.create(f)) {
      sink.log(1, Map.of("b", 2.0, "a", 1.0, "c", 3.0));
      sink.log(2, new TreeMap<>(Map.of("z", 1.0, "y", 2.0)));
    }
    assertThat(Files.readAllLines(f)).containsExactly("{\"step\":1,\"a\":1.0,\"b\":2.0,\"c\":3.0}", "{\"step\":2,\"y\":2.0,\"z\":1.0}");
  }

  @Test
  void stepIsAReservedKeyAndCreateRefusesToClobber(@TempDir Path dir) {
    Path f = dir.resolve("m.jsonl");
    try (JsonlMetricsSink sink = JsonlMetricsSink.create(f)) {
      assertThatThrownBy(() -> sink.log(1, "step", 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> JsonlMetricsSink.create(f)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("openForResume");
  }

  @Test
  void resumeTruncatesToTheCheckpointStepKeepingBytes(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("metrics.jsonl");
    Files.writeString(f, "{\"step\":10,\"a\":1.0}\n{\"step\": 20, \"a\":2.0}\n{\"step\":20,\"b\":0.5}\n{\"step\":30,\"a\":3.0}\n{\"step\":40,\"a\"");
    try (JsonlMetricsSink sink = JsonlMetricsSink.openForResume(f, 20)) {
      sink.log(30, "a", 3.5);
    }
    assertThat(Files.readString(f)).isEqualTo(
        "{\"step\":10,\"a\":1.0}\n{\"step\": 20, \"a\":2.0}\n{\"step\":20,\"b\":0.5}\n{\"step\":30,\"a\":3.5}\n");
    try (JsonlMetricsSink sink = JsonlMetricsSink.openForResume(dir.resolve("new.jsonl"), 5)) {
      sink.log(1, "a", 1.0);
    }
    assertThat(JsonlMetricsSink.read(dir.resolve("new.jsonl"))).hasSize(1);
  }

  @Test
  void resumeRejectsACorruptMiddleLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("metrics.jsonl");
    Files.writeString(f, "{\"step\":10}\ngarbage\n{\"step\":30}\n");
    assertThatThrownBy(() -> JsonlMetricsSink.openForResume(f, 100))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("metrics.jsonl:2: not a metrics record");
    assertThat(Files.readString(f)).isEqualTo("{\"step\":10}\ngarbage\n{\"step\":30}\n");
  }

  @Test
  void csvIsWideWithEmptyCellsForMissingKeys() {
    Map<String, Double> first = new LinkedHashMap<>();
    first.put("charts/episodic_return", 9.5);
    Map<String, Double> second = new LinkedHashMap<>();
    second.put("losses/pg,loss", -0.25);
    second.put("charts/episodic_return", 10.0);
    String csv = MetricsCsv.format(List.of(new MetricsRecord(100, first), new MetricsRecord(200, second)));
    assertThat(csv).isEqualTo("step,charts/episodic_return,\"losses/pg,loss\"\n100,9.5,\n200,10.0,-0.25\n");
  }

  @Test
  void teeAndMemorySinks() {
    InMemoryMetricsSink a = new InMemoryMetricsSink();
    InMemoryMetricsSink b = new InMemoryMetricsSink();
    try (MetricsSink t = MetricsSink.tee(a, b, MetricsSink.discard())) {
      t.log(5, "x", 1.0);
      t.log(6, "x", 2.0);
    }
    assertThat(a.values("x")).containsExactly(1.0, 2.0);
    assertThat(b.records()).extracting(MetricsRecord::step).containsExactly(5L, 6L);
  }
}
