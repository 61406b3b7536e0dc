package org.rewardlab.algos.rl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same seed, same numbers — also when the garbage collector runs all the time. A child JVM with a
 * 48 MiB heap and 8 MiB of direct memory trains the same small Pendulum experiment several times and
 * compares the metrics. This caught autograd reading freed memory: DJL's {@code x.mul(2f)} closes the
 * constant it makes while the backward pass still needs it (see {@code org.rewardlab.nn.Tensors});
 * with that bug most repeats differed.
 */
class GcPressureDeterminismTest {
  @TempDir Path tmp;

  @Test
  void repeatedRunsUnderATinyHeapAreIdentical() throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path log = tmp.resolve("child.log");
    Process p = new ProcessBuilder(java, "-Xmx48m", "-XX:MaxDirectMemorySize=8m", "-Dai.djl.offline=true",
            "-cp", System.getProperty("java.class.path"), Child.class.getName(), tmp.resolve("runs").toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("child finished").isTrue();
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertThat(lines).as("child output").contains("identical 4 of 4");
    assertThat(p.exitValue()).isZero();
  }

  /** Trains the experiment once as the reference, then four more times, and compares. */
  public static final class Child {
    public static void main(String[] args) {
      Path root = Path.of(args[0]);
      var spec = PpoTrainerRuns.spec(PpoTrainerResumeTest.PENDULUM);
      String ref = PpoTrainerRuns.metrics(PpoTrainerRuns.trainToEnd(spec, root.resolve("ref")));
      int same = 0;
      for (int i = 0; i < 4; i++) {
        String m = PpoTrainerRuns.metrics(PpoTrainerRuns.trainToEnd(spec, root.resolve("r" + i)));
        if (m.equals(ref)) {
          same++;
        } else {
          System.out.println("run " + i + ": " + PpoTrainerRuns.firstDifference(ref, m));
        }
      }
      System.out.println("identical " + same + " of 4");
      System.exit(same == 4 ? 0 : 1);
    }
  }
}
