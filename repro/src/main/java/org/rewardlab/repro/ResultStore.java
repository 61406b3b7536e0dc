package org.rewardlab.repro;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.AtomicFiles;

/**
 * The saved repro results: one JSON file per paper, {@code <dir>/<id>.json} (the project keeps them in
 * {@code repro/results/}). Files are replaced atomically. Safe to share between threads that write
 * different papers.
 */
public final class ResultStore {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;

  /** A store over {@code dir}; the directory is created on the first save. */
  public ResultStore(Path dir) {
    this.dir = dir;
  }

  /** The directory of the result files. */
  public Path dir() {
    return dir;
  }

  /** Where the result of paper {@code id} is kept. */
  public Path pathOf(String id) {
    return dir.resolve(id + ".json");
  }

  /** Saves (replacing) the result of its paper; returns the file written. */
  public Path save(ReproResult result) {
    Path target = pathOf(result.paperId());
    AtomicFiles.writeString(target, toJson(result) + "\n");
    return target;
  }

  /**
   * The saved result of paper {@code id}, if there is one.
   *
   * @throws UserInputException if the file is there but is not a result (names the file and the fix)
   */
  public Optional<ReproResult> load(String id) {
    Path file = pathOf(id);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    ReproResult result;
    try {
      result = JSON.readValue(file.toFile(), ReproResult.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new UserInputException(file.toString(), "is not a readable repro result: " + firstLine(e),
          "rerun 'rewardlab repro run " + id + "' or delete the file", e);
    }
    if (!result.paperId().equals(id)) {
      throw new UserInputException(file.toString(), "holds the result of '" + result.paperId() + "', not '" + id + "'",
          "rerun 'rewardlab repro run " + id + "' or delete the file");
    }
    return Optional.of(result);
  }

  /** The JSON form of a result (the file content). */
  public static String toJson(ReproResult result) {
    try {
      return JSON.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialize the result of " + result.paperId(), e);
    }
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
