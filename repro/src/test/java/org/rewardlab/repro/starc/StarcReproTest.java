package org.rewardlab.repro.starc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.repro.Arm;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;

class StarcReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke(List<String> log) {
    return ReproRunner.run(new StarcRepro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp, tmp, "test", log::add));
  }

  @Test
  void smokeRunGivesFiniteClaimsWithVerdictsAndTimesEveryArm() {
    List<String> log = new ArrayList<>();
    ReproResult result = runSmoke(log);
    assertThat(result.paperId()).isEqualTo("starc");
    assertThat(result.seeds()).containsExactly(1L, 2L);
    assertThat(result.claims()).hasSize(3);
    for (Claim c : result.claims()) {
      assertThat(c.verdict()).isNotNull();
      for (Arm a : c.arms()) {
        assertThat(a.values()).hasSize(2).allSatisfy(v -> assertThat(v).isFinite());
      }
    }
    assertThat(result.claims().get(0).arm(StarcRepro.VAL).values()).allSatisfy(v -> assertThat(v).isBetween(-1.0, 1.0));
    assertThat(result.armSeconds()).containsOnlyKeys(StarcRepro.VAL, StarcRepro.MINIMAL, StarcRepro.EPIC,
        StarcRepro.DARD, StarcRepro.NONE, StarcRepro.EQUIVALENT_MAX, StarcRepro.REGRET);
    assertThat(result.notes()).anyMatch(n -> n.startsWith("scale per seed: 1 random MDPs") && n.contains("= 9 (R1, R_i)"));
    assertThat(log).anyMatch(l -> l.contains("Spearman"));
    assertThat(ReproRegistry.standard().repro("starc")).isPresent();
  }

  @Test
  void sameSeedsGiveTheSameNumbers() {
    ReproResult a = runSmoke(new ArrayList<>());
    ReproResult b = runSmoke(new ArrayList<>());
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
    // one seed measured on its own gives the numbers it gives inside a run
    SeedResult alone = new StarcRepro().measure(StarcRepro.Config.forScale(Scale.SMOKE), 2, new ReproContext(tmp, null));
    assertThat(alone.value("spearman/" + StarcRepro.VAL))
        .isEqualTo(a.claims().get(0).arm(StarcRepro.VAL).values().get(1));
  }

  @Test
  void scalesGrowFromSmokeToThePapersSetup() {
    assertThat(StarcRepro.Config.forScale(Scale.SMOKE)).isEqualTo(new StarcRepro.Config(1, 3, 3, List.of(1L, 2L)));
    assertThat(StarcRepro.Config.defaults()).isEqualTo(new StarcRepro.Config(8, 32, 16, List.of(1L, 2L, 3L)));
    assertThat(new StarcRepro().config(Scale.PAPER)).isEqualTo(new StarcRepro.Config(16, 64, 16, List.of(1L, 2L, 3L)));
    assertThat(StarcRepro.Config.defaults().withSeeds(List.of(5L)).seeds()).containsExactly(5L);
    assertThatThrownBy(() -> new StarcRepro.Config(0, 32, 16, List.of(1L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mdps, pairs, steps >= 1");
  }
}
