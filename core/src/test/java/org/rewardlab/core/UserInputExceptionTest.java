package org.rewardlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserInputExceptionTest {
  @Test
  void messageIsWhereProblemAndFix() {
    UserInputException e = new UserInputException("algo.gamma", "must be in [0, 1], got 2.0", "use e.g. 0.99");
    assertThat(e.getMessage()).isEqualTo("algo.gamma: must be in [0, 1], got 2.0 (use e.g. 0.99)");
    assertThat(new UserInputException("", "bad", "").getMessage()).isEqualTo("bad");
  }

  @Test
  void quoteCutsLongValuesAndNamesTheirLength() {
    assertThat(UserInputException.quote("short")).isEqualTo("'short'");
    String q = UserInputException.quote("a".repeat(1_000_000));
    assertThat(q).isEqualTo("'" + "a".repeat(UserInputException.MAX_ECHO) + "…' (1000000 chars)");
    assertThat(UserInputException.abbreviate("b".repeat(81))).isEqualTo("b".repeat(80) + "… (81 chars)");
    assertThat(UserInputException.abbreviate("b".repeat(80))).isEqualTo("b".repeat(80));
  }

  @Test
  void quoteDoesNotSplitASurrogatePair() {
    String s = "a".repeat(79) + "\uD83D\uDE00" + "z".repeat(10);
    assertThat(UserInputException.quote(s)).startsWith("'" + "a".repeat(79) + "…'");
  }

  @Test
  void controlCharactersAreEscapedSoTheMessageIsOneLine() {
    assertThat(UserInputException.quote("a\nb\r\tc\u001b[31m\u2028\u0085"))
        .isEqualTo("'a\\nb\\r\\tc\\u001b[31m\\u2028\\u0085'");
    UserInputException e = new UserInputException("file\nname", "line1\nline2", "fix\r\nit");
    assertThat(e.getMessage()).isEqualTo("file\\nname: line1\\nline2 (fix\\r\\nit)").doesNotContain("\n", "\r");
    assertThat(e.where()).isEqualTo("file\\nname");
  }

  @Test
  void everyPartIsBoundedEvenWhenTheValueWasNotQuoted() {
    String huge = "x".repeat(1 << 20);
    UserInputException e = new UserInputException("--set a=" + huge, "unknown op " + huge + " here", "fix");
    assertThat(e.getMessage()).hasSizeLessThan(400).contains(" here (fix)", "(1048578 chars)", "(1048576 chars)");
    String words = "word ".repeat(100_000);
    UserInputException w = new UserInputException("w", words, "the fix");
    assertThat(w.problem()).hasSizeLessThanOrEqualTo(UserInputException.MAX_PART).endsWith("chars in all)");
    assertThat(w.getMessage()).endsWith("(the fix)");
    // a path of ordinary length is kept whole
    String path = "/home/someone/projects/rewardlab/runs/cartpole-ppo-20260101-101010-2/manifest.json";
    assertThat(new UserInputException(path, "p", "f").getMessage()).startsWith(path + ": p");
  }

  @Test
  void boundingIsIdempotent() {
    for (String s : new String[] {"x".repeat(5000), "word ".repeat(10_000), "a\nb", "ok"}) {
      String once = UserInputException.bounded(s);
      assertThat(UserInputException.bounded(once)).isEqualTo(once);
    }
  }
}
