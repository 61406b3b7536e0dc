package org.rewardlab.cli;

import java.nio.file.Path;

/**
 * Where the project's files are: the repository root from the {@code rewardlab.repoRoot} system
 * property (set by the {@code ./rewardlab} launcher and by the build's tests), else the current
 * directory. Default paths such as {@code repro/results} and {@code docs/PAPERS.md} resolve against
 * it, so the command works from any directory; paths the user types resolve against the current one.
 */
final class Workspace {
  private Workspace() {}

  /** The repository root. */
  static Path root() {
    String root = System.getProperty("rewardlab.repoRoot", "");
    return root.isBlank() ? Path.of("").toAbsolutePath() : Path.of(root).toAbsolutePath();
  }

  /** {@code relative} under the repository root. */
  static Path resolve(String relative) {
    return root().resolve(relative);
  }

  /** A path for messages: relative to the current directory when it is below it. */
  static String show(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
  }
}
