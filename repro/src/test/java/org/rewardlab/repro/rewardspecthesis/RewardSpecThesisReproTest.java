package org.rewardlab.repro.rewardspecthesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;

class RewardSpecThesisReproTest {
  @TempDir Path tmp;

  @Test
  void smokeRunFillsTheTablePlotsItAndIsDeterministic() throws Exception {
    Path out = tmp.resolve("a");
    ReproResult a = ReproRunner.run(new RewardSpecThesisRepro(), Scale.SMOKE, null, new ReproRunner.Settings(out, tmp, "t", l -> { }));
    assertThat(a.paperId()).isEqualTo("reward-spec-thesis");
    assertThat(a.claims()).hasSize(4);
    assertThat(a.armSeconds()).hasSize(12).containsKey("GridLava-v0/normalized");
    Path png = out.resolve(RewardSpecThesisRepro.PLOT);
    assertThat(png).exists();
    assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(300);
    assertThat(a.notes()).anyMatch(n -> n.startsWith("Table, mean over training"));
    ReproResult b = ReproRunner.run(new RewardSpecThesisRepro(), Scale.SMOKE, null,
        new ReproRunner.Settings(tmp.resolve("b"), tmp, "t", l -> { }));
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(ReproRegistry.standard().repro("reward-spec-thesis")).isPresent();
    assertThat(Files.size(png)).isPositive();
  }

  @Test
  void specsAreComposedFromTheLibrary() {
    var grid = new RewardSpecThesisRepro.EnvRun("GridGoal-v0", 1000, 1);
    var pole = new RewardSpecThesisRepro.EnvRun("CartPole-v1", 1000, 500);
    assertThat(RewardSpecThesisRepro.reward(grid, "pbrs")).contains("potential: grid.distance");
    assertThat(RewardSpecThesisRepro.reward(pole, "pbrs")).contains("cartpole.upright");
    assertThat(RewardSpecThesisRepro.reward(grid, "normalized")).startsWith("{type: normalize");
    assertThat(RewardSpecThesisRepro.strategies(pole)).doesNotContain("pbrs-heuristic");
    assertThat(RewardSpecThesisRepro.Config.forScale(Scale.DEFAULT).envs()).hasSize(5);
  }
}
