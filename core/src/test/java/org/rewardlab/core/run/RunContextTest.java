package org.rewardlab.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

class RunContextTest {
  /** A config record like an experiment spec. */
  public record Spec(String env, double learningRate, List<Integer> hidden) {
    public Spec {
      hidden = List.copyOf(hidden);
    }
  }

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);

  @Test
  void createMakesANamedTimestampedDirectoryWithAManifest(@TempDir Path root) {
    Spec spec = new Spec("CartPole-v1", 2.5e-4, List.of(64, 64));
    try (RunContext ctx = RunContext.create(root.resolve("runs"), "ppo", 42, spec, CLOCK)) {
      assertThat(ctx.runDir()).isEqualTo(root.resolve("runs/ppo-20250304-050607"));
      assertThat(ctx.runDir().resolve("manifest.json")).exists();
      assertThat(ctx.runDir().resolve("metrics.jsonl")).exists();
      assertThat(ctx.seeds().runSeed()).isEqualTo(42);
      assertThat(ctx.checkpointsDir()).isDirectory();
      assertThat(ctx.plotsDir()).isDirectory();
    }
    try (RunContext second = RunContext.create(root.resolve("runs"), "ppo", 42, spec, CLOCK);
        RunContext third = RunContext.create(root.resolve("runs"), "ppo", 42, spec, CLOCK)) {
      assertThat(second.runDir().getFileName().toString()).isEqualTo("ppo-20250304-050607-2");
      assertThat(third.runDir().getFileName().toString()).isEqualTo("ppo-20250304-050607-3");
    }
  }

  @Test
  void createAtUsesExactlyTheGivenDirectoryAndRefusesAnExistingOne(@TempDir Path root) {
    Spec spec = new Spec("CartPole-v1", 2.5e-4, List.of(64, 64));
    Path dir = root.resolve("sweep/runs/abc/seed-3");
    try (RunContext ctx = RunContext.createAt(dir, "cell", 3, spec)) {
      assertThat(ctx.runDir()).isEqualTo(dir);
      assertThat(ctx.seeds().runSeed()).isEqualTo(3);
      ctx.metrics().log(1, Map.of("x", 1.0));
    }
    assertThat(RunManifest.read(dir).seed()).isEqualTo(3);
    assertThat(dir.resolve(RunContext.METRICS_FILE)).exists();
    assertThatThrownBy(() -> RunContext.createAt(dir, "cell", 3, spec))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already exists");
  }

  @Test
  void manifestRoundTripsWithConfigSeedsAndTimes(@TempDir Path root) {
    Spec spec = new Spec("Pendulum-v1", 3e-4, List.of(8));
    Path dir;
    long policySeed;
    try (RunContext ctx = RunContext.create(root, "sac", 7, spec, CLOCK)) {
      dir = ctx.runDir();
      policySeed = ctx.seeds().seed("policy.init");
      ctx.seeds().stream("env");
    }
    RunManifest m = RunManifest.read(dir);
    assertThat(m.name()).isEqualTo("sac");
    assertThat(m.seed()).isEqualTo(7);
    assertThat(m.seeds()).containsExactly(
        Map.entry("policy.init", policySeed), Map.entry("env", RandomSource.deriveSeed(7, "env")));
    assertThat(m.config(Spec.class)).isEqualTo(spec);
    assertThat(m.configType()).isEqualTo(Spec.class.getName());
    assertThat(m.startTime()).isEqualTo("2025-03-04T05:06:07Z");
    assertThat(m.endTime()).isEqualTo("2025-03-04T05:06:07Z");
    assertThat(m.gitCommit()).isNotBlank();
    assertThat(m.versions()).containsKeys("rewardlab", "java", "os", "arch", "availableProcessors");
    assertThat(m.versions().get("rewardlab")).isEqualTo("0.1.0-SNAPSHOT");
    // write and read again: equal record
    m.write(dir);
    assertThat(RunManifest.read(dir)).isEqualTo(m);
  }

  @Test
  void gitStateIsUnknownOutsideARepository(@TempDir Path dir) {
    RunManifest.GitState g = RunManifest.GitState.of(dir);
    assertThat(g.commit()).isEqualTo(RunManifest.UNKNOWN);
    assertThat(g.dirty()).isFalse();
  }

  @Test
  void openIsRejectedForANonRunDirectory(@TempDir Path dir) {
    assertThatThrownBy(() -> RunContext.open(dir))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(dir + ": not a run directory (no manifest.json)");
    assertThatThrownBy(() -> RunContext.open(dir.resolve("missing")))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(dir.resolve("missing") + ": not a run directory (no manifest.json)");
  }

  @Test
  void badRunNameIsAUserError(@TempDir Path root) {
    assertThatThrownBy(() -> RunContext.create(root, "../escape", 1, null, CLOCK))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("not usable as a directory name");
  }

  @Test
  void resumeDropsMetricsAfterTheCheckpointAndEqualsAnUninterruptedRun(@TempDir Path root) throws Exception {
    Path full;
    try (RunContext ctx = RunContext.create(root.resolve("a"), "run", 3, null, CLOCK)) {
      full = ctx.runDir();
      for (long s = 100; s <= 500; s += 100) ctx.metrics().log(s, metricsAt(s));
    }
    Path killed;
    try (RunContext ctx = RunContext.create(root.resolve("b"), "run", 3, null, CLOCK)) {
      killed = ctx.runDir();
      for (long s = 100; s <= 400; s += 100) ctx.metrics().log(s, metricsAt(s));
    }
    // a torn line from the kill
    Files.writeString(killed.resolve("metrics.jsonl"), "{\"step\":500,\"charts/ret", java.nio.file.StandardOpenOption.APPEND);
    try (RunContext ctx = RunContext.open(killed, 200)) {
      assertThat(ctx.manifest().endTime()).isNull();
      assertThat(ctx.seeds().runSeed()).isEqualTo(3);
      for (long s = 300; s <= 500; s += 100) ctx.metrics().log(s, metricsAt(s));
    }
    assertThat(Files.readString(killed.resolve("metrics.jsonl"))).isEqualTo(Files.readString(full.resolve("metrics.jsonl")));
    assertThat(Files.readString(killed.resolve("metrics.csv"))).isEqualTo(Files.readString(full.resolve("metrics.csv")));
    assertThat(RunManifest.read(killed).endTime()).isNotNull();
  }

  private static Map<String, Double> metricsAt(long s) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("charts/episodic_return", s / 10.0);
    m.put("losses/value_loss", 1.0 / s);
    return m;
  }
}
