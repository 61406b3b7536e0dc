package org.rewardlab.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

class CheckpointsTest {
  @TempDir Path dir;

  private static Checkpoint sample(int i) {
    RandomSource r = RandomSource.of(5);
    r.nextLong();
    return Checkpoint.builder()
        .floats("actor.layer0.weight", new float[] {1.5f, -2f, Float.MIN_VALUE, i})
        .longs("rng.minibatch", r.state())
        .doubles("obs.mean", new double[] {0.1, Double.NaN})
        .counter("update", 17 + i)
        .scalar("lr", 2.5e-4)
        .json("{\"env\":\"CartPole-v1\",\"ü\":1}")
        .build();
  }

  @Test
  void roundTripsEverySection() {
    Path f = dir.resolve("sub/latest.ckpt");
    Checkpoints.save(f, sample(0));
    Checkpoint c = Checkpoints.load(f);
    assertThat(c.floats("actor.layer0.weight")).containsExactly(1.5f, -2f, Float.MIN_VALUE, 0f);
    RandomSource r = RandomSource.fromState(c.longs("rng.minibatch"));
    RandomSource ref = RandomSource.of(5);
    ref.nextLong();
    assertThat(r.nextLong()).isEqualTo(ref.nextLong());
    assertThat(c.doubles("obs.mean")[0]).isEqualTo(0.1);
    assertThat(c.doubles("obs.mean")[1]).isNaN();
    assertThat(c.counter("update")).isEqualTo(17);
    assertThat(c.scalar("lr")).isEqualTo(2.5e-4);
    assertThat(c.json()).isEqualTo("{\"env\":\"CartPole-v1\",\"ü\":1}");
  }

  @Test
  void overwriteReplacesAtomicallyAndLeavesNoTempFiles() throws IOException {
    Path f = dir.resolve("latest.ckpt");
    Checkpoints.save(f, sample(0));
    Checkpoints.save(f, sample(1));
    assertThat(Checkpoints.load(f).counter("update")).isEqualTo(18);
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("latest.ckpt");
    }
  }

  @Test
  void corruptFileNamesTheFileAndTheFix() throws IOException {
    Path f = dir.resolve("bad.ckpt");
    Checkpoints.save(f, sample(0));
    byte[] b = Files.readAllBytes(f);
    b[b.length / 2] ^= 0x10;
    Files.write(f, b);
    assertThatThrownBy(() -> Checkpoints.load(f))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("corrupt")
        .hasMessageContaining("earlier checkpoint");
  }

  @Test
  void truncatedForeignAndMissingFilesAreUserErrors() throws IOException {
    Path f = dir.resolve("t.ckpt");
    Checkpoints.save(f, sample(0));
    byte[] b = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(b, b.length - 5));
    assertThatThrownBy(() -> Checkpoints.load(f)).isInstanceOf(UserInputException.class).hasMessageContaining("t.ckpt");
    Path g = dir.resolve("notes.txt");
    Files.writeString(g, "hello, this is not a checkpoint");
    assertThatThrownBy(() -> Checkpoints.load(g)).isInstanceOf(UserInputException.class).hasMessageContaining("not a RewardLab checkpoint");
    Path missing = dir.resolve("none.ckpt");
    assertThatThrownBy(() -> Checkpoints.load(missing)).isInstanceOf(UserInputException.class).hasMessageContaining("does not exist");
  }

  @Test
  void missingEntryIsNamed() {
    assertThatThrownBy(() -> sample(0).floats("critic.layer0.weight"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("critic.layer0.weight");
  }
}
