package org.rewardlab.repro.lucyskg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.core.UserInputException;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;

class LucySkgReproTest {
  @TempDir Path tmp;

  private ReproResult runSmoke(Path out, List<String> log) {
    return ReproRunner.run(new LucySkgRepro(), Scale.SMOKE, null, new ReproRunner.Settings(out, tmp, "test", log::add));
  }

  @Test
  void smokeRunMeasuresBothArmsAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = runSmoke(tmp.resolve("a"), log);
    assertThat(a.paperId()).isEqualTo("lucy-skg");
    assertThat(a.claims()).hasSize(3).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.armSeconds()).containsKeys("krc", "weighted");
    assertThat(log).anyMatch(l -> l.contains("seed 1 krc"));
    // the sign signal: a linear mean is positive on states where the KRC is negative, on a sizeable fraction
    assertThat(a.notes()).anyMatch(n -> n.contains("Sign signal") && !n.contains(" 0.0% of them"));
    assertThat(a.notes()).anyMatch(n -> n.contains("weighted: goal share") && n.contains("alignment share"));
    ReproResult b = runSmoke(tmp.resolve("b"), new ArrayList<>());
    assertThat(b.claims()).isEqualTo(a.claims());
    assertThat(b.notes()).isEqualTo(a.notes());
    assertThat(ReproRegistry.standard().repro("lucy-skg")).isPresent();
  }

  @Test
  void armsShareEverythingButTheCombination() {
    LucySkgRepro.Config c = LucySkgRepro.Config.forScale(Scale.DEFAULT);
    assertThat(c.seeds()).hasSize(5);
    String krc = c.experiment("krc", 3, c.reward("krc"));
    String lin = c.experiment("weighted", 3, c.reward("weighted"));
    assertThat(c.reward("krc")).contains("type: krc").doesNotContain("weight: 0.333");
    assertThat(c.reward("weighted")).doesNotContain("type: krc").contains("weight: 0.3333333333333333");
    var sk = ExperimentSpecs.read(krc, "krc", List.of()).spec();
    var sl = ExperimentSpecs.read(lin, "weighted", List.of()).spec();
    assertThat(sk.algo()).isEqualTo(sl.algo());
    assertThat(sk.seed()).isEqualTo(sl.seed()).isEqualTo(3L);
    assertThat(sk.env()).isEqualTo(sl.env());
    assertThatThrownBy(() -> new LucySkgRepro().config(Scale.PAPER)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("lucy-skg does not run at this scale");
    assertThat(c.withSeeds(List.of(9L)).seeds()).containsExactly(9L);
  }
}
