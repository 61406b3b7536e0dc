package org.rewardlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which commands {@code ./rewardlab} runs on the spark module (building Spark on first use): only
 * {@code sweep}, {@code bench sweep} and {@code --engine spark}; everything else on the cli as before,
 * so a fresh machine's {@code rewardlab train} never downloads Spark. Runs the script's own {@code
 * wants_spark} function in bash, and checks the build line of each path.
 */
class LauncherRoutingTest {
  static final Path SCRIPT = Path.of(System.getProperty("rewardlab.repoRoot", "..")).resolve("rewardlab");

  static String route(String script, String... args) throws IOException, InterruptedException {
    int start = script.indexOf("wants_spark() {");
    int end = script.indexOf("\n}\n", start) + 3;
    List<String> cmd = new ArrayList<>(List.of("bash", "-c",
        script.substring(start, end) + "\nif wants_spark \"$@\"; then echo spark; else echo cli; fi", "route"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void onlySweepsAndTheSparkEngineLoadTheSparkModule() throws Exception {
    String script = Files.readString(SCRIPT);
    assertThat(route(script, "sweep", "examples/sweep-cartpole-tiny.yaml")).isEqualTo("spark");
    assertThat(route(script, "--debug", "sweep", "resume", "runs/sweeps/x")).isEqualTo("spark");
    assertThat(route(script, "bench", "sweep")).isEqualTo("spark");
    assertThat(route(script, "repro", "run", "gra", "--engine", "spark")).isEqualTo("spark");
    assertThat(route(script, "rm", "score", "m", "d.jsonl", "--engine=spark")).isEqualTo("spark");

    assertThat(route(script)).isEqualTo("cli");
    assertThat(route(script, "train", "examples/cartpole-ppo.yaml")).isEqualTo("cli");
    assertThat(route(script, "train", "x.yaml", "--set", "sweep=1")).isEqualTo("cli");
    assertThat(route(script, "bench", "ppo")).isEqualTo("cli");
    assertThat(route(script, "repro", "run", "gra", "--engine", "local")).isEqualTo("cli");
    assertThat(route(script, "eval", "--", "--engine", "spark")).isEqualTo("cli");
    assertThat(route(script, "version")).isEqualTo("cli");
  }

  @Test
  void eachPathBuildsOnlyItsModule() throws IOException {
    String script = Files.readString(SCRIPT);
    // one build line, parameterized by the module: -pl cli -am for every command but the spark ones
    assertThat(script).contains("-pl \"$MODULE\" -am -DskipTests package");
    assertThat(script).contains("MODULE=\"cli\"\nif wants_spark \"$@\"; then\n  MODULE=\"spark\"");
    assertThat(script).contains("-Drewardlab.appJar=\"$APP_JAR\"");
  }
}
