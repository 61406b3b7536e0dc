package org.rewardlab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * rewardlab-app.jar is built from an explicit list of artifacts (spark/pom.xml, the shade plugin's
 * artifactSet): every third-party jar the cli runs on must be in it, or deliberately left to the
 * cluster. Checked against the cli's launcher classpath when a build wrote it.
 */
class AppJarContentsTest {
  /** What a cluster has or must provide itself (see docs/scale-out.md). */
  private static final List<String> NOT_SHIPPED = List.of("ai.djl.pytorch:pytorch-native-cpu", "org.slf4j:*");

  @Test
  void theApplicationJarListCoversTheCliRuntimeDependencies() throws IOException {
    Path root = Path.of(System.getProperty("rewardlab.repoRoot", "..")).toAbsolutePath();
    Path cliClasspath = root.resolve("cli/target/rewardlab.classpath");
    assumeTrue(Files.isRegularFile(cliClasspath), "the cli was not packaged in this build");
    String pom = Files.readString(root.resolve("spark/pom.xml"));
    String set = pom.substring(pom.indexOf("<artifactSet>"), pom.indexOf("</artifactSet>"));
    List<String> includes = new ArrayList<>();
    Matcher m = Pattern.compile("<include>([^<]+)</include>").matcher(set.substring(0, set.indexOf("</includes>")));
    while (m.find()) includes.add(m.group(1).trim());
    assertThat(includes).contains("org.rewardlab:*");

    List<String> missing = new ArrayList<>();
    for (String entry : Files.readString(cliClasspath).trim().split(java.io.File.pathSeparator)) {
      String ga = coordinates(entry);
      if (ga == null) continue; // a module's own target/*.jar: org.rewardlab:*
      if (matchesAny(ga, includes) || matchesAny(ga, NOT_SHIPPED)) continue;
      missing.add(ga);
    }
    assertThat(missing).as("cli dependencies neither in rewardlab-app.jar (spark/pom.xml) nor left to the cluster")
        .isEmpty();
  }

  /** groupId:artifactId of a jar in a Maven repository layout (…/repository/g/r/o/u/p/artifact/version/file.jar). */
  private static String coordinates(String jar) {
    String p = jar.replace('\\', '/');
    int r = p.indexOf("/repository/");
    if (r < 0) return null;
    String[] parts = p.substring(r + "/repository/".length()).split("/");
    if (parts.length < 4) return null;
    String artifact = parts[parts.length - 3];
    String group = String.join(".", java.util.Arrays.copyOf(parts, parts.length - 3));
    return group + ":" + artifact;
  }

  private static boolean matchesAny(String ga, List<String> patterns) {
    for (String pat : patterns) {
      String[] gp = pat.split(":");
      String[] g = ga.split(":");
      if (gp[0].equals(g[0]) && (gp[1].equals("*") || gp[1].equals(g[1]))) return true;
    }
    return false;
  }
}
