package org.rewardlab.repro.gra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.grid.GridWorld;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;

class GRaReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke(Path out, List<String> log) {
    return ReproRunner.run(new GRaRepro(), Scale.SMOKE, null, new ReproRunner.Settings(out, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresEveryArmAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = runSmoke(tmp.resolve("a"), log);
    assertThat(a.paperId()).isEqualTo("g-ra");
    assertThat(a.claims()).hasSize(6).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.armSeconds()).containsOnlyKeys("outcome", "d-ra", "g-ra", "g-ra@-0.5");
    assertThat(log).anyMatch(l -> l.contains("seed 1 g-ra"));
    ReproResult b = runSmoke(tmp.resolve("b"), new ArrayList<>());
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
    SeedResult alone = new GRaRepro().measure(GRaRepro.Config.forScale(Scale.SMOKE), 2, new ReproContext(tmp.resolve("c"), null));
    assertThat(alone.value("proxy/d-ra")).isEqualTo(a.claims().get(0).arm("d-ra").values().get(1));
    assertThat(ReproRegistry.standard().repro("g-ra")).isPresent();
  }

  @Test
  void formatCellsPayTheStepBonusAndTheMapIsAsDrawn() {
    GRaRepro.registerEnv();
    GRaRepro.registerEnv(); // idempotent
    FlatEnv env = EnvRegistry.make(GRaRepro.ENV_ID);
    GridWorld grid = (GridWorld) env.unwrapped();
    assertThat(grid.map().starts()).hasSize(4);
    var format = EnvRegistry.potentials(GRaRepro.ENV_ID).get(GRaRepro.FORMAT);
    float[] obs = new float[env.observationSize()];
    obs[grid.map().state(1, 1)] = 1;
    assertThat(format.value(obs, 0)).isEqualTo(1.0);
    obs[grid.map().state(1, 1)] = 0;
    obs[grid.map().state(3, 2)] = 1;
    assertThat(format.value(obs, 0)).isEqualTo(0.0);
  }

  @Test
  void scalesAndRefusal() {
    GRaRepro.Config smoke = GRaRepro.Config.forScale(Scale.SMOKE);
    GRaRepro.Config def = new GRaRepro().config(Scale.DEFAULT);
    assertThat(def.seeds()).hasSize(5);
    assertThat(def.steps()).isGreaterThan(smoke.steps());
    assertThat(def.bonus()).isEqualTo(0.1);
    assertThat(def.threshold()).isEqualTo(0.5);
    assertThat(def.arms()).containsExactly("outcome", "d-ra", "g-ra", "g-ra@-0.5", "g-ra@1.5");
    assertThat(def.reward("g-ra")).contains("mode: episode").contains("threshold: 0.5");
    assertThat(def.reward("g-ra@1.5")).contains("threshold: 1.5");
    assertThat(def.withSeeds(List.of(7L)).seeds()).containsExactly(7L);
    assertThatThrownBy(() -> new GRaRepro().config(Scale.PAPER)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("g-ra does not run at this scale");
  }
}
