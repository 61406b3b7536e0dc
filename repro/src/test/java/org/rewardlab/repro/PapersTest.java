package org.rewardlab.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The paper table is a transcription of papers/INDEX.md (a copy of it is a test resource). */
class PapersTest {
  private static final Pattern ROW = Pattern.compile("^\\| \\d+ \\|.*");

  static List<List<String>> indexRows() throws IOException {
    String text;
    try (InputStream in = PapersTest.class.getResourceAsStream("INDEX.md")) {
      assertThat(in).as("test resource org/rewardlab/repro/INDEX.md").isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<List<String>> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (ROW.matcher(line).matches()) {
        String inner = line.strip().substring(1, line.strip().length() - 1);
        List<String> cells = new ArrayList<>();
        for (String c : inner.split("\\|", -1)) {
          cells.add(c.strip());
        }
        rows.add(cells);
      }
    }
    return rows;
  }

  @Test
  void everyFieldMatchesTheIndex() throws IOException {
    List<List<String>> rows = indexRows();
    assertThat(rows).hasSize(63);
    assertThat(Papers.ALL).hasSize(Papers.COUNT).hasSize(63);
    for (int i = 0; i < rows.size(); i++) {
      List<String> r = rows.get(i);
      Paper p = Papers.ALL.get(i);
      assertThat(List.of(Integer.toString(p.number()), p.id(), p.title(), p.family(), p.spec(), p.claim()))
          .as("paper row %d", i + 1)
          .isEqualTo(r);
    }
  }

  @Test
  void idsAreFoundByLookup() {
    assertThat(Papers.find("carl")).map(Paper::number).contains(8);
    assertThat(Papers.find("router-r1")).map(Paper::title).contains("Router-R1: multi-round routing with cost reward");
    assertThat(Papers.find("nope")).isEmpty();
  }
}
