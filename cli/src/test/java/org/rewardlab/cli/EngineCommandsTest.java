package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.cli.MainTest.Outcome;

/**
 * The {@code --engine} path of {@code repro run}, {@code rm score} and {@code reward score}: the same numbers as
 * the run without an engine, byte for byte, whatever the partitioning; bad engine flags and a file that is not a
 * model are one line and exit 2.
 */
class EngineCommandsTest {
  @TempDir static Path shared;
  @TempDir Path tmp;

  static Path gpt;
  static Path pairs;
  static Path completions;

  /** A small TinyGpt reward model (its scores change in the last bits with the batch) and its data. */
  @BeforeAll
  static void trainAModel() throws IOException {
    List<String> train = Files.readAllLines(Path.of("../examples/preferences/tpref-train.jsonl")).subList(0, 120);
    Path t = Files.write(shared.resolve("train.jsonl"), train);
    List<String> test = Files.readAllLines(Path.of("../examples/preferences/tpref-test.jsonl")).subList(0, 61);
    pairs = Files.write(shared.resolve("pairs.jsonl"), test);
    List<String> pc = new ArrayList<>();
    for (String line : test) pc.add(line.replace("\"chosen\"", "\"completion\"").replaceAll(",\"rejected\":\"[a-z]*\"", ""));
    completions = Files.write(shared.resolve("completions.jsonl"), pc);
    gpt = shared.resolve("gpt.rm");
    Outcome o = MainTest.run("rm", "train", t.toString(), "--model", "tinygpt", "--epochs", "1", "--context", "24",
        "--layers", "1", "--d-model", "16", "--heads", "2", "--out", gpt.toString());
    assertThat(o.code()).as(o.err()).isZero();
  }

  private static String errorLine(Outcome o) {
    List<String> errors = o.err().lines().filter(l -> l.startsWith("error:")).toList();
    assertThat(errors).as(o.err()).hasSize(1);
    return errors.get(0);
  }

  @Test
  void reproRunOnTheLocalEngineSavesTheSequentialResult() throws Exception {
    Outcome seq = MainTest.run("repro", "run", "starc", "--scale", "smoke", "--results", tmp.resolve("a").toString(),
        "--out", tmp.resolve("run-a").toString());
    assertThat(seq.code()).as(seq.err()).isZero();
    Outcome par = MainTest.run("repro", "run", "starc", "--scale", "smoke", "--engine", "local", "--threads", "2",
        "--results", tmp.resolve("b").toString(), "--out", tmp.resolve("run-b").toString());
    assertThat(par.code()).as(par.err()).isZero();
    assertThat(par.err()).contains("tasks (one per seed) on local, 2 threads").containsPattern("\\[2/2\\] seed \\d done in");
    String a = Files.readString(tmp.resolve("a/starc.json"));
    String b = Files.readString(tmp.resolve("b/starc.json"));
    assertThat(withoutTimes(b)).isEqualTo(withoutTimes(a));
  }

