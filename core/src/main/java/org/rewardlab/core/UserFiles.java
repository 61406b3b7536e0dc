package org.rewardlab.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks and reads of paths a person gave us (a config file, a run directory, an {@code --out}
 * option), each failure a {@link UserInputException} that names the path and the fix instead of an
 * I/O exception: a file where a directory is expected (or the reverse), a FIFO or device where a
 * file is written, text that is not UTF-8 (with the byte offset and line), a file too large to read.
 *
 * <p>Stateless and thread-safe.
 */
public final class UserFiles {
  /** The default limit of {@link #readUtf8}: no config, manifest or metrics file comes near it. */
  public static final long DEFAULT_MAX_BYTES = 256L << 20;

  private UserFiles() {}

  /**
   * Reads {@code file} as strict UTF-8 (a leading byte-order mark is dropped).
   *
   * @param what what the file is, for messages: "config file", "run manifest", "metrics file"
   * @throws UserInputException if the file is missing, a directory or not a regular file, unreadable,
   *     larger than {@link #DEFAULT_MAX_BYTES}, or not UTF-8
   */
  public static String readUtf8(Path file, String what) {
    return readUtf8(file, what, DEFAULT_MAX_BYTES);
  }

  /** {@link #readUtf8(Path, String)} with a size limit in bytes. */
  public static String readUtf8(Path file, String what, long maxBytes) {
    String where = file.toString();
    if (Files.isDirectory(file)) {
      throw new UserInputException(where, "the " + what + " is a directory, not a file", "give the path of the file");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new UserInputException(where, "the " + what + " is not a regular file (it is a FIFO, device or socket)",
          "give the path of a regular file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (NoSuchFileException e) {
      throw new UserInputException(where, what + " not found", "check the path", e);
    } catch (AccessDeniedException e) {
      throw new UserInputException(where, "cannot read the " + what + ": permission denied", "check the file's permissions", e);
    } catch (FileSystemException e) {
      // e.g. "Not a directory" when a parent on the path is a file
      throw new UserInputException(where, "cannot read the " + what + ": " + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()),
          "check the path", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    if (bytes.length > maxBytes) {
      throw new UserInputException(where, "the " + what + " is larger than " + maxBytes + " bytes",
          "give a smaller file (is it the right one?)");
    }
    return decodeUtf8(bytes, where, what);
  }

  /**
   * Decodes {@code bytes} as strict UTF-8 (a leading byte-order mark is dropped).
   *
   * @param where the file, for messages
   * @throws UserInputException naming the offset, line and column of the first byte that is not UTF-8
   */
  public static String decodeUtf8(byte[] bytes, String where, String what) {
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = dec.decode(in, out, true);
    if (!r.isError()) r = dec.flush(out);
    if (r.isError()) {
      int offset = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new UserInputException(where + ":" + line, String.format(Locale.ROOT,
              "the %s is not valid UTF-8: byte 0x%02X at offset %d (line %d, column %d)",
              what, bytes[offset] & 0xFF, offset, line, offset - lineStart + 1),
          "save it as UTF-8 text (or restore it, if RewardLab wrote it)");
    }
    out.flip();
    if (out.length() > 0 && out.charAt(0) == '\uFEFF') out.position(1);
    return out.toString();
  }

  /**
   * Checks a directory that will be created if missing (e.g. {@code train --out DIR}): it must be a
   * directory or not exist, and its nearest existing ancestor must be a directory.
   *
   * @param option how the user gave it, for messages, e.g. {@code --out}
   * @return {@code dir}
   * @throws UserInputException if it is a file, a FIFO, a broken link, or lies under a file
   */
  public static Path requireDirectoryOrAbsent(Path dir, String option) {
    String where = label(option, dir);
    if (Files.isDirectory(dir)) return dir;
    if (Files.exists(dir)) {
      throw new UserInputException(where, Files.isRegularFile(dir) ? "is a file, not a directory" : "is not a directory",
          "give a directory (it is created if missing)");
    }
    if (Files.isSymbolicLink(dir)) {
      throw new UserInputException(where, "is a broken symbolic link", "give a directory (it is created if missing)");
    }
    requireDirectoryAncestor(dir, where, "a directory");
    return dir;
  }

  /**
   * Checks a directory that must exist (e.g. a run directory given as an argument).
   *
   * @param what what the directory is, for messages: "run directory"
   * @param fix what to give instead
   * @throws UserInputException if it is missing or not a directory
   */
  public static Path requireDirectory(Path dir, String what, String fix) {
    if (Files.isDirectory(dir)) return dir;
    if (Files.exists(dir)) {
      throw new UserInputException(dir.toString(),
          (Files.isRegularFile(dir) ? "is a file, not a " : "is not a directory, so not a ") + what, fix);
    }
    throw new UserInputException(dir.toString(), "no such " + what, fix);
  }

  /**
   * Checks a file about to be written or replaced (e.g. {@code plot --out FILE.png}): it must be a
   * regular file or not exist, and its nearest existing ancestor must be a directory. A FIFO, a device
   * or a directory is refused, never overwritten.
   *
   * @param option how the user gave it, for messages, e.g. {@code --out}
   * @return {@code file}
   */
  public static Path requireFileOrAbsent(Path file, String option) {
    String where = label(option, file);
    if (Files.isDirectory(file)) {
      throw new UserInputException(where, "is a directory", "give the name of a file to write in it, e.g. "
          + file.resolve("chart.png"));
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new UserInputException(where, "exists and is not a regular file (a FIFO, device or socket); it is not overwritten",
          "give the name of a new file or of a regular file to replace");
    }
    if (!Files.exists(file) && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new UserInputException(where, "is a broken symbolic link", "give the name of a new file or of a regular file to replace");
    }
    requireDirectoryAncestor(file, where, "a file");
    return file;
  }

  private static void requireDirectoryAncestor(Path p, String where, String kind) {
    for (Path a = p.toAbsolutePath().normalize().getParent(); a != null; a = a.getParent()) {
      if (Files.exists(a)) {
        if (!Files.isDirectory(a)) {
          throw new UserInputException(where, "cannot be " + kind + ": " + a + " is a file, not a directory",
              "choose a path whose parents are directories");
        }
        return;
      }
    }
  }

  private static String label(String option, Path p) {
    return option == null || option.isEmpty() ? p.toString() : option + " " + p;
  }
}
