package org.rewardlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Runs the CLI in process for the train/resume/eval/plot tests and finds the run it wrote. */
final class TrainCli {
  private TrainCli() {}

  /** Exit code and output of one command. */
  record Outcome(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }

    /** The lines of stderr that report an error. */
    List<String> errorLines() {
      return err.lines().filter(l -> l.startsWith("error:")).toList();
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  /** The only run directory under {@code runsRoot}. */
  static Path onlyRun(Path runsRoot) {
    List<Path> runs = runs(runsRoot);
    if (runs.size() != 1) throw new IllegalStateException("expected one run under " + runsRoot + ", found " + runs);
    return runs.get(0);
  }

  /** The run directories under {@code runsRoot} (none if it does not exist). */
  static List<Path> runs(Path runsRoot) {
    if (!Files.isDirectory(runsRoot)) return List.of();
    try (Stream<Path> s = Files.list(runsRoot)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository root (set by surefire), for examples/. */
  static Path repoRoot() {
    String root = System.getProperty("rewardlab.repoRoot");
    if (root == null) throw new IllegalStateException("rewardlab.repoRoot is not set (surefire sets it)");
    return Path.of(root);
  }
}
