package org.rewardlab.repro.starc;

import static org.assertj.core.api.Assertions.assertThat;

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

class StarcReproTest {
  @TempDir Path tmp;

  private ReproResult runTiny(List<String> log) {
    ReproContext ctx = new ReproContext(ReproContext.consecutiveSeeds(1, 2), tmp, "test", log::add);
    return new StarcRepro(new StarcRepro.Scale(1, 3, 3)).run(ctx);
  }

  @Test
  void tinyRunGivesFiniteClaimsWithVerdictsAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult result = runTiny(log);
    assertThat(result.paperId()).isEqualTo("starc");
    assertThat(result.claims()).hasSize(3);
    for (Claim c : result.claims()) {
      assertThat(c.verdict()).isNotNull();
      for (Arm a : c.arms()) {
        assertThat(a.values()).hasSize(2).allSatisfy(v -> assertThat(v).isFinite());
      }
    }
    assertThat(result.claims().get(0).arm(StarcRepro.VAL).values()).allSatisfy(v -> assertThat(v).isBetween(-1.0, 1.0));
    assertThat(log).anyMatch(l -> l.contains("Spearman"));
    ReproResult again = runTiny(new ArrayList<>());
    assertThat(again.claims()).isEqualTo(result.claims());
    assertThat(ReproRegistry.standard().repro("starc")).isPresent();
  }
}
