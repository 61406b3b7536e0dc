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

/** run → result JSON → report row with the numbers and the scale, through a test-local repro. */
class ReproRoundTripTest {
  @TempDir Path tmp;

  private ReproResult runFake(List<String> log) {
    return ReproRunner.run(new FakeCarl(), Scale.DEFAULT, null,
        new ReproRunner.Settings(tmp.resolve("run"), tmp, "rewardlab repro run carl", log::add));
  }

  @Test
  void runSavesJsonThatReadsBackAndFillsTheReportRow() throws IOException {
    List<String> log = new ArrayList<>();
    ReproResult result = runFake(log);
    assertThat(log).contains("[1/3] seed 1", "seed 1 measured", "seed 3 measured");
    assertThat(result.seeds()).containsExactly(1L, 2L, 3L);
    assertThat(result.command()).isEqualTo("rewardlab repro run carl");
    assertThat(result.scale()).isEqualTo(Scale.DEFAULT);
    assertThat(result.verdict()).isEqualTo(Verdict.HOLDS);

    ResultStore store = new ResultStore(tmp.resolve("results"));
    Path file = store.save(result);
    assertThat(file).isEqualTo(tmp.resolve("results/carl.json"));
    String json = Files.readString(file);
    assertThat(json).contains("\"verdict\" : \"HOLDS\"", "\"type\" : \"greater\"", "\"mean\"",
        "\"scale\" : \"default\"", "\"episodes\" : 100", "\"gitCommit\"", "\"armSeconds\"", "\"versions\"");
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
        "| default (episodes 100; seeds 1, 2, 3) vs paper: 1e8 env steps, 3 seeds |",
        "`rewardlab repro run carl`");
    String other = report.lines().filter(l -> l.startsWith("| 9 |")).findFirst().orElseThrow();
    assertThat(other).contains("`router-r1`", "| not started |", "| — | — |");
    assertThat(report).contains("Working: 1 · parts only: 0 · not started: 62.");
  }

  @Test
  void aRegisteredPaperWithoutSavedRunStillShowsThePapersScale() {
    String report = PapersReport.render(ReproRegistry.empty().register(new FakeCarl()), new ResultStore(tmp));
    String row = report.lines().filter(l -> l.startsWith("| 8 |")).findFirst().orElseThrow();
    assertThat(row).contains("| — | — vs paper: 1e8 env steps, 3 seeds |");
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
    assertThat(back.scale()).isNull();
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
  void aResultFileWithAnUnknownScaleIsUserInputNamingTheFile() throws IOException {
    ResultStore store = new ResultStore(tmp);
    String json = ResultStore.toJson(runFake(new ArrayList<>())).replace("\"scale\" : \"default\"", "\"scale\" : \"huge\"");
    Files.writeString(store.pathOf("carl"), json);
    assertThatThrownBy(() -> store.load("carl"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("carl.json")
        .hasMessageContaining("huge");
  }
}
