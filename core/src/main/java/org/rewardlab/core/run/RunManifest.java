package org.rewardlab.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.rewardlab.core.UserFiles;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;

/**
 * What a run was, written as {@code manifest.json} in its run directory: enough to reproduce it and to
 * tell two runs apart. Immutable; {@code with...} methods return updated copies.
 *
 * @param name the run's name (the run directory is {@code <name>-<time>})
 * @param config the resolved configuration (every default filled in) as a JSON tree
 * @param configType the class name of the config record, or {@code null} when the config is a plain tree
 * @param seed the run seed
 * @param seeds the named seeds derived from it so far ({@link org.rewardlab.core.random.Seeds#issued()})
 * @param gitCommit {@code git rev-parse HEAD} of the working directory, or {@code "unknown"}
 * @param gitDirty whether {@code git status --porcelain} listed changes (false when unknown)
 * @param versions RewardLab, Java, OS and machine facts ({@link #environment()})
 * @param startTime ISO-8601 instant the run started
 * @param endTime ISO-8601 instant the run finished, or {@code null} while it runs (or if it was killed)
 */
public record RunManifest(
    String name,
    JsonNode config,
    String configType,
    long seed,
    Map<String, Long> seeds,
    String gitCommit,
    boolean gitDirty,
    Map<String, String> versions,
    String startTime,
    String endTime) {

  /** The file name of a manifest inside a run directory. */
  public static final String FILE_NAME = "manifest.json";

  /** What {@link #gitCommit()} says when git or a repository is absent. */
  public static final String UNKNOWN = "unknown";

  public RunManifest {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("a run manifest needs a name");
    seeds = Collections.unmodifiableMap(new LinkedHashMap<>(seeds == null ? Map.of() : seeds));
    versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions == null ? Map.of() : versions));
    config = config == null ? null : config.deepCopy();
    gitCommit = gitCommit == null ? UNKNOWN : gitCommit;
  }

  /**
   * The manifest of a run starting now: config resolved to a tree, git state of {@code workDir},
   * versions of this JVM.
   *
   * @param config a config record (or a JSON tree / map)
   */
  public static RunManifest start(String name, Object config, long seed, Path workDir, Instant startTime) {
    JsonNode tree = config == null ? null : Configs.toJsonTree(config);
    String type = config == null || config instanceof JsonNode || config instanceof Map
        ? null : config.getClass().getName();
    GitState git = GitState.of(workDir);
    return new RunManifest(name, tree, type, seed, Map.of(), git.commit(), git.dirty(), environment(),
        startTime.toString(), null);
  }

  @Override
  public JsonNode config() {
    return config == null ? null : config.deepCopy();
  }

  /** The config bound back to its record type (validated as when it was loaded). */
  public <T> T config(Class<T> type) {
    return Configs.fromTree(config, type);
  }

  public RunManifest withSeeds(Map<String, Long> newSeeds) {
    return new RunManifest(name, config, configType, seed, newSeeds, gitCommit, gitDirty, versions, startTime, endTime);
  }

  public RunManifest withEndTime(Instant end) {
    return new RunManifest(name, config, configType, seed, seeds, gitCommit, gitDirty, versions, startTime,
        end == null ? null : end.toString());
  }

  /** Writes {@code runDir/manifest.json} atomically (pretty-printed JSON). */
  public void write(Path runDir) {
    try {
      AtomicFiles.writeString(runDir.resolve(FILE_NAME), mapper().writeValueAsString(this) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialize the manifest of " + name, e);
    }
  }

  /**
   * Reads the manifest of a run directory.
   *
   * @throws UserInputException if {@code runDir} is missing or not a directory, has no manifest, or
   *     the manifest is not UTF-8 or not a valid manifest
   */
  public static RunManifest read(Path runDir) {
    if (Files.exists(runDir) && !Files.isDirectory(runDir)) {
      UserFiles.requireDirectory(runDir, "run directory", "give the directory a run was written to, e.g. runs/<name>-<time>");
    }
    Path file = runDir.resolve(FILE_NAME);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new UserInputException(runDir.toString(), "not a run directory (no " + FILE_NAME + ")",
          "give the directory a run was written to, e.g. runs/<name>-<time>");
    }
    String text = UserFiles.readUtf8(file, "run manifest", MAX_BYTES);
    try {
      return mapper().readValue(text, RunManifest.class);
    } catch (JsonProcessingException e) {
      throw new UserInputException(file.toString(), "not a valid run manifest: " + e.getOriginalMessage().lines().findFirst().orElse(""),
          "restore the file or start a new run", e);
    }
  }

  /** The largest manifest read (a real one is a few kB). */
  private static final long MAX_BYTES = 64L << 20;

  private static ObjectMapper mapper() {
    return Configs.jsonMapper();
  }

  /** RewardLab, Java, OS and machine facts, in a fixed order. */
  public static Map<String, String> environment() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("rewardlab", rewardLabVersion());
    v.put("java", System.getProperty("java.version", UNKNOWN));
    v.put("javaVendor", System.getProperty("java.vendor", UNKNOWN));
    v.put("javaVm", System.getProperty("java.vm.name", UNKNOWN));
    v.put("os", System.getProperty("os.name", UNKNOWN) + " " + System.getProperty("os.version", ""));
    v.put("arch", System.getProperty("os.arch", UNKNOWN));
    v.put("availableProcessors", Integer.toString(Runtime.getRuntime().availableProcessors()));
    v.put("maxMemoryMiB", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
    return v;
  }

  /** The RewardLab version from the build ({@code org/rewardlab/core/version.properties}). */
  public static String rewardLabVersion() {
    try (InputStream in = RunManifest.class.getResourceAsStream("/org/rewardlab/core/version.properties")) {
      if (in == null) return UNKNOWN;
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", UNKNOWN);
      return v.startsWith("${") ? UNKNOWN : v;
    } catch (IOException e) {
      return UNKNOWN;
    }
  }

  /**
   * The git state of a working directory.
   *
   * @param commit {@code HEAD}'s hash, or {@code "unknown"} without git or a repository
   * @param dirty whether tracked or untracked changes exist
   */
  public record GitState(String commit, boolean dirty) {
    /** Asks git about {@code dir}; never fails (absent git gives {@code unknown}, clean). */
    public static GitState of(Path dir) {
      String head = run(dir, "git", "rev-parse", "HEAD");
      if (head == null || !head.matches("[0-9a-f]{7,64}")) return new GitState(UNKNOWN, false);
      String status = run(dir, "git", "status", "--porcelain");
      return new GitState(head, status != null && !status.isEmpty());
    }

    private static String run(Path dir, String... cmd) {
      try {
        Process p = new ProcessBuilder(cmd)
            .directory(dir.toAbsolutePath().toFile())
            .redirectErrorStream(false)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return null;
        }
        return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).trim() : null;
      } catch (IOException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }
}
