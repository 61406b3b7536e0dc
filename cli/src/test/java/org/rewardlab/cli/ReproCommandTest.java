package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.cli.MainTest.FakeStarc;
import org.rewardlab.cli.MainTest.Outcome;
import org.rewardlab.repro.ReproRegistry;

/** {@code rewardlab repro run}: scales, seeds and what the saved result records. */
class ReproCommandTest {
  @TempDir Path tmp;

  private Outcome run(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--results";
    all[args.length + 1] = tmp.resolve("results").toString();
    all[args.length + 2] = "--out";
    all[args.length + 3] = tmp.resolve("run").toString();
    return MainTest.run(ReproRegistry.empty().register(new FakeStarc()), all);
  }

  private String savedJson() throws Exception {
    return Files.readString(tmp.resolve("results/starc.json"));
  }

  @Test
  void smokeScaleRunsTheSmokeConfigAndRecordsScaleConfigAndArmTimes() throws Exception {
    Outcome o = run("repro", "run", "starc", "--scale", "smoke");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("scale: smoke; paper's scale: 16 x 64 x 16, one run", "seeds: 1;", "TIMED",
        "verdict: holds");
    assertThat(o.err()).contains("[1/1] seed 1", "measuring seed 1");
    assertThat(savedJson()).contains("\"scale\" : \"smoke\"", "\"seeds\" : [ 1 ]",
        "\"command\" : \"rewardlab repro run starc --scale smoke --seed 1 --seeds 1\"", "\"armSeconds\" : {",
        "\"starc\" : ", "\"gitCommit\" : ", "\"config\" : {");
  }

  @Test
  void defaultScaleIsTheDefault() throws Exception {
    Outcome o = run("repro", "run", "starc");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("scale: default;", "seeds: 1, 2;");
    assertThat(savedJson()).contains("\"scale\" : \"default\"",
        "\"command\" : \"rewardlab repro run starc --scale default --seed 1 --seeds 2\"");
  }

  @Test
  void badScaleNameIsOneLineNamingTheFlagAndTheValidValues() {
    Outcome o = run("repro", "run", "starc", "--scale", "huge");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).isEqualTo("error: --scale: unknown scale 'huge' (use one of smoke, default, paper)\n");
    assertThat(tmp.resolve("results/starc.json")).doesNotExist();
  }

  @Test
  void aRefusedScaleIsUserInputPointingToTheDefaultScale() {
    Outcome o = run("repro", "run", "starc", "--scale", "paper");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.errLines()).hasSize(1);
    assertThat(o.err()).contains("--scale paper", "starc does not run at this scale", "use --scale default");
  }

  @Test
  void seedsTakeAListOrACountFromTheFirstSeed() throws Exception {
    Outcome list = run("repro", "run", "starc", "--seeds", "3, 5,9");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).contains("seeds: 3, 5, 9;");
    assertThat(savedJson()).contains("\"command\" : \"rewardlab repro run starc --scale default --seeds 3,5,9\"");

    Outcome count = run("repro", "run", "starc", "--seeds", "3");
    assertThat(count.code()).as(count.err()).isZero();
    assertThat(count.out()).contains("seeds: 1, 2, 3;");

    Outcome firstAndCount = run("repro", "run", "starc", "--seed", "7", "--seeds", "2", "--scale", "smoke");
    assertThat(firstAndCount.out()).contains("seeds: 7, 8;");
  }

  @Test
  void badSeedFlagsAreUserInput() {
    assertThat(run("repro", "run", "starc", "--seed", "2", "--seeds", "3,5").err())
        .startsWith("error: --seed: cannot be combined with a list of seeds in --seeds");
    assertThat(run("repro", "run", "starc", "--seeds", "1,x").err())
        .startsWith("error: --seeds: 'x' in '1,x' is not a whole number");
    assertThat(run("repro", "run", "starc", "--seeds", "1,2,1").err())
        .startsWith("error: --seeds: the list 1,2,1 repeats a seed");
    Outcome o = run("repro", "run", "starc", "--seeds", "many");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).startsWith("error: --seeds: 'many' is neither a count nor a list of seeds");
  }

  @Test
  void unknownIdSuggestsTheClosestOne() {
    Outcome o = run("repro", "run", "strac");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("'strac'", "did you mean 'starc'", "rewardlab repro list");
  }

  @Test
  void helpNamesTheScalesAndTheSeedForms() {
    Outcome o = MainTest.run("repro", "run", "--help");
    assertThat(o.code()).isZero();
    assertThat(o.out()).contains("--scale", "smoke", "default", "paper", "--seeds", "1,2,3");
  }

  @Test
  void reportShowsOurScaleAndThePapers() throws Exception {
    assertThat(run("repro", "run", "starc", "--scale", "smoke").code()).isZero();
    Path md = tmp.resolve("PAPERS.md");
    Outcome report = MainTest.run(ReproRegistry.empty().register(new FakeStarc()), "repro", "report", "--out",
        md.toString(), "--results", tmp.resolve("results").toString());
    assertThat(report.code()).as(report.err()).isZero();
    String row = Files.readString(md).lines().filter(l -> l.startsWith("| 28 |")).findFirst().orElseThrow();
    assertThat(row).contains("| smoke (seed 1) vs paper: 16 x 64 x 16, one run |");
  }
}
