package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.cli.MainTest.Outcome;

/** {@code rewardlab rm train|eval|score} end to end, and its refusals (exit 2, one line naming the fix). */
class RmCommandTest {
  @TempDir Path tmp;

  Path head(String example, int lines) throws IOException {
    List<String> all = Files.readAllLines(Path.of("../examples/preferences/" + example));
    Path f = tmp.resolve(example);
    Files.write(f, all.subList(0, lines));
    return f;
  }

  @Test
  void trainEvalAndScoreAFeatureModel() throws IOException {
    Path train = head("tpref-train.jsonl", 400);
    Path test = head("tpref-test.jsonl", 100);
    Path model = tmp.resolve("m.rm");
    Outcome t = MainTest.run("rm", "train", train.toString(), "--out", model.toString(), "--epochs", "3", "--lr", "3e-3");
    assertThat(t.code()).as(t.err()).isZero();
    assertThat(t.err()).contains("400 pairs");
    assertThat(t.out()).contains("epoch 3  loss").contains("pairs/s").contains("wrote " + model);
    assertThat(model).exists();

    Path png = tmp.resolve("rel.png");
    Outcome e = MainTest.run("rm", "eval", model.toString(), test.toString(), "--plot", png.toString());
    assertThat(e.code()).as(e.err()).isZero();
    assertThat(e.out()).contains("pairs 100  accuracy").contains("accuracy by category:").contains("target-a")
        .contains("reliability");
    assertThat(png).exists();
    double acc = Double.parseDouble(e.out().split("accuracy ")[1].split(" ")[0]);
    assertThat(acc).isGreaterThan(0.6);

    Path scored = tmp.resolve("scored.jsonl");
    Outcome s = MainTest.run("rm", "score", model.toString(), test.toString(), "--out", scored.toString());
    assertThat(s.code()).as(s.err()).isZero();
    List<String> lines = Files.readAllLines(scored);
    assertThat(lines).hasSize(100);
    assertThat(lines.get(0)).startsWith("{\"prompt\":").contains("\"chosen_score\":").contains("\"rejected_score\":");

    Outcome swapped = MainTest.run("rm", "score", test.toString(), model.toString());
    assertThat(swapped.code()).isEqualTo(2);
    assertThat(swapped.err()).contains("is a reward model file where the preference data goes")
        .contains("MODEL.rm DATA.jsonl");
  }

  @Test
  void malformedLinesFailWithTheirNumberUnlessSkipped() throws IOException {
    Path f = tmp.resolve("bad.jsonl");
    Files.writeString(f, "{\"prompt\":\"a:\",\"chosen\":\"aa\",\"rejected\":\"b\"}\n{\"prompt\":\"a:\",\"chosen\":3}\n"
        + "{\"prompt\":\"b:\",\"chosen\":\"b\",\"rejected\":\"a\"}\n");
    Outcome bad = MainTest.run("rm", "train", f.toString(), "--out", tmp.resolve("x.rm").toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("bad.jsonl:2:").contains("--skip-malformed");
    Outcome skip = MainTest.run("rm", "train", f.toString(), "--out", tmp.resolve("x.rm").toString(), "--epochs", "1",
        "--skip-malformed");
    assertThat(skip.code()).as(skip.err()).isZero();
    assertThat(skip.err()).contains("2 pairs; skipped 1 malformed line (line 2:");
  }

  @Test
  void scoresPromptCompletionLinesInInputOrderAndReportsMalformedLinesByNumber() throws IOException {
    Path train = head("tpref-train.jsonl", 200);
    Path model = tmp.resolve("pc.rm");
    assertThat(MainTest.run("rm", "train", train.toString(), "--out", model.toString(), "--epochs", "1").code()).isZero();
    // the same responses as a pair file and as prompt / completion lines: the scores must agree, in order
    Path pair = tmp.resolve("pair.jsonl");
    Files.writeString(pair, "{\"prompt\":\"a:\",\"chosen\":\"ccbcd\",\"rejected\":\"accaca\"}\n");
    Outcome ps = MainTest.run("rm", "score", model.toString(), pair.toString());
    assertThat(ps.code()).as(ps.err()).isZero();
    String chosen = ps.out().split("\"chosen_score\":")[1].split("[,}]")[0];
    String rejected = ps.out().split("\"rejected_score\":")[1].split("[,}]")[0];
    Path pc = tmp.resolve("pc.jsonl");
    Files.writeString(pc, "{\"prompt\":\"a:\",\"completion\":\"accaca\",\"id\":7}\n\n"
        + "{\"prompt\":\"a:\",\"answer\":\"x\"}\n"
        + "{\"prompt\":\"a:\",\"completion\":\"ccbcd\"}\n"
        + "{\"prompt\":[{\"role\":\"user\",\"content\":\"a:\"}],\"completion\":[{\"role\":\"assistant\",\"content\":\"cb\"}]}\n");
    Outcome bad = MainTest.run("rm", "score", model.toString(), pc.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("pc.jsonl:3:").contains("needs \"completion\"").contains("--skip-malformed");
    Path out = tmp.resolve("pc-scored.jsonl");
    Outcome ok = MainTest.run("rm", "score", model.toString(), pc.toString(), "--skip-malformed", "--out", out.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.err()).contains("3 completions; skipped 1 malformed line (line 3:").contains("3 scored completions");
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("{\"prompt\":\"a:\",\"completion\":\"accaca\",\"id\":7,\"score\":" + rejected);
    assertThat(lines.get(1)).isEqualTo("{\"prompt\":\"a:\",\"completion\":\"ccbcd\",\"score\":" + chosen + "}");
    assertThat(lines.get(2)).startsWith("{\"prompt\":[{\"role\":\"user\"").contains("\"score\":");
  }

  @Test
  void oneClassOnlyAndOverlongPromptsAreRefusedWithWhatToChange() throws IOException {
    Path ties = tmp.resolve("ties.jsonl");
    Files.writeString(ties, "{\"prompt\":\"a:\",\"chosen\":\"aa\",\"rejected\":\"b\",\"tie\":true}\n");
    Outcome t = MainTest.run("rm", "train", ties.toString());
    assertThat(t.code()).isEqualTo(2);
    assertThat(t.err()).contains("one class only").contains("add pairs where one response is preferred");

    Path longer = tmp.resolve("long.jsonl");
    Files.writeString(longer, "{\"prompt\":\"" + "x".repeat(40) + "\",\"chosen\":\"aa\",\"rejected\":\"b\"}\n");
    Outcome l = MainTest.run("rm", "train", longer.toString(), "--model", "tinygpt", "--context", "32");
    assertThat(l.code()).isEqualTo(2);
    assertThat(l.err()).contains("pair 1 (chosen)").contains("45 tokens").contains("context of 32")
        .contains("--context 45");

    Outcome lr = MainTest.run("rm", "train", longer.toString(), "--lr", "-1");
    assertThat(lr.code()).isEqualTo(2);
    assertThat(lr.err()).contains("--lr");
  }
}
