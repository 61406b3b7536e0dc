package org.rewardlab.algos.rm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.data.PreferencePair;
import org.rewardlab.core.data.Text;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.text.LabeledPair;
import org.rewardlab.envs.text.PrefConfig;
import org.rewardlab.envs.text.PrefProblem;
import org.rewardlab.envs.text.PrefTask;

/** Reward models learn T-PREF's gold utility from Bradley–Terry labels. */
class RewardModelTrainingTest {
  static final PrefTask TASK = new PrefTask(new PrefConfig("abcd", 1, 8, 3, 1.0, 1.0, 0.5, 2.0));

  static List<PreferencePair> pairs(int n, long seed) {
    List<PreferencePair> out = new ArrayList<>();
    for (LabeledPair p : TASK.labeledPairs(n, RandomSource.of(seed))) {
      PreferencePair q = PreferencePair.of(p.problem().prompt(), p.chosen(), p.rejected());
      out.add(p.problem().key().equals("a") ? q.withCategory("a") : q.withCategory("other"));
    }
    return out;
  }

  static double gold(RmInput in) {
    return TASK.utility(in.prompt().charAt(0), in.response());
  }

  @Test
  void aFeatureModelLearnsTheGoldOrderAndRoundTripsThroughItsFile(@TempDir Path dir) {
    List<RmPair> train = RmPair.of(pairs(1500, 1));
    List<RmPair> test = RmPair.of(pairs(400, 2));
    RmConfig cfg = RmConfig.defaults().withTraining(6, 32, 3e-3);
    RewardModels.Trained t = RewardModels.train(train, cfg, 7, "train");
    try (TrainedRewardModel m = t.model()) {
      RmTrainer.Report rep = t.reports().get(0);
      assertThat(rep.finalLoss()).isLessThan(rep.losses()[0]);
      RmEvaluation.Report ev = RmEvaluation.evaluate(m, test);
      // the labeller itself is noisy (scale 2): its own accuracy against gold is about 0.8
      assertThat(ev.accuracy()).isGreaterThan(0.7);
      assertThat(ev.byCategory()).containsKeys("a", "other");

      List<RmInput> responses = new ArrayList<>();
      for (RmPair p : test) responses.add(p.chosen());
      double[] rm = m.score(responses);
      double[] g = responses.stream().mapToDouble(RewardModelTrainingTest::gold).toArray();
      assertThat(RmEvaluation.spearman(rm, g)).isGreaterThan(0.6);

      // best-of-8 with the model beats a random pick in gold reward
      RandomSource rng = RandomSource.of(11);
      double[][] rmS = new double[50][8];
      double[][] goldS = new double[50][8];
      for (int i = 0; i < 50; i++) {
        PrefProblem p = TASK.sample(rng);
        List<RmInput> cands = new ArrayList<>();
        for (int j = 0; j < 8; j++) cands.add(RmInput.text(p.prompt(), TASK.randomResponse(rng)));
        rmS[i] = m.score(cands);
        for (int j = 0; j < 8; j++) goldS[i][j] = gold(cands.get(j));
      }
      RmEvaluation.BestOfN bon = RmEvaluation.bestOfN(rmS, goldS);
      assertThat(bon.picked()).isGreaterThan(bon.random() + 0.5);

      Path f = dir.resolve("m.rm");
      m.save(f);
      try (TrainedRewardModel back = TrainedRewardModel.load(f)) {
        assertThat(back.score(responses)).containsExactly(rm);
        assertThat(back.trainStd()).isEqualTo(m.trainStd());
      }
      // same seed, same model
      try (TrainedRewardModel again = RewardModels.train(train, cfg, 7, "train").model()) {
        assertThat(again.score(responses)).containsExactly(rm);
      }
    }
  }

  @Test
  void anEnsembleDisagreesAndCenteringPullsRewardsToZero() {
    List<RmPair> train = RmPair.of(pairs(300, 3));
    RmConfig cfg = RmConfig.defaults().withTraining(3, 32, 3e-3).withEnsemble(3);
    try (TrainedRewardModel m = RewardModels.train(train, cfg, 1, "train").model();
        TrainedRewardModel centered = RewardModels.train(train, cfg.withEnsemble(1).withCenterCoef(1.0), 1, "t").model();
        TrainedRewardModel free = RewardModels.train(train, cfg.withEnsemble(1), 1, "t").model()) {
      List<RmInput> xs = List.of(RmInput.text("a:", "aaaaaaaa"), RmInput.text("b:", "bcb"));
      double[] d = m.disagreement(xs);
      assertThat(d[0]).isGreaterThan(0);
      assertThat(Math.abs(centered.trainMean())).isLessThan(Math.abs(free.trainMean()) + 1e-9);
      assertThat(Math.abs(centered.trainMean())).isLessThan(0.5);
    }
  }

  @Test
  void aTinyGptModelTrainsAndRefusesInputsLongerThanItsContext(@TempDir Path dir) {
    List<RmPair> train = RmPair.of(pairs(256, 4));
    RmConfig cfg = RmConfig.defaults().withModel("tinygpt").withGpt(1, 16, 2).withContextLength(16)
        .withTraining(2, 32, 3e-3);
    try (TrainedRewardModel m = RewardModels.train(train, cfg, 3, "train").model()) {
      assertThat(m.members().get(0)).isInstanceOf(GptRewardModel.class);
      double[] s = m.score(List.of(train.get(0).chosen(), train.get(0).rejected()));
      Path f = dir.resolve("g.rm");
      m.save(f);
      try (TrainedRewardModel back = TrainedRewardModel.load(f)) {
        assertThat(back.score(List.of(train.get(0).chosen(), train.get(0).rejected()))).containsExactly(s);
      }
    }
    List<RmPair> tooLong = RmPair.of(List.of(PreferencePair.of("a:", "abcdabcdabcdabcd", "ab")));
    assertThatThrownBy(() -> RewardModels.train(tooLong, cfg, 3, "long.jsonl"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("long.jsonl: pair 1 (chosen)")
        .hasMessageContaining("longer than the model's context of 16")
        .hasMessageContaining("--context");
  }

  @Test
  void dataWithOnlyTiesIsRefused() {
    List<RmPair> ties = RmPair.of(List.of(
        PreferencePair.tie(Text.plain("a:"), Text.plain("ab"), Text.plain("ba")),
        PreferencePair.tie(Text.plain("b:"), Text.plain("bb"), Text.plain("cb"))));
    assertThatThrownBy(() -> RewardModels.train(ties, RmConfig.defaults(), 1, "ties.jsonl"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("ties.jsonl: has one class only")
        .hasMessageContaining("add pairs where one response is preferred");
  }
}
