package org.rewardlab.algos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the fix in {@code org.rewardlab.nn.Tensors#scalar}: DJL's {@code x.mul(2f)} closes the
 * constant it creates while autograd still needs it, so differentiable code in nn and algos must
 * not pass a literal number to mul/div/maximum/minimum/pow. (Operators whose gradient does not read
 * the constant, such as add and sub, are allowed.)
 */
class NoNumberOperandsTest {
  private static final Pattern NUMBER_OPERAND = Pattern.compile(
      "\\.(mul|div|maximum|minimum|pow|muli|divi)\\(\\s*(-?[0-9][0-9.eE+-]*[fFdD]?|\\((float|double)\\)[^)]*)\\s*\\)");

  @Test
  void differentiableCodePassesNoLiteralNumbers() throws IOException {
    Path root = Path.of(System.getProperty("rewardlab.repoRoot", "..")).toAbsolutePath().normalize();
    List<Path> dirs = List.of(root.resolve("nn/src/main/java"), root.resolve("algos/src/main/java"));
    List<String> offenders = new ArrayList<>();
    int files = 0;
    for (Path dir : dirs) {
      assertThat(dir).as("source directory").isDirectory();
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
          files++;
          List<String> lines = Files.readAllLines(p);
          for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("*") || line.startsWith("//")) continue;
            if (NUMBER_OPERAND.matcher(line).find()) offenders.add(root.relativize(p) + ":" + (i + 1) + ": " + line);
          }
        }
      }
    }
    assertThat(files).as("java files scanned").isGreaterThan(10);
    assertThat(offenders).as("use Tensors.scalar(manager, value) instead").isEmpty();
  }

  @Test
  void thePatternCatchesTheHazard() {
    assertThat(NUMBER_OPERAND.matcher("NDArray y = var.mul(2f);").find()).isTrue();
    assertThat(NUMBER_OPERAND.matcher("x.div((float) (n - 1))").find()).isTrue();
    assertThat(NUMBER_OPERAND.matcher("x.maximum(0f)").find()).isTrue();
    assertThat(NUMBER_OPERAND.matcher("x.mul(Tensors.scalar(m, 2f))").find()).isFalse();
    assertThat(NUMBER_OPERAND.matcher("x.sub(1f)").find()).isFalse();
  }
}
