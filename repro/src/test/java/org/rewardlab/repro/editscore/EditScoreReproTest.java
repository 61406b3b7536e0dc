package org.rewardlab.repro.editscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;

class EditScoreReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke() {
    List<String> log = new ArrayList<>();
    return ReproRunner.run(new EditScoreRepro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresTheJudgeAndTheEditorAndRepeatsBitForBit() {
    ReproResult a = runSmoke();
    assertThat(a.paperId()).isEqualTo("editscore");
    assertThat(a.claims()).hasSize(3);
    assertThat(a.armSeconds()).containsOnlyKeys(EditScoreRepro.JUDGE, EditScoreRepro.RL);
    assertThat(a.notes().get(0)).startsWith("average_last");
    ReproResult b = runSmoke();
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
  }

  @Test
  void trueOverallIsTheGeometricMeanOfTheWeakerConsistencyScoreAndQuality() {
    assertThat(EditScoreRepro.trueOverall(new double[] {9, 4, 9})).isEqualTo(6.0);
    assertThatThrownBy(() -> new EditScoreRepro().config(Scale.PAPER)).hasMessageContaining("EditReward-Bench");
  }
}
