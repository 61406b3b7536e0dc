package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Every failure prints exactly one bounded {@code error:} line and the right exit code. */
class ErrorHandlerTest {
  @Command(name = "probe")
  static final class Probe implements Callable<Integer> {
    @Option(names = "--fail")
    String fail = "";

    @Option(names = "--text")
    String text = "";

    @Override
    public Integer call() {
      switch (fail) {
        case "oom" -> throw new OutOfMemoryError("Java heap space");
        case "wrapped-oom" -> throw new IllegalStateException("while allocating", new OutOfMemoryError("Requested array size exceeds VM limit"));
        case "user" -> throw new UserInputException("--text", "bad text " + text, "fix\nit");
        case "bug" -> throw new IllegalStateException("boom " + text);
        default -> {
          return 0;
        }
      }
    }
  }

  record Outcome(int code, String err) {}

  static Outcome run(String... args) {
    StringWriter err = new StringWriter();
    int code = Main.execute(new CommandLine(new Probe()), new PrintWriter(new StringWriter()), new PrintWriter(err), args);
    return new Outcome(code, err.toString());
  }

  @Test
  void outOfMemoryIsBadInputWithTheWayOut() {
    for (String kind : new String[] {"oom", "wrapped-oom"}) {
      Outcome o = run("--fail", kind);
      assertThat(o.code()).as(kind).isEqualTo(Main.BAD_INPUT);
      assertThat(o.err().lines()).as(kind).hasSize(1);
      assertThat(o.err()).startsWith("error: out of memory").contains("JAVA_OPTS=\"-Xmx", "numEnvs", "smoothWindow", "MiB");
    }
  }

  @Test
  void userTextInAnyMessageStaysOnOneBoundedLine() {
    String hostile = "a\nb\r\nc\u001b[2J" + "z".repeat(1 << 20);
    for (String kind : new String[] {"user", "bug"}) {
      Outcome o = run("--fail", kind, "--text", hostile);
      assertThat(o.code()).as(kind).isEqualTo(kind.equals("user") ? Main.BAD_INPUT : Main.INTERNAL_ERROR);
      assertThat(o.err().lines()).as(kind).hasSize(1);
      assertThat(o.err()).startsWith("error: ").contains("a\\nb\\r\\nc\\u001b[2J").doesNotContain("\u001b").hasSizeLessThan(1500);
    }
    Outcome unknown = run("--" + hostile);
    assertThat(unknown.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(unknown.err().lines()).hasSize(1);
    assertThat(unknown.err()).startsWith("error: ").hasSizeLessThan(1500);
  }

  @Test
  void anUnknownCommandIsQuotedShort() {
    MainTest.Outcome o = MainTest.run("x".repeat(100_000) + "\nrm -rf");
    assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(o.errLines()).hasSize(1);
    assertThat(o.err()).startsWith("error: unknown command 'xxx").contains("(100007 chars)").hasSizeLessThan(1000);
  }
}
