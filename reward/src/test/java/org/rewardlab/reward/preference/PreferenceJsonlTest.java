package org.rewardlab.reward.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.data.Message;
import org.rewardlab.core.data.PreferencePair;
import org.rewardlab.core.data.Text;
import org.rewardlab.reward.preference.PreferenceJsonl.OnMalformed;

class PreferenceJsonlTest {
  static final String PLAIN = """
      {"prompt":"The sky is","chosen":" blue.","rejected":" green."}
      {"prompt":"2+2=","chosen":"4","rejected":"5","margin":1.5,"category":"math"}
      {"chosen":"implicit prompt A","rejected":"implicit prompt B"}
      {"prompt":"p","chosen":"x","rejected":"y","tie":true}
      """;

  static final String CONVERSATIONAL = """
      {"prompt":[{"role":"system","content":"Be brief."},{"role":"user","content":"What color is the sky?"}],\
      "chosen":[{"role":"assistant","content":"Blue."}],"rejected":[{"role":"assistant","content":"Green, \\"surely\\"."}],"margin":0.5}
      {"chosen":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}],\
      "rejected":[{"role":"user","content":"hi"},{"role":"assistant","content":"go away"}]}
      """;

  @Test
  void plainTextRoundTripsExactly(@TempDir Path dir) {
    PreferenceData d = PreferenceJsonl.parse(PLAIN, "plain.jsonl", OnMalformed.FAIL);
    assertThat(d.size()).isEqualTo(4);
    PreferencePair second = d.pairs().get(1);
    assertThat(second.prompt()).isEqualTo(Text.plain("2+2="));
    assertThat(second.margin()).isEqualTo(1.5);
    assertThat(second.category()).isEqualTo("math");
    assertThat(d.pairs().get(2).prompt().isEmpty()).isTrue();
    assertThat(d.pairs().get(3).tie()).isTrue();
    assertThat(d.ties()).isEqualTo(1);

    Path f = dir.resolve("out.jsonl");
    PreferenceJsonl.write(f, d.pairs());
    assertThat(readString(f)).isEqualTo(PLAIN);
    assertThat(PreferenceJsonl.read(f, OnMalformed.FAIL).pairs()).isEqualTo(d.pairs());
  }

  @Test
  void conversationalFormRoundTripsExactly(@TempDir Path dir) {
    PreferenceData d = PreferenceJsonl.parse(CONVERSATIONAL, "conv.jsonl", OnMalformed.FAIL);
    assertThat(d.size()).isEqualTo(2);
    PreferencePair first = d.pairs().get(0);
    assertThat(first.conversational()).isTrue();
    assertThat(first.prompt().messages()).containsExactly(
        new Message("system", "Be brief."), new Message("user", "What color is the sky?"));
    assertThat(first.rejected().messages().get(0).content()).isEqualTo("Green, \"surely\".");
    assertThat(first.margin()).isEqualTo(0.5);
    assertThat(d.pairs().get(1).prompt().messages()).isEmpty();

    Path f = dir.resolve("conv.jsonl");
    PreferenceJsonl.write(f, d.pairs());
    assertThat(readString(f)).isEqualTo(CONVERSATIONAL);
    assertThat(PreferenceJsonl.read(f, OnMalformed.FAIL).pairs()).isEqualTo(d.pairs());
  }

  @Test
  void malformedLinesAreSkippedWithTheirLineNumbers() {
    String text = """
        {"prompt":"a","chosen":"x","rejected":"y"}
        {"prompt":"a","chosen":"x"

        {"prompt":"a","chosen":"x","rejected":"y","margin":-1}
        [1,2]
        {"prompt":"a","chosen":[{"role":"assistant","content":"x"}],"rejected":"y"}
        {"prompt":"a","chosen":[{"content":"x"}],"rejected":[{"role":"assistant","content":"y"}]}
        {"prompt":"b","chosen":"x","rejected":"y","margin":"big"}
        """;
    PreferenceData d = PreferenceJsonl.parse(text, "bad.jsonl", OnMalformed.SKIP);
    assertThat(d.size()).isEqualTo(1);
    assertThat(d.malformed()).extracting(MalformedLine::line).containsExactly(2, 4, 5, 6, 7, 8);
    assertThat(d.malformed().get(0).problem()).contains("not valid JSON");
    assertThat(d.malformed().get(1).problem()).contains("margin");
    assertThat(d.malformed().get(3).problem()).contains("mixes the plain-text and the conversational form");
    assertThat(d.malformed().get(4).problem()).contains("\"chosen\"[0]");
    assertThat(d.summary()).contains("skipped 6 malformed lines").contains("line 2:");

    assertThatThrownBy(() -> PreferenceJsonl.parse(text, "bad.jsonl", OnMalformed.FAIL))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("bad.jsonl:2: not valid JSON")
        .hasMessageContaining("--skip-malformed");
  }

  @Test
  void duplicatesAndContradictionsAreCounted() {
    List<PreferencePair> pairs = List.of(
        PreferencePair.of("p", "a", "b"),
        PreferencePair.of("p", "a", "b"),
        PreferencePair.of("p", "b", "a"),
        PreferencePair.of("q", "b", "a"),
        PreferencePair.of("q", "c", "d"),
        PreferencePair.of("q", "e", "e"));
    PreferenceData d = PreferenceData.of("mem", pairs);
    assertThat(d.duplicates()).isEqualTo(1);
    assertThat(d.contradictions()).isEqualTo(1);
    assertThat(d.identical()).isEqualTo(1);
    assertThat(d.summary()).contains("1 duplicate, 1 contradiction, 1 with identical responses");
  }

  private static String readString(Path f) {
    try {
      return Files.readString(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
