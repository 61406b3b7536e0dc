package org.rewardlab.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

/** run → result JSON → report row with the numbers, through a test-local repro. */
class ReproRoundTripTest {
  @TempDir Path tmp;

  /** A stand-in for a paper's repro: the method's per-seed score is 10 + noise, the baseline's 2 + noise. */
  static final class FakeCarl implements Repro {
    @Override
    public Paper paper() {
      return Papers.find("carl").orElseThrow();
    }

    @Override
    public PaperStatus status() {
      return PaperStatus.WORKING;
    }

    @Override
    public ReproResult run(ReproContext ctx) {
      List<Double> method = new ArrayList<>();
      List<Double> baseline = new ArrayList<>();
      for (long seed : ctx.seeds()) {
        RandomSource rng = RandomSource.of(seed);
        method.add(10 + rng.nextDouble());
        baseline.add(2 + rng.nextDouble());
        ctx.log("seed " + seed + " done");
      }
      Claim claim = new Claim("route completion", "%",
          List.of(new Arm("carl", method), new Arm("summed", baseline)),
          new Comparison.Greater("carl", "summed", 1.0), Claim.DEFAULT_NOISE_Z);
      return ReproResult.of("carl", List.of(claim), "fake repro for tests");
    }
  }

  private ReproResult runFake(List<String> log) {
    ReproContext ctx = new ReproContext(ReproContext.consecutiveSeeds(1, 3), tmp.resolve("run"),
        "rewardlab repro run carl", log::add);
    return ReproRunner.run(new FakeCarl(), ctx);
  }

  @Test
  void runSavesJsonThatReadsBackAndFillsTheReportRow() throws IOException {
    List<String> log = new ArrayList<>();
    ReproResult result = runFake(log);
    assertThat(log).containsExactly("seed 1 done", "seed 2 done", "seed 3 done");
    assertThat(result.seeds()).containsExactly(1L, 2L, 3L);
    assertThat(result.command()).isEqualTo("rewardlab repro run carl");
    assertThat(result.wallSeconds()).isGreaterThanOrEqualTo(0);
    assertThat(result.verdict()).isEqualTo(Verdict.HOLDS);

    ResultStore store = new ResultStore(tmp.resolve("results"));
    Path file = store.save(result);
    assertThat(file).isEqualTo(tmp.resolve("results/carl.json"));
    String json = Files.readString(file);
    assertThat(json).contains("\"verdict\" : \"HOLDS\"", "\"type\" : \"greater\"", "\"mean\"");
    try (var files = Files.list(tmp.resolve("results"))) {
      assertThat(files).containsExactly(file); // no temp file left behind
    }

    ReproResult back = store.load("carl").orElseThrow();
    assertThat(back).isEqualTo(result);

    ReproRegistry registry = ReproRegistry.empty().register(new FakeCarl());
    String report = PapersReport.render(registry, store);
    Claim claim = result.claims().get(0);
    String row = report.lines().filter(l -> l.startsWith("| 8 |")).findFirst().orElseThrow();
    assertThat(row).contains("`carl`", "| working |", "route completion (%)",
        "carl " + Comparison.number(claim.arm("carl").mean()) + " ± " + Comparison.number(claim.arm("carl").std()),
        "summed " + Comparison.number(claim.arm("summed").mean()), "(n=3)", "**holds**",
        "`rewardlab repro run carl`");
    String other = report.lines().filter(l -> l.startsWith("| 9 |")).findFirst().orElseThrow();
    assertThat(other).contains("`router-r1`", "| not started |", "| — |");
    assertThat(report).contains("Working: 1 · parts only: 0 · not started: 62.");
  }

  @Test
  void sameSeedsGiveTheSameNumbers() {
    ReproResult a = runFake(new ArrayList<>());
    ReproResult b = runFake(new ArrayList<>());
    assertThat(a.claims()).isEqualTo(b.claims());
  }

  @Test
  void nonFiniteNumbersSurviveTheRoundTrip() {
    Claim claim = Claim.of("loss", "", new Comparison.Less("a", "b", 0),
        Arm.of("a", Double.NaN, 1), Arm.of("b", Double.POSITIVE_INFINITY, 2));
    ReproResult result = ReproResult.of("starc", List.of(claim));
    ResultStore store = new ResultStore(tmp);
    store.save(result);
    ReproResult back = store.load("starc").orElseThrow();
    assertThat(back.claims().get(0).arm("a").values().get(0)).isNaN();
    assertThat(back.claims().get(0).arm("b").values().get(0)).isInfinite();
    assertThat(back.wallSeconds()).isNaN();
    assertThat(back.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
  }

  @Test
  void aBrokenResultFileIsUserInputNamingTheFile() throws IOException {
    Files.writeString(tmp.resolve("carl.json"), "{ not json");
    assertThatThrownBy(() -> new ResultStore(tmp).load("carl"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("carl.json")
        .hasMessageContaining("rewardlab repro run carl");
  }

  @Test
  void reproMustReturnItsOwnPaper() {
    Repro wrong = new Repro() {
      @Override
      public Paper paper() {
        return Papers.find("carl").orElseThrow();
      }

      @Override
      public PaperStatus status() {
        return PaperStatus.WORKING;
      }

      @Override
      public ReproResult run(ReproContext ctx) {
        return ReproResult.of("starc", List.of(Claim.of("m", "", new Comparison.AtLeast("a", 0), Arm.of("a", 1))));
      }
    };
    ReproContext ctx = new ReproContext(List.of(1L), tmp, "", null);
    assertThatThrownBy(() -> ReproRunner.run(wrong, ctx)).hasMessageContaining("'starc'");
  }
}
