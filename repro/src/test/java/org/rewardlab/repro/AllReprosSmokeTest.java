package org.rewardlab.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.config.Configs;

/** Every registered repro runs at {@code --scale smoke} and yields claims with verdicts. */
class AllReprosSmokeTest {
  @TempDir Path tmp;

  @Test
  void theStandardRegistryHasRunnableRepros() {
    assertThat(ReproRegistry.standard().repros()).extracting(r -> r.paper().id()).contains("starc");
  }

  @TestFactory
  List<DynamicTest> everyRegisteredReproRunsAtSmokeScale() {
    return ReproRegistry.standard().repros().stream()
        .map(r -> DynamicTest.dynamicTest(r.paper().id(), () -> smoke(r)))
        .toList();
  }

  private <C extends ReproConfig<C>> void smoke(Repro<C> repro) {
    String id = repro.paper().id();
    Path out = tmp.resolve(id);
    ReproResult result = ReproRunner.run(repro, Scale.SMOKE, null,
        new ReproRunner.Settings(out, tmp, "rewardlab repro run " + id + " --scale smoke", null));
    assertThat(result.paperId()).isEqualTo(id);
    assertThat(result.scale()).isEqualTo(Scale.SMOKE);
    assertThat(result.claims()).isNotEmpty();
    for (Claim c : result.claims()) {
      assertThat(c.verdict()).isNotNull();
      assertThat(c.arms()).allSatisfy(a -> assertThat(a.n()).isEqualTo(result.seeds().size()));
    }
    assertThat(result.verdict()).isNotNull();
    assertThat(result.armSeconds()).as("%s times its arms with ctx.timeArm", id).isNotEmpty();
    C config = repro.config(Scale.SMOKE);
    assertThat(result.seeds()).isEqualTo(config.seeds());
    assertThat(Configs.fromTree(result.config(), config.getClass())).as("%s config round-trips as JSON", id)
        .isEqualTo(config);
    assertThat(repro.config(Scale.DEFAULT).seeds()).isNotEmpty();
    ResultStore store = new ResultStore(tmp.resolve("results"));
    store.save(result);
    assertThat(store.load(id)).contains(result);
  }
}
