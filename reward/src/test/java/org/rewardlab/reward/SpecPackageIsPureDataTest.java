package org.rewardlab.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code reward.spec} is pure data: it imports nothing of the reward code ({@code shaping},
 * {@code compose}, the builder), so the packages have no cycle. A source scan, because ArchUnit is
 * not a dependency of this module; the project-wide dependency rules live with the architecture test.
 */
class SpecPackageIsPureDataTest {

  @Test
  void specImportsNoRewardCode() throws IOException {
    Path dir = Path.of("src/main/java/org/rewardlab/reward/spec");
    assertThat(dir).as("run from the reward module's directory").isDirectory();
    List<String> offending;
    try (Stream<Path> files = Files.list(dir)) {
      offending = files.filter(f -> f.toString().endsWith(".java"))
          .flatMap(f -> {
            try {
              return Files.readAllLines(f).stream()
                  .filter(l -> l.matches("\\s*import\\s+(static\\s+)?org\\.rewardlab\\.reward\\..*")
                      && !l.matches("\\s*import\\s+(static\\s+)?org\\.rewardlab\\.reward\\.spec\\..*"))
                  .map(l -> f.getFileName() + ": " + l.trim());
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })
          .toList();
    }
    assertThat(offending).isEmpty();
  }
}
