package org.rewardlab.repro.carl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.rl.PpoConfig;
import org.rewardlab.core.UserInputException;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;

class CarlReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke(Path out, List<String> log) {
    return ReproRunner.run(new CarlRepro(), Scale.SMOKE, null, new ReproRunner.Settings(out, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresEveryArmAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = runSmoke(tmp.resolve("a"), log);
    assertThat(a.paperId()).isEqualTo("carl");
    assertThat(a.claims()).hasSize(5).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.armSeconds()).containsOnlyKeys("carl@mb50", "carl@mb200", "roach@mb50", "roach@mb200");
    assertThat(log).anyMatch(l -> l.contains("seed 2 roach@mb200"));
    ReproResult b = runSmoke(tmp.resolve("b"), new ArrayList<>());
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(ReproRegistry.standard().repro("carl")).isPresent();
  }

  @Test
  void theSweepKeepsBatchStepsAndEpochsAndChangesOnlyTheMinibatch() {
    CarlRepro.Config c = CarlRepro.Config.forScale(Scale.DEFAULT);
    List<PpoConfig> ppo = new ArrayList<>();
    for (int mb : c.minibatches()) ppo.add((PpoConfig) ExperimentSpecs.read(c.experiment("carl", mb, 1), "carl", List.of()).spec().algo());
    for (int i = 0; i < ppo.size(); i++) {
      PpoConfig p = ppo.get(i);
      assertThat(p.minibatchSize()).isEqualTo(c.minibatches().get(i));
      assertThat(p.batchSize()).isEqualTo(ppo.get(0).batchSize());
      assertThat(p.totalTimesteps()).isEqualTo(ppo.get(0).totalTimesteps());
      assertThat(p.updateEpochs()).isEqualTo(3);
      assertThat(p.clipCoef()).isEqualTo(0.1);
    }
    assertThat(ppo.get(0).batchSize() / ppo.get(0).minibatchSize()).isEqualTo(32);
    assertThat(ppo.get(ppo.size() - 1).batchSize() / ppo.get(ppo.size() - 1).minibatchSize()).isEqualTo(2);
    assertThat(c.reward("carl")).contains("type: product").contains("terminateOn");
    assertThat(c.reward("roach")).contains("type: weighted").doesNotContain("route.completion");
    assertThatThrownBy(() -> new CarlRepro.Config(1000, 2, 100, List.of(64, 200), 1, 1e-3, 10, 1, List.of(1L)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divide the batch");
    assertThatThrownBy(() -> new CarlRepro().config(Scale.PAPER)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("carl does not run at this scale");
  }
}
