package org.rewardlab.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.envs.EnvRegistry;

/**
 * Shaped rewards on fixed trajectories equal, bit for bit, the fixture recorded before potentials
 * moved from the reward module's static registry to the env registry.
 */
class ShapedRewardFixtureTest {
  static final String FIXTURE = "shaped-rewards.txt";

  /** The agent's γ of the context: 0.99, the former default of an omitted {@code gamma}. */
  static final double AGENT_GAMMA = 0.99;

  private static RewardWrappedEnv wrap(FlatEnv env) {
    String id = env.spec().id();
    return new RewardWrappedEnv(
        env, ShapedTrajectories.SPECS.get(id), new RewardBuildContext(AGENT_GAMMA, EnvRegistry.potentials(id)));
  }

  private static List<String> fixture() throws IOException {
    try (InputStream in = ShapedRewardFixtureTest.class.getResourceAsStream(FIXTURE)) {
      assertThat(in).as(FIXTURE + " on the test classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void shapedRewardsEqualTheRecordedOnes() throws IOException {
    List<String> now = ShapedTrajectories.allLines(ShapedRewardFixtureTest::wrap);
    // what this code gives, beside the fixture, to diff (or to re-record after a deliberate change)
    Path written = Path.of("target", FIXTURE);
    Files.createDirectories(written.getParent());
    Files.write(written, now, StandardCharsets.UTF_8);
    List<String> recorded = fixture();
    assertThat(now).hasSameSizeAs(recorded);
    for (int i = 0; i < now.size(); i++) {
      String[] a = now.get(i).split(" ");
      String[] b = recorded.get(i).split(" ");
      assertThat(a).as("line %d", i).hasSameSizeAs(b);
      assertThat(a[0] + " " + a[1]).isEqualTo(b[0] + " " + b[1]);
      for (int j = 2; j < a.length; j++) {
        assertThat(Double.doubleToRawLongBits(Double.parseDouble(a[j])))
            .as("%s (recorded: %s)", now.get(i), recorded.get(i))
            .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(b[j])));
      }
    }
  }
}
