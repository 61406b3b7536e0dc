package org.rewardlab.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * Every YAML example of {@code docs/rewards.md} that holds a whole reward ({@code reward:} at the top)
 * is read by the config loader and built: for an env (with the test features the examples name) or,
 * when it holds completion terms, for completions.
 */
class RewardsDocExamplesTest {
  public record Holder(RewardSpec reward) {}

  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  private static final RewardBuildContext CTX = new RewardBuildContext(0.99, EnvRegistry.potentials("MountainCar-v0"))
      .withPotential("route.completion", (o, off) -> o[off])
      .withPotential("speed.excess", (o, off) -> Math.abs(o[off + 1]))
      .withPotential("ttc.violation", (o, off) -> 0)
      .withPotential("collision", (o, off) -> 0)
      .withPotential("ball.alignment", (o, off) -> 1)
      .withPotential("ball.distance", (o, off) -> o[off])
      .withPotential("ball.approach_speed", (o, off) -> o[off + 1])
      .withPotential("hard_subgoal", (o, off) -> 1);

  @Test
  void everyRewardExampleReadsAndBuilds() throws IOException {
    Path doc = Path.of("../docs/rewards.md");
    assertThat(doc).as("run from the reward module's directory").exists();
    Matcher m = YAML_BLOCK.matcher(Files.readString(doc));
    List<String> built = new ArrayList<>();
    while (m.find()) {
      String yaml = m.group(1);
      if (!yaml.startsWith("reward:")) continue;
      RewardSpec spec = Configs.read(yaml, Holder.class, List.of()).reward();
      try {
        RewardSpecs.buildForCompletions(spec);
        built.add("completions: " + RewardSpecs.typeName(spec));
      } catch (UserInputException e) {
        assertThat(e.problem()).as(yaml).contains("scores environment transitions");
        new RewardWrappedEnv(new LineEnv(100), spec, CTX);
        built.add("env: " + RewardSpecs.typeName(spec));
      }
    }
    assertThat(built).as("examples found").hasSizeGreaterThanOrEqualTo(20);
    assertThat(built).contains("env: product", "env: krc", "completions: gated", "completions: overlong");
  }
}
