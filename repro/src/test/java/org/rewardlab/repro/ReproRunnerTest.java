package org.rewardlab.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.run.RunManifest;

class ReproRunnerTest {
  @TempDir Path tmp;

  private ReproRunner.Settings settings(List<String> log) {
    return new ReproRunner.Settings(tmp, tmp, "test", log::add);
  }

  @Test
  void storesScaleConfigSeedsProvenanceAndTheWallTimePerArm() {
    List<String> log = new ArrayList<>();
    ReproResult r = ReproRunner.run(new FakeCarl(), Scale.SMOKE, null, settings(log));
    assertThat(r.scale()).isEqualTo(Scale.SMOKE);
    assertThat(r.paperScale()).isEqualTo("1e8 env steps, 3 seeds");
    assertThat(r.seeds()).containsExactly(1L, 2L);
    assertThat(Configs.fromTree(r.config(), FakeCarl.Config.class)).isEqualTo(new FakeCarl.Config(2, List.of(1L, 2L)));
    assertThat(r.configSummary()).isEqualTo("episodes 2");
    assertThat(r.armSeconds()).containsOnlyKeys("carl", "summed");
    assertThat(r.armSeconds().keySet()).containsExactly("carl", "summed");
    assertThat(r.armSeconds().values()).allSatisfy(s -> assertThat(s).isNotNegative().isFinite());
    double timed = r.armSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
    assertThat(timed).isLessThanOrEqualTo(r.wallSeconds());
    assertThat(r.gitCommit()).isEqualTo(RunManifest.UNKNOWN); // tmp is outside any git repository
    assertThat(r.versions()).containsKeys("rewardlab", "java", "os");
    assertThat(r.notes()).containsExactly("fake repro for tests");
    assertThat(log).containsSubsequence("[1/2] seed 1", "seed 1 measured", "[2/2] seed 2", "seed 2 measured");
    assertThat(log).anyMatch(l -> l.startsWith("[2/2] seed 2 done in "));
  }

  @Test
  void seedsGivenReplaceTheConfigsSeedsAndAreStoredInTheConfig() {
    ReproResult r = ReproRunner.run(new FakeCarl(), Scale.DEFAULT, List.of(7L, 9L), settings(new ArrayList<>()));
    assertThat(r.seeds()).containsExactly(7L, 9L);
    assertThat(r.config().get("seeds").toString()).isEqualTo("[7,9]");
    assertThat(r.config().get("episodes").asInt()).isEqualTo(100);
    assertThat(r.claims().get(0).arm("carl").values()).hasSize(2);
    assertThat(ReproRunner.config(new FakeCarl(), Scale.DEFAULT, List.of())).isEqualTo(FakeCarl.Config.defaults());
  }

  @Test
  void repeatedSeedsAreRefusedByTheConfig() {
    assertThatThrownBy(() -> ReproRunner.run(new FakeCarl(), Scale.SMOKE, List.of(1L, 1L), settings(new ArrayList<>())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("distinct");
  }

  @Test
  void aRefusedScaleIsUserInputNamingTheScaleAndTheAlternative() {
    assertThatThrownBy(() -> ReproRunner.run(new FakeCarl(), Scale.PAPER, null, settings(new ArrayList<>())))
        .isInstanceOf(UserInputException.class)
        .hasMessage("--scale paper: carl does not run at this scale: needs 8 GPUs for a week"
            + " (use --scale default for the CPU-scale run)");
  }

  @Test
  void badScaleNameIsUserInputNamingTheFlagAndTheValidValues() {
    assertThat(Scale.parse("smoke")).isEqualTo(Scale.SMOKE);
    assertThat(Scale.parse(" Paper ")).isEqualTo(Scale.PAPER);
    assertThatThrownBy(() -> Scale.parse("huge"))
        .isInstanceOf(UserInputException.class)
        .hasMessage("--scale: unknown scale 'huge' (use one of smoke, default, paper)");
  }

  @Test
  void unknownIdIsUserInputWithDidYouMean() {
    assertThatThrownBy(() -> ReproRegistry.standard().paper("strac"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("did you mean 'starc'")
        .hasMessageContaining("rewardlab repro list");
  }

  @Test
  void aSeedResultForAnotherSeedIsABugInTheRepro() {
    FakeCarl wrongSeed = new FakeCarl() {
      @Override
      public SeedResult measure(FakeCarl.Config config, long seed, ReproContext ctx) {
        return new SeedResult(seed + 1, Map.of("carl", 1.0));
      }
    };
    assertThatThrownBy(() -> ReproRunner.run(wrongSeed, Scale.SMOKE, null, settings(new ArrayList<>())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("measured seed 1 but returned the result of seed 2");
  }

  @Test
  void seedResultNamesTheMissingValueAndTheOnesThereAre() {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("a", 1.0);
    values.put("b", Double.NaN);
    SeedResult r = new SeedResult(3, values);
    assertThat(r.value("b")).isNaN();
    assertThatThrownBy(() -> r.value("c")).hasMessageContaining("'c'").hasMessageContaining("[a, b]");
    assertThat(SeedResult.arm("x", List.of(r, new SeedResult(4, Map.of("a", 3.0))), "a").values()).containsExactly(1.0, 3.0);
  }

  @Test
  void timeArmAddsUpPerArmAndReturnsTheValue() {
    ReproContext ctx = new ReproContext(tmp, null);
    assertThat(ctx.timeArm("a", () -> 41 + 1)).isEqualTo(42);
    int[] ran = new int[1];
    ctx.timeArm("b", () -> {
      ran[0]++;
    });
    ctx.timeArm("a", () -> 0);
    assertThat(ran[0]).isEqualTo(1);
    assertThat(ctx.armSeconds().keySet()).containsExactly("a", "b");
    assertThatThrownBy(() -> ctx.timeArm(" ", () -> 1)).hasMessageContaining("name of the arm");
  }
}
