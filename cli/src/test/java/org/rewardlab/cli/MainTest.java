package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.Comparison;
import org.rewardlab.repro.Paper;
import org.rewardlab.repro.PaperStatus;
import org.rewardlab.repro.Papers;
import org.rewardlab.repro.Repro;
import org.rewardlab.repro.ReproConfig;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;

class MainTest {
  @TempDir Path tmp;

  /** Output of one run of the command. */
  record Outcome(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  static Outcome run(ReproRegistry registry, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(registry, new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  static Outcome run(String... args) {
    return run(ReproRegistry.standard(), args);
  }

  /** A repro that measures fixed numbers, so the CLI path can be checked end to end. */
  static final class FakeStarc implements Repro<FakeStarc.Config> {
    record Config(List<Long> seeds) implements ReproConfig<Config> {
      Config {
        seeds = ReproConfig.checkSeeds(seeds);
      }

      @Override
      public Config withSeeds(List<Long> seeds) {
        return new Config(seeds);
      }
    }

    @Override
    public Paper paper() {
      return Papers.find("starc").orElseThrow();
    }

    @Override
    public PaperStatus status() {
      return PaperStatus.WORKING;
    }

    @Override
    public Config config(Scale scale) {
      if (scale == Scale.PAPER) {
        throw Scale.PAPER.refused("starc", "the fake has no paper scale");
      }
      return new Config(scale == Scale.SMOKE ? List.of(1L) : List.of(1L, 2L));
    }

    @Override
    public String paperScale() {
      return "16 x 64 x 16, one run";
    }

    @Override
    public SeedResult measure(Config config, long seed, ReproContext ctx) {
      ctx.log("measuring seed " + seed);
      return new SeedResult(seed, Map.of(
          "starc", ctx.timeArm("starc", () -> 0.9 + 0.01 * (seed % 3)),
          "epic", ctx.timeArm("epic", () -> 0.5 + 0.01 * (seed % 3))));
    }

    @Override
    public List<Claim> claims(Config config, List<SeedResult> perSeed) {
      return List.of(Claim.of("regret correlation", "", new Comparison.Greater("starc", "epic", 0),
          SeedResult.arm("starc", perSeed, "starc"), SeedResult.arm("epic", perSeed, "epic")));
    }
  }

  @Test
  void helpAndVersionWorkEverywhere() {
    Outcome top = run("--help");
    assertThat(top.code()).isZero();
    assertThat(top.out()).contains("Usage: rewardlab", "repro", "version", "--debug", "Exit codes");
    Outcome sub = run("repro", "run", "--help");
    assertThat(sub.code()).isZero();
    assertThat(sub.out()).contains("Usage: rewardlab repro run", "--seed", "--help", "--version", "--debug");
    Outcome version = run("repro", "list", "--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("rewardlab 0.1.0");
  }

  @Test
  void versionNamesJavaOsAndDjlWithoutLoadingIt() {
    Outcome v = run("version");
    assertThat(v.code()).isZero();
    assertThat(v.out()).contains("rewardlab 0.1.0-SNAPSHOT", "commit:", "java:    " + System.getProperty("java.version"),
        "os:", "djl:     0.36.0 with PyTorch 2.7.1");
  }

  @Test
  void unknownSubcommandIsOneErrorLineAndExit2() {
    Outcome o = run("trian");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.errLines()).hasSize(1);
    assertThat(o.err()).startsWith("error: ").contains("trian").doesNotContain("Exception", "\tat ");
  }

  @Test
  void unknownOptionIsOneErrorLineAndExit2() {
    Outcome o = run("repro", "list", "--frobnicate");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.errLines()).hasSize(1);
    assertThat(o.err()).startsWith("error: ").contains("--frobnicate", "rewardlab repro list --help");
  }

  @Test
  void missingArgumentIsExit2() {
    Outcome o = run("repro", "run");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.errLines()).hasSize(1);
    assertThat(o.err()).startsWith("error: ").contains("<id>");
  }

  @Test
  void missingCommandIsExit2ListingTheCommands() {
    Outcome o = run();
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.errLines()).hasSize(1);
    assertThat(o.err()).contains("missing command", "repro", "version");
  }

