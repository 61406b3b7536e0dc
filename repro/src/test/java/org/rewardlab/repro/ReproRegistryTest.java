package org.rewardlab.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;

class ReproRegistryTest {
  @TempDir Path tmp;

  @Test
  void standardRegistryKnowsAll63PapersInIndexOrder() throws Exception {
    ReproRegistry registry = ReproRegistry.standard();
    List<String> indexIds = new ArrayList<>();
    for (List<String> row : PapersTest.indexRows()) {
      indexIds.add(row.get(1));
    }
    assertThat(registry.papers()).extracting(Paper::id).containsExactlyElementsOf(indexIds);
  }

  @Test
  void unregisteredPapersAreNotStartedAndMarksAndReprosSetTheStatus() {
    ReproRegistry registry = ReproRegistry.empty().markPartsOnly("starc").register(new FakeCarl());
    assertThat(registry.status("router-r1")).isEqualTo(PaperStatus.NOT_STARTED);
    assertThat(registry.repro("router-r1")).isEmpty();
    assertThat(registry.status("starc")).isEqualTo(PaperStatus.PARTS_ONLY);
    assertThat(registry.status("carl")).isEqualTo(PaperStatus.WORKING);
    assertThat(registry.repro("carl")).isPresent();
  }

  @Test
  void registeringTwiceIsRefused() {
    ReproRegistry registry = ReproRegistry.empty().register(new FakeCarl());
    assertThatThrownBy(() -> registry.register(new FakeCarl()))
        .hasMessageContaining("already has a repro");
  }

  @Test
  void unknownIdIsUserInputWithASuggestionAndTheListCommand() {
    ReproRegistry registry = ReproRegistry.standard();
    assertThatThrownBy(() -> registry.paper("carll"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("'carll'")
        .hasMessageContaining("did you mean 'carl'")
        .hasMessageContaining("rewardlab repro list");
    assertThatThrownBy(() -> registry.paper("zzzzzzzzzzzz"))
        .isInstanceOf(UserInputException.class)
        .hasMessageNotContaining("did you mean");
  }

  @Test
  void reportHasExactly63RowsWhoseIdsMatchTheIndex() throws Exception {
    String report = PapersReport.render(ReproRegistry.standard(), new ResultStore(tmp));
    List<String> lines = report.lines().toList();
    int header = lines.indexOf(PapersReport.TABLE_HEADER);
    assertThat(header).isGreaterThanOrEqualTo(0);
    List<String> rows = lines.subList(header + 2, lines.size());
    assertThat(rows).hasSize(63).allMatch(l -> l.startsWith("| ") && l.endsWith(" |"));
    List<List<String>> index = PapersTest.indexRows();
    for (int i = 0; i < 63; i++) {
      assertThat(rows.get(i)).startsWith("| " + (i + 1) + " | `" + index.get(i).get(1) + "` |");
    }
  }
}
