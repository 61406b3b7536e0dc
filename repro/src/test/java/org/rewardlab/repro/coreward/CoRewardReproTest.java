package org.rewardlab.repro.coreward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;
import org.rewardlab.repro.Verdict;
import org.rewardlab.reward.spec.RewardSpec;

class CoRewardReproTest {
  @TempDir Path tmp;

  @Test
  void smokeRunMeasuresTheThreeArmsOnPairedBatchesAndIsDeterministic() {
    List<String> log = new ArrayList<>();
    ReproResult a = ReproRunner.run(new CoRewardRepro(), Scale.SMOKE, null, new ReproRunner.Settings(tmp.resolve("a"), tmp, "test", log::add));
    assertThat(a.paperId()).isEqualTo("co-reward");
    assertThat(a.claims()).hasSize(5).allSatisfy(c -> assertThat(c.verdict()).isNotNull());
    assertThat(a.armSeconds()).containsOnlyKeys("warm start (shared)", "ground truth", "self vote", "co-reward");
    assertThat(log).anyMatch(l -> l.contains("seed 1 long/co-reward"));
    SeedResult alone = new CoRewardRepro().measure(CoRewardRepro.Config.forScale(Scale.SMOKE), 2,
        new ReproContext(tmp.resolve("b"), null));
    assertThat(alone.value("accuracy/long/co-reward")).isEqualTo(a.claims().get(0).arm("co-reward").values().get(1));
    assertThat(alone.value("distinct answers/short/self vote")).isBetween(0.0, 100.0);
    assertThat(alone.value("sampled accuracy/short/warm start")).isBetween(0.0, 100.0);
    assertThat(ReproRegistry.standard().repro("co-reward")).isPresent();
  }

  @Test
  void armsDifferOnlyInTheirRewardAndAllTrainOnPairs() {
    CoRewardRepro.Config c = CoRewardRepro.Config.forScale(Scale.DEFAULT);
    assertThat(c.grpo(tmp).pairAnalogues()).isTrue();
    assertThat(((RewardSpec.CompletionTerm) CoRewardRepro.Config.reward(CoRewardRepro.CO)).signal()).isEqualTo("twin.vote");
    assertThat(((RewardSpec.CompletionTerm) CoRewardRepro.Config.reward(CoRewardRepro.SELF)).signal()).isEqualTo("group.vote");
    assertThat(CoRewardRepro.Config.reward(CoRewardRepro.GT)).isInstanceOf(RewardSpec.TaskReward.class);
    assertThatThrownBy(() -> new CoRewardRepro().config(Scale.PAPER)).isInstanceOf(UserInputException.class);
  }

  @Test
  void claimsReadPairedDifferencesPerRegime() {
    // long: co-reward 2 points under ground truth; short: self vote falls 5 below the warm start, co-reward 3 above it
    List<SeedResult> seeds = new ArrayList<>();
    for (long s = 1; s <= 3; s++) {
      double e = s * 0.1;
      Map<String, Double> v = new java.util.HashMap<>();
      v.put("accuracy/long/warm start", 90 + e);
      v.put("accuracy/long/ground truth", 96 + e);
      v.put("accuracy/long/co-reward", 94 + e);
      v.put("accuracy/long/self vote", 94 + e);
      v.put("sampled accuracy/long/warm start", 80 + e);
      v.put("sampled accuracy/long/ground truth", 90 + e);
      v.put("sampled accuracy/long/co-reward", 85 + e);
      v.put("distinct answers/long/warm start", 40.0);
      v.put("distinct answers/long/co-reward", 41.0);
      v.put("distinct answers/long/self vote", 20.0);
      v.put("accuracy/short/warm start", 10 + e);
      v.put("accuracy/short/ground truth", 12 + e);
      v.put("accuracy/short/self vote", 5 + e);
      v.put("accuracy/short/co-reward", 13 + e);
      seeds.add(new SeedResult(s, v));
    }
    List<Claim> claims = new CoRewardRepro().claims(CoRewardRepro.Config.forScale(Scale.SMOKE), seeds);
    // the sampled-accuracy gap (-5) is beyond the 3-point tolerance
    assertThat(claims).extracting(Claim::verdict).containsExactly(Verdict.HOLDS, Verdict.DOES_NOT_HOLD, Verdict.HOLDS,
        Verdict.HOLDS, Verdict.HOLDS);
    assertThat(claims.get(0).arm("co-reward - ground truth").mean()).isCloseTo(-2.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(claims.get(4).arm("co-reward - self vote").mean()).isCloseTo(8.0, org.assertj.core.api.Assertions.within(1e-9));
  }
}