  @Test
  void unknownPaperIdNamesTheIdAndHowToListIds() {
    Outcome o = run("repro", "run", "no-such-paper");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.errLines()).hasSize(1);
    assertThat(o.err()).startsWith("error: ").contains("'no-such-paper'", "rewardlab repro list");
  }

  @Test
  void debugAddsTheStackTrace() {
    Outcome o = run("--debug", "repro", "run", "no-such-paper");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).startsWith("error: ").contains("UserInputException", "\tat ");
    Outcome sub = run("repro", "run", "no-such-paper", "--debug");
    assertThat(sub.code()).isEqualTo(2);
    assertThat(sub.err()).contains("\tat ");
  }

  @Test
  void notStartedPaperExits2PointingToPapersMd() {
    // the first paper without a registered repro (papers get repros over time, so none is named here)
    String id = Papers.ALL.stream().map(Paper::id).filter(p -> ReproRegistry.standard().repro(p).isEmpty())
        .findFirst().orElseThrow();
    Outcome o = run("repro", "run", id, "--results", tmp.toString(), "--out", tmp.resolve("run").toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.errLines()).hasSize(1);
    assertThat(o.err()).contains("'" + id + "'", "not started yet", "see docs/PAPERS.md");
    assertThat(tmp.resolve(id + ".json")).doesNotExist();
  }

  @Test
  void internalErrorIsExit1WithDebugHint() {
    Repro<FakeStarc.Config> broken = new Repro<>() {
      @Override
      public Paper paper() {
        return Papers.find("hrm").orElseThrow();
      }

      @Override
      public PaperStatus status() {
        return PaperStatus.WORKING;
      }

      @Override
      public FakeStarc.Config config(Scale scale) {
        throw new IllegalStateException("boom");
      }

      @Override
      public String paperScale() {
        return "n/a";
      }

      @Override
      public SeedResult measure(FakeStarc.Config config, long seed, ReproContext ctx) {
        throw new IllegalStateException("boom");
      }

      @Override
      public List<Claim> claims(FakeStarc.Config config, List<SeedResult> perSeed) {
        return List.of();
      }
    };
    ReproRegistry registry = ReproRegistry.empty().register(broken);
    Outcome o = run(registry, "repro", "run", "hrm", "--results", tmp.toString(), "--out", tmp.toString());
    assertThat(o.code()).isEqualTo(1);
    assertThat(o.errLines()).hasSize(1);
    assertThat(o.err()).startsWith("error: internal: boom").contains("--debug").doesNotContain("\tat ");
  }

  @Test
  void listShowsAll63PapersWithStatus() {
    ReproRegistry registry = ReproRegistry.empty().register(new FakeStarc());
    Outcome o = run(registry, "repro", "list");
    assertThat(o.code()).isZero();
    List<String> lines = o.out().lines().toList();
    assertThat(lines).hasSize(64);
    assertThat(lines.get(0)).startsWith("#").contains("ID", "STATUS", "FAMILY", "TITLE");
    assertThat(lines.get(1)).contains("promptagent", "not started", "search, LLM", "PromptAgent");
    assertThat(lines.get(28)).contains("starc", "working", "STARC reward distances");
  }

  @Test
  void runSavesJsonAndReportShowsTheNumbers() throws Exception {
    ReproRegistry registry = ReproRegistry.empty().register(new FakeStarc());
    Path results = tmp.resolve("results");
    Outcome o = run(registry, "repro", "run", "starc", "--seed", "4", "--results", results.toString(),
        "--out", tmp.resolve("run").toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.err()).contains("measuring seed 4", "measuring seed 5");
    assertThat(o.out()).contains("seeds: 4, 5", "regret correlation: starc > epic → holds", "starc", "0.915",
        "verdict: holds");
    Path json = results.resolve("starc.json");
    assertThat(json).exists();
    assertThat(Files.readString(json)).contains("\"command\" : \"rewardlab repro run starc --scale default --seed 4 --seeds 2\"");

    Path md = tmp.resolve("PAPERS.md");
    Outcome report = run(registry, "repro", "report", "--out", md.toString(), "--results", results.toString());
    assertThat(report.code()).as(report.err()).isZero();
    assertThat(report.out()).contains("63 papers (1 working, 0 parts only, 62 not started)");
    String row = Files.readString(md).lines().filter(l -> l.startsWith("| 28 |")).findFirst().orElseThrow();
    assertThat(row).contains("`starc`", "working", "starc 0.915 ± 0.00707", "epic 0.515", "**holds**");
  }

  @Test
  void badSeedCountIsUserInput() {
    ReproRegistry registry = ReproRegistry.empty().register(new FakeStarc());
    Outcome o = run(registry, "repro", "run", "starc", "--seeds", "0", "--results", tmp.toString(),
        "--out", tmp.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).isEqualTo("error: --seeds: must be 1 or more, got 0 (use e.g. --seeds 3)\n");
  }
}
