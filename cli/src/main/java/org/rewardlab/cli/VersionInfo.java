package org.rewardlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code rewardlab version} and {@code --version} print: RewardLab's version, the git commit
 * (from the {@code rewardlab.commit} system property the launcher sets), Java, OS and the DJL and
 * PyTorch versions this build was compiled against. Reads a build-time resource; never loads DJL.
 */
final class VersionInfo implements IVersionProvider {
  private static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() {
    return lines().toArray(new String[0]);
  }

  /** The lines, in order: name and version first. */
  static List<String> lines() {
    Properties p = buildProperties();
    String commit = System.getProperty("rewardlab.commit", "");
    return List.of(
        "rewardlab " + p.getProperty("rewardlab.version", "unknown"),
        "commit:  " + (commit.isBlank() ? "unknown" : commit),
        "java:    " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
            + System.getProperty("java.vm.name") + ")",
        "os:      " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
            + System.getProperty("os.arch") + ")",
        "djl:     " + p.getProperty("djl.version", "unknown") + " with PyTorch "
            + p.getProperty("pytorch.version", "unknown") + " (compiled against; not loaded)");
  }

  private static Properties buildProperties() {
    Properties p = new Properties();
    try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the build's " + RESOURCE, e);
    }
    return p;
  }
}
