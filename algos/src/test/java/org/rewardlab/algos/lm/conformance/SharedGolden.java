package org.rewardlab.algos.lm.conformance;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared peer golden files for LLM losses ({@code shared/golden/llm}): the system property
 * {@code rewardlab.sharedGolden}, else the first {@code shared/golden/llm} found walking up from the repository root
 * ({@code rewardlab.repoRoot}, set by the build; the checkout's parent for /work/main, an ancestor for a worktree).
 */
public final class SharedGolden {
  private SharedGolden() {}

  public static Path llmDir() {
    String explicit = System.getProperty("rewardlab.sharedGolden");
    if (explicit != null) return Path.of(explicit);
    Path start = Path.of(System.getProperty("rewardlab.repoRoot", "..")).toAbsolutePath().normalize();
    for (Path p = start; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/golden/llm");
      if (Files.isDirectory(candidate)) return candidate;
    }
    throw new IllegalStateException("no shared/golden/llm above " + start
        + " (set -Drewardlab.sharedGolden=<dir> to point at the peer golden files)");
  }

  public static Path file(String name) {
    return llmDir().resolve(name);
  }
}
