package org.rewardlab.algos.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.text.AnswerFormat;
import org.rewardlab.envs.text.ArithOp;
import org.rewardlab.envs.text.ArithProblem;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.Verdict;

/**
 * Label-free vote rewards (PO §12): the self vote (self-consistency) and Co-Reward's twin vote against the
 * spec's formulas, the paired batches of {@code algo.pairAnalogues}, and the errors.
 */
class CoRewardSignalsTest {
  @TempDir Path tmp;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void votesFollowTheFormulasWithEmptyAnswersIgnored() {
    // group 0 (x): answers 7 7 5 ""; group 1 (x'): 5 5 "" 7 -> majorities 7 and 5
    GroupVotes v = GroupVotes.ofAnswers(List.of("7", "7", "5", "", "5", "5", "", "7"), 4);
    assertThat(v.majority(0)).isEqualTo("7");
    assertThat(v.majority(1)).isEqualTo("5");
    double[] self = new double[8];
    double[] twin = new double[8];
    for (int b = 0; b < 8; b++) {
      self[b] = v.selfVote(b);
      twin[b] = v.twinVote(b);
    }
    // r_{x,i} = 1[ans_{x,i} = maj(x')], r_{x',i} = 1[ans_{x',i} = maj(x)]
    assertThat(twin).containsExactly(0, 0, 1, 0, 0, 0, 0, 1);
    assertThat(self).containsExactly(1, 1, 0, 0, 1, 1, 0, 0);
    // a twin group nobody answered: its majority is empty and pays nothing
    GroupVotes silent = GroupVotes.ofAnswers(List.of("3", "3", "", ""), 2);
    assertThat(silent.twinVote(0)).isZero();
    assertThat(silent.selfVote(0)).isEqualTo(1.0);
    assertThat(silent.entropyBits(1)).isZero();
    assertThatThrownBy(() -> GroupVotes.ofAnswers(List.of("1", "1", "2", "2", "3", "3"), 2).twinVote(4))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not paired");
  }

  @Test
  void aCutCompletionDoesNotVoteAndTheSpecReadsBothVotes() {
    ArithProblem x = new ArithProblem(12, 34, ArithOp.ADD, 2, AnswerFormat.FIXED_WIDTH, false);
    ArithProblem y = new ArithProblem(34, 12, ArithOp.ADD, 2, AnswerFormat.FIXED_WIDTH, false);
    // x: 045 045 046 | 046(cut) 046(cut); x': 046 046 045 045(cut) 099
    List<Completion> cs = List.of(new Completion(x, "045"), new Completion(x, "045"), new Completion(x, "046"),
        new Completion(x, "046", false), new Completion(x, "046", false),
        new Completion(y, "046"), new Completion(y, "046"), new Completion(y, "045"), new Completion(y, "045", false),
        new Completion(y, "099"));
    Verdict[] vs = cs.stream().map(Completion::verdict).toArray(Verdict[]::new);
    GroupVotes votes = GroupVotes.of(cs, vs, 5);
    assertThat(votes.majority(0)).isEqualTo("045"); // the cut 046s do not vote
    assertThat(votes.majority(1)).isEqualTo("046");
    assertThat(votes.answer(3)).isEmpty();
    LmReward co = new LmReward(ExperimentSpecs.read("""
        algo: {type: grpo, task: {type: arith}}
        reward:
          type: weighted
          terms:
            - reward: {type: completion, signal: twin.vote, name: co}
            - {weight: 10, reward: {type: completion, signal: group.vote, name: self}}
        """).reward());
    int[] tokens = new int[10];
    java.util.Arrays.fill(tokens, 4);
    LmReward.Scores s = co.score(cs, vs, tokens, 5, 0, true);
    // co = 1[ans = other group's majority]; self = 1[ans = own majority]
    assertThat(s.rewards()).containsExactly(10, 10, 1, 0, 0, /* x' */ 10, 10, 1, 0, 0);
    s = co.score(cs, vs, tokens, 5, 0, true);
    assertThat(s.termSums()).containsExactly(2.0, 10.0 * 4);
    // the vote metrics: 046 is right, so x's pseudo-label (045) is wrong and x''s is right
    var m = LmTrainer.voteMetrics(List.<Problem>of(x, y), votes);
    assertThat(m.get("charts/vote/label_accuracy")).isEqualTo(0.5);
    assertThat(m.get("charts/vote/twin_agreement")).isZero();
    assertThat(m.get("charts/vote/twin_reward")).isEqualTo(0.2);
    assertThat(m.get("charts/vote/self_reward")).isEqualTo(0.4);
    // unpaired, twin.vote is not attached: the term names what it misses
    assertThatThrownBy(() -> co.score(cs, vs, tokens, 5, 0, false)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("twin.vote");
  }

  static final String PAIRED = LmTrainerTest.TINY.replace("steps: 4\n", "steps: 4\n  pairAnalogues: true\n")
      .replace("digits: [1]", "digits: [2]").replace("run: {", "reward: {type: completion, signal: twin.vote}\nrun: {");

  @Test
  void aPairedRunTrainsOnProblemAnaloguePairsAndResumesBitForBit() throws Exception {
    Path a = LmTrainerTest.train(PAIRED, tmp.resolve("a"), 0);
    Path c = LmTrainerTest.train(PAIRED, tmp.resolve("c"), 8); // killed inside GRPO, after the checkpoint at 6
    assertThat(Files.readString(c.resolve(RunContext.METRICS_FILE))).isEqualTo(Files.readString(a.resolve(RunContext.METRICS_FILE)));
    assertThat(Files.readAllBytes(RunCheckpoints.path(c))).isEqualTo(Files.readAllBytes(RunCheckpoints.path(a)));
    int rl = 0;
    for (String line : Files.readAllLines(a.resolve(RunContext.METRICS_FILE))) {
      JsonNode n = JSON.readTree(line);
      if (!n.has("charts/reward")) continue;
      rl++;
      assertThat(n.has("charts/vote/label_accuracy")).isTrue();
      // the trained reward is the mean twin vote
      assertThat(n.get("charts/reward").asDouble()).isEqualTo(n.get("charts/vote/twin_reward").asDouble());
      assertThat(n.get("reward/twin.vote").asDouble()).isEqualTo(n.get("charts/vote/twin_reward").asDouble());
    }
    assertThat(rl).isEqualTo(4);
    // the written config says pairAnalogues; a run without it does not mention it
    assertThat(Files.readString(a.resolve("manifest.json"))).contains("pairAnalogues");
    assertThat(Configs.toYaml(GrpoConfig.defaults())).doesNotContain("pairAnalogues");
  }

  @Test
  void badPairingGetsOneClearMessage() {
    assertThatThrownBy(() -> ExperimentSpecs.read(PAIRED.replace("promptsPerStep: 4", "promptsPerStep: 3")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("promptsPerStep").hasMessageContaining("even");
    ExperimentSpec sort = ExperimentSpecs.read(PAIRED.replace("{type: arith, digits: [2], ops: [add], answerFormat: fixed_width}",
        "{type: sort}"));
    assertThatThrownBy(() -> Algorithms.of(sort).validate(sort, EnvRegistry.standard()))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.pairAnalogues").hasMessageContaining("sort");
  }
}
