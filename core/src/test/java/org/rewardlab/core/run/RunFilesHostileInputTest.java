package org.rewardlab.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;

/** A run directory's files as a careless user leaves them: the wrong kind, the wrong bytes, garbage. */
class RunFilesHostileInputTest {
  @TempDir Path tmp;

  private Path run() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("run-1"));
    new RunManifest("run", null, null, 1, Map.of(), "unknown", false, Map.of(), "2025-01-01T00:00:00Z", null).write(dir);
    return dir;
  }

  @Test
  void aFileWhereTheRunDirectoryShouldBeIsNamed() throws Exception {
    Path file = Files.writeString(tmp.resolve("notes.txt"), "hi");
    assertThatThrownBy(() -> RunManifest.read(file))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(file + ": is a file, not a run directory");
    assertThatThrownBy(() -> RunManifest.read(tmp.resolve("gone")))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(tmp.resolve("gone") + ": not a run directory (no manifest.json)");
    assertThatThrownBy(() -> RunManifest.read(tmp))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(tmp + ": not a run directory (no manifest.json)");
  }

  @Test
  void aManifestThatIsNotUtf8OrNotJsonOrADirectoryIsNamed() throws Exception {
    Path dir = run();
    Path m = dir.resolve(RunManifest.FILE_NAME);
    byte[] bytes = Files.readAllBytes(m);
    bytes[12] = (byte) 0xFE;
    Files.write(m, bytes);
    assertThatThrownBy(() -> RunManifest.read(dir))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining(m.toString())
        .hasMessageContaining("not valid UTF-8: byte 0xFE at offset 12");
    Files.writeString(m, "{\"name\": \"" + "n".repeat(100_000) + "\", \"seed\": \"x\"}");
    assertThatThrownBy(() -> RunManifest.read(dir))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(m + ": not a valid run manifest")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1200));
    Files.delete(m);
    Files.createDirectory(m);
    assertThatThrownBy(() -> RunManifest.read(dir)).isInstanceOf(UserInputException.class).hasMessageContaining("is a directory");
  }

  @Test
  void metricsThatAreNotUtf8AreAUserErrorForReadAndResume() throws Exception {
    Path f = tmp.resolve("metrics.jsonl");
    Files.write(f, "{\"step\":1,\"a\":1.0}\n{\"step\":2,\"\u00e9\":2.0}\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> JsonlMetricsSink.read(f))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(f + ":2: the metrics file is not valid UTF-8: byte 0xE9 at offset 30 (line 2, column 12)");
    byte[] before = Files.readAllBytes(f);
    assertThatThrownBy(() -> JsonlMetricsSink.openForResume(f, 1))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("not valid UTF-8");
    assertThat(Files.readAllBytes(f)).as("left as it was").isEqualTo(before);
    assertThatThrownBy(() -> JsonlMetricsSink.read(tmp.resolve("none.jsonl")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("metrics file not found");
  }

  @Test
  void garbageLinesAreEchoedShortAndOnOneLine() throws Exception {
    Path f = tmp.resolve("metrics.jsonl");
    Files.writeString(f, "{\"step\":1}\n" + "g".repeat(1 << 20) + "\n{\"step\":3}\n");
    assertThatThrownBy(() -> JsonlMetricsSink.read(f))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(f + ":2: not valid JSON: 'ggg")
        .hasMessageContaining("(1048576 chars)")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    Files.writeString(f, "{\"step\":1,\"" + "k\\n".repeat(100) + "\":\"v\"}\n");
    assertThatThrownBy(() -> JsonlMetricsSink.read(f))
        .isInstanceOf(UserInputException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(400));
  }
}