  /** The saved JSON without the wall time, and with the per-arm seconds reduced to their names. */
  private static String withoutTimes(String json) throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(json);
    tree.remove("wallSeconds");
    List<String> arms = new ArrayList<>();
    tree.get("armSeconds").fieldNames().forEachRemaining(arms::add);
    tree.set("armSeconds", m.valueToTree(arms));
    return tree.toString();
  }

  @Test
  void rmScoreGivesTheSameBytesForEveryPartitioning() throws Exception {
    for (Path data : List.of(pairs, completions)) {
      Outcome base = MainTest.run("rm", "score", gpt.toString(), data.toString(), "--batch-size", "8");
      assertThat(base.code()).as(base.err()).isZero();
      assertThat(base.out().lines()).hasSize(61);
      for (String p : List.of("1", "2", "7")) {
        Outcome o = MainTest.run("rm", "score", gpt.toString(), data.toString(), "--batch-size", "8", "--engine", "local",
            "--threads", "2", "--partitions", p);
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("in " + p + " parts of whole batches of 8");
        assertThat(o.out()).as("partitions " + p + " on " + data.getFileName()).isEqualTo(base.out());
      }
    }
    // the default batch through an engine is the plain run's single call
    Outcome plain = MainTest.run("rm", "score", gpt.toString(), pairs.toString());
    Outcome engine = MainTest.run("rm", "score", gpt.toString(), pairs.toString(), "--engine", "local", "--partitions", "3");
    assertThat(engine.out()).isEqualTo(plain.out());
  }

  @Test
  void rewardScoreGivesTheSameBytesForEveryPartitioning() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      int a = 100 + 37 * i;
      int b = 999 - 11 * i;
      String completion = i % 3 == 0 ? Integer.toString(a + b + 1) : i % 5 == 0 ? " " + (a + b) : Integer.toString(a + b);
      lines.add("{\"prompt\":\"" + a + "+" + b + "=\",\"completion\":\"" + completion + "\",\"id\":" + i + "}");
    }
    Path data = Files.write(tmp.resolve("arith.jsonl"), lines);
    Path spec = Files.writeString(tmp.resolve("spec.yaml"), """
        reward:
          type: weighted
          terms:
            - reward: {type: task, formatWeight: 0.2}
            - reward: {type: length_penalty, coef: 0.01}
        """);
    Outcome base = MainTest.run("reward", "score", data.toString(), "--task", "arith", "--spec", spec.toString());
    assertThat(base.code()).as(base.err()).isZero();
    List<String> out = base.out().lines().toList();
    assertThat(out).hasSize(23);
    assertThat(out.get(0)).startsWith("{\"prompt\":\"100+999=\",\"completion\":\"1100\",\"id\":0,\"reward\":0.16,")
        .contains("\"reward/task\":0.2,\"reward/length_penalty\":-0.04,\"correct\":false,\"well_formed\":true}");
    assertThat(out.get(1)).contains("\"reward\":1.16,").contains("\"correct\":true");
    assertThat(out.get(5)).contains("\"correct\":true,\"well_formed\":false"); // a leading space
    for (String p : List.of("1", "2", "7")) {
      Outcome o = MainTest.run("reward", "score", data.toString(), "--task", "arith", "--spec", spec.toString(),
          "--engine", "local", "--threads", "2", "--partitions", p);
      assertThat(o.code()).as(o.err()).isZero();
      assertThat(o.out()).isEqualTo(base.out());
    }
    Outcome verifierOnly = MainTest.run("reward", "score", data.toString(), "--task", "arith");
    assertThat(verifierOnly.out().lines().toList().get(1)).contains("\"reward\":1.0,\"reward/task\":1.0,");
  }

  @Test
  void badEngineFlagsAndFilesAreOneLineAndExit2() throws Exception {
    Outcome unknown = MainTest.run("rm", "score", gpt.toString(), pairs.toString(), "--engine", "warp");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(errorLine(unknown)).contains("--engine 'warp'", "no such engine", "local");

    Outcome zero = MainTest.run("rm", "score", gpt.toString(), pairs.toString(), "--engine", "local", "--partitions", "0");
    assertThat(zero.code()).isEqualTo(2);
    assertThat(errorLine(zero)).contains("--partitions", "must be 1 or more");

    Outcome noEngine = MainTest.run("rm", "score", gpt.toString(), pairs.toString(), "--partitions", "2");
    assertThat(noEngine.code()).isEqualTo(2);
    assertThat(errorLine(noEngine)).contains("--partitions", "--engine local");

    Path notAModel = Files.writeString(tmp.resolve("notes.rm"), "not a model\n");
    Outcome bad = MainTest.run("rm", "score", notAModel.toString(), pairs.toString(), "--engine", "local");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(errorLine(bad)).contains("notes.rm");

    Outcome threads = MainTest.run("repro", "run", "starc", "--scale", "smoke", "--engine", "local", "--threads", "0",
        "--results", tmp.resolve("r").toString(), "--out", tmp.resolve("o").toString());
    assertThat(threads.code()).isEqualTo(2);
    assertThat(errorLine(threads)).contains("--threads", "1 or more");

    Outcome reproEngine = MainTest.run("repro", "run", "starc", "--scale", "smoke", "--engine", "nope",
        "--results", tmp.resolve("r").toString(), "--out", tmp.resolve("o").toString());
    assertThat(reproEngine.code()).isEqualTo(2);
    assertThat(errorLine(reproEngine)).contains("no such engine");

    Outcome master = MainTest.run("repro", "run", "starc", "--scale", "smoke", "--master", "local[2]",
        "--results", tmp.resolve("r").toString(), "--out", tmp.resolve("o").toString());
    assertThat(master.code()).isEqualTo(2);
    assertThat(errorLine(master)).contains("--master", "--engine");

    Path data = Files.writeString(tmp.resolve("d.jsonl"), "{\"prompt\":\"12+34=\",\"completion\":\"46\"}\n"
        + "{\"prompt\":\"hello\",\"completion\":\"46\"}\n");
    Outcome neither = MainTest.run("reward", "score", data.toString());
    assertThat(neither.code()).isEqualTo(2);
    assertThat(errorLine(neither)).contains("--task NAME", "--spec");
    Outcome task = MainTest.run("reward", "score", data.toString(), "--task", "arithm");
    assertThat(task.code()).isEqualTo(2);
    assertThat(errorLine(task)).contains("--task", "did you mean 'arith'");
    Outcome prompt = MainTest.run("reward", "score", data.toString(), "--task", "arith", "--engine", "local");
    assertThat(prompt.code()).isEqualTo(2);
    assertThat(errorLine(prompt)).contains("d.jsonl:2", "'hello' is not a prompt of the 'arith' task");
    Path norm = Files.writeString(tmp.resolve("norm.yaml"), "type: normalize\nreward: {type: task}\n");
    Outcome stateful = MainTest.run("reward", "score", data.toString(), "--task", "arith", "--spec", norm.toString(),
        "--engine", "local");
    assertThat(stateful.code()).isEqualTo(2);
    assertThat(errorLine(stateful)).contains("stateful part");
  }
}
