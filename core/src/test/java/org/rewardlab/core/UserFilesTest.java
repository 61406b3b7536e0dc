package org.rewardlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserFilesTest {
  @TempDir Path tmp;

  @Test
  void readsStrictUtf8AndDropsAByteOrderMark() throws Exception {
    Path f = Files.writeString(tmp.resolve("a.txt"), "\uFEFFcafé ☕\n");
    assertThat(UserFiles.readUtf8(f, "text file")).isEqualTo("café ☕\n");
  }

  @Test
  void bytesThatAreNotUtf8AreNamedWithOffsetLineAndColumn() throws Exception {
    Path f = tmp.resolve("bad.jsonl");
    Files.write(f, "{\"step\":1}\n{\"a\":\"\u00ff\"}\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> UserFiles.readUtf8(f, "metrics file"))
        .isInstanceOf(UserInputException.class)
        .hasMessage(f + ":2: the metrics file is not valid UTF-8: byte 0xFF at offset 17 (line 2, column 7)"
            + " (save it as UTF-8 text (or restore it, if RewardLab wrote it))");
    // a truncated multi-byte sequence at the end, and an encoded surrogate (invalid in UTF-8)
    Files.write(f, new byte[] {'o', 'k', (byte) 0xE2, (byte) 0x98});
    assertThatThrownBy(() -> UserFiles.readUtf8(f, "file")).hasMessageContaining("byte 0xE2 at offset 2 (line 1, column 3)");
    Files.write(f, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
    assertThatThrownBy(() -> UserFiles.readUtf8(f, "file")).hasMessageContaining("byte 0xED at offset 0");
  }

  @Test
  void missingDirectoryTooLargeAndUnderAFileAreUserErrors() throws Exception {
    assertThatThrownBy(() -> UserFiles.readUtf8(tmp.resolve("none.yaml"), "config file"))
        .isInstanceOf(UserInputException.class).hasMessageContaining("config file not found");
    assertThatThrownBy(() -> UserFiles.readUtf8(tmp, "config file"))
        .isInstanceOf(UserInputException.class).hasMessageContaining("is a directory, not a file");
    Path f = Files.writeString(tmp.resolve("big.txt"), "0123456789");
    assertThatThrownBy(() -> UserFiles.readUtf8(f, "file", 9))
        .isInstanceOf(UserInputException.class).hasMessageContaining("larger than 9 bytes");
    assertThat(UserFiles.readUtf8(f, "file", 10)).isEqualTo("0123456789");
    assertThatThrownBy(() -> UserFiles.readUtf8(f.resolve("manifest.json"), "run manifest"))
        .isInstanceOf(UserInputException.class).hasMessageContaining("cannot read the run manifest");
  }

  @Test
  void directoryOrAbsent() throws Exception {
    assertThat(UserFiles.requireDirectoryOrAbsent(tmp, "--out")).isEqualTo(tmp);
    assertThat(UserFiles.requireDirectoryOrAbsent(tmp.resolve("new/deeper"), "--out")).isNotNull();
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertThatThrownBy(() -> UserFiles.requireDirectoryOrAbsent(file, "--out"))
        .isInstanceOf(UserInputException.class)
        .hasMessage("--out " + file + ": is a file, not a directory (give a directory (it is created if missing))");
    assertThatThrownBy(() -> UserFiles.requireDirectoryOrAbsent(file.resolve("sub"), "--results"))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("--results " + file.resolve("sub") + ": cannot be a directory: " + file + " is a file");
    Path link = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
    assertThatThrownBy(() -> UserFiles.requireDirectoryOrAbsent(link, "--out")).hasMessageContaining("broken symbolic link");
  }

  @Test
  void existingDirectory() throws Exception {
    assertThat(UserFiles.requireDirectory(tmp, "run directory", "fix")).isEqualTo(tmp);
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertThatThrownBy(() -> UserFiles.requireDirectory(file, "run directory", "give a run"))
        .hasMessage(file + ": is a file, not a run directory (give a run)");
    assertThatThrownBy(() -> UserFiles.requireDirectory(tmp.resolve("gone"), "run directory", "give a run"))
        .hasMessage(tmp.resolve("gone") + ": no such run directory (give a run)");
  }

  @Test
  void fileTargetsRefuseDirectoriesAndSpecialFiles() throws Exception {
    assertThat(UserFiles.requireFileOrAbsent(tmp.resolve("new.png"), "--out")).isNotNull();
    Path regular = Files.writeString(tmp.resolve("old.png"), "x");
    assertThat(UserFiles.requireFileOrAbsent(regular, "--out")).isEqualTo(regular);
    assertThatThrownBy(() -> UserFiles.requireFileOrAbsent(tmp, "--out"))
        .isInstanceOf(UserInputException.class).hasMessageStartingWith("--out " + tmp + ": is a directory");
    assertThatThrownBy(() -> UserFiles.requireFileOrAbsent(regular.resolve("x.png"), "--out"))
        .isInstanceOf(UserInputException.class).hasMessageContaining(regular + " is a file, not a directory");
    Path devNull = Path.of("/dev/null");
    assumeTrue(Files.exists(devNull));
    assertThatThrownBy(() -> UserFiles.requireFileOrAbsent(devNull, "--out"))
        .isInstanceOf(UserInputException.class).hasMessageContaining("not a regular file");
    Path fifo = tmp.resolve("fifo");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is available");
    assertThatThrownBy(() -> UserFiles.requireFileOrAbsent(fifo, "--out"))
        .isInstanceOf(UserInputException.class).hasMessageContaining("not a regular file");
    assertThatThrownBy(() -> UserFiles.readUtf8(fifo, "config file"))
        .isInstanceOf(UserInputException.class).hasMessageContaining("not a regular file");
  }
}
