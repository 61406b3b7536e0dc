package org.rewardlab.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @Test
  void writesAndReplacesCreatingParents(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("a/b/c.txt");
    AtomicFiles.writeString(f, "first");
    assertThat(Files.readString(f)).isEqualTo("first");
    AtomicFiles.writeBytes(f, new byte[] {1, 2, 3});
    assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
    try (Stream<Path> s = Files.list(f.getParent())) {
      assertThat(s).containsExactly(f);
    }
  }

  @Test
  void aFailedWriteLeavesTheOldContentAndNoTempFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("state.json");
    AtomicFiles.writeString(f, "old");
    assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
      out.write("half".getBytes());
      throw new IOException("disk full");
    })).hasMessageContaining("could not write").hasRootCauseMessage("disk full");
    assertThat(Files.readString(f)).isEqualTo("old");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s).containsExactly(f);
    }
  }
}
