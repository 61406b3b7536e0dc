package org.rewardlab.repro.treerm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.repro.Arm;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;

class TreeRmReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke() {
    List<String> log = new ArrayList<>();
    return ReproRunner.run(new TreeRmRepro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresBothTopologiesAndRepeatsBitForBit() {
    ReproResult a = runSmoke();
    assertThat(a.paperId()).isEqualTo("tree-rm");
    assertThat(a.claims()).hasSize(1);
    for (Arm arm : a.claims().get(0).arms()) {
      assertThat(arm.values()).hasSize(2).allSatisfy(v -> assertThat(v).isFinite().isPositive());
    }
    assertThat(a.armSeconds()).containsOnlyKeys(TreeRmRepro.TREE, TreeRmRepro.CHAIN);
    assertThat(a.notes()).anyMatch(n -> n.startsWith("budget 48 pairs"));
    ReproResult b = runSmoke();
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
  }

  @Test
  void goldAndFeaturesIgnoreThePromptTrunk() {
    double[][] u = {{1, 2}, {3, 4}};
    assertThat(TreeRmRepro.gold("xxab", u, 2, "ab")).isEqualTo(1 + 4);
    assertThat(TreeRmRepro.features("zzba", 2, 2, "ab")).containsExactly(0f, 1f, 1f, 0f);
    assertThatThrownBy(() -> new TreeRmRepro().config(Scale.PAPER)).hasMessageContaining("HH-RLHF");
  }
}
