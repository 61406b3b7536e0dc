package org.rewardlab.algos.rm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.data.PreferencePair;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.reward.RewardBuildContext;
import org.rewardlab.reward.RewardSpecs;
import org.rewardlab.reward.RewardWrappedEnv;
import org.rewardlab.reward.spec.RewardSpec;

/** A trained reward model is a reward term by path: on transitions (vectors) and on completions (text). */
class RewardModelTermTest {
  public record Holder(RewardSpec reward) {}

  @Test
  void aVectorModelScoresCartPoleObservations(@TempDir Path dir) {
    // gold: keep the pole upright (small |angle|, obs[2])
    RandomSource rng = RandomSource.of(1);
    List<RmPair> pairs = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      float[] a = new float[4];
      float[] b = new float[4];
      for (int k = 0; k < 4; k++) {
        a[k] = (float) rng.uniform(-0.2, 0.2);
        b[k] = (float) rng.uniform(-0.2, 0.2);
      }
      boolean aBetter = Math.abs(a[2]) < Math.abs(b[2]);
      pairs.add(RmPair.of(RmInput.vector(aBetter ? a : b), RmInput.vector(aBetter ? b : a)));
    }
    Path f = dir.resolve("pole.rm");
    try (TrainedRewardModel m = RewardModels.train(pairs, RmConfig.defaults().withTraining(8, 32, 3e-3), 1, "mem").model()) {
      m.save(f);
    }
    String yaml = "reward: {type: weighted, terms: [{reward: {type: env}}, "
        + "{weight: 0.5, reward: {type: reward_model, path: '" + f + "', standardize: true}}]}";
    RewardSpec spec = Configs.read(yaml, Holder.class, List.of()).reward();
    RewardFn<FlatTransition> fn = RewardSpecs.build(spec, EnvRegistry.make("CartPole-v1"), new RewardBuildContext(0.99));
    assertThat(fn.termNames()).containsExactly("env", "rm");
    FlatTransition t = new FlatTransition(4, 1);
    float[] upright = {0, 0, 0, 0};
    float[] tilted = {0, 0, 0.19f, 0};
    double[] terms = new double[2];
    fn.evaluate(t.set(upright, 0, new float[] {0}, 0, 1.0, upright, 0, false, false), terms);
    double up = terms[1];
    fn.evaluate(t.set(tilted, 0, new float[] {0}, 0, 1.0, tilted, 0, false, false), terms);
    assertThat(up).isGreaterThan(terms[1]);
    // the wrapped env runs with it
    new RewardWrappedEnv(EnvRegistry.make("CartPole-v1"), spec, new RewardBuildContext(0.99)).close();

    RewardSpec wrongInput = Configs.read("reward: {type: reward_model, path: '" + f + "', input: obs_action}",
        Holder.class, List.of()).reward();
    assertThatThrownBy(() -> RewardSpecs.build(wrongInput, EnvRegistry.make("CartPole-v1"), new RewardBuildContext(0.99)))
        .isInstanceOf(UserInputException.class).hasMessageContaining("gives 5 numbers");
    RewardSpec missing = Configs.read("reward: {type: reward_model, path: nowhere.rm}", Holder.class, List.of()).reward();
    assertThatThrownBy(() -> RewardSpecs.build(missing, EnvRegistry.make("CartPole-v1"), new RewardBuildContext(0.99)))
        .isInstanceOf(UserInputException.class).hasMessageContaining("does not exist").hasMessageContaining("rm train");
  }

  record Done(String promptText, String completionText) implements ScoredCompletion {
    public int length() {
      return completionText.length();
    }

    public boolean finished() {
      return true;
    }

    public boolean correct() {
      return false;
    }

    public boolean wellFormed() {
      return true;
    }

    public double score() {
      return 0;
    }
  }

  @Test
  void aTextModelScoresCompletions(@TempDir Path dir) {
    List<PreferencePair> data = new ArrayList<>();
    for (int i = 0; i < 200; i++) data.add(PreferencePair.of("a:", "a".repeat(1 + i % 3) + "b", "bcbc".substring(0, 1 + i % 4)));
    Path f = dir.resolve("t.rm");
    double direct;
    try (TrainedRewardModel m = RewardModels.train(RmPair.of(data), RmConfig.defaults(), 2, "mem").model()) {
      m.save(f);
      direct = m.score("a:", "aab");
    }
    RewardSpec spec = Configs.read("reward: {type: reward_model, path: '" + f + "', weight: 2}", Holder.class, List.of())
        .reward();
    RewardFn<Done> fn = RewardSpecs.buildForCompletions(spec);
    double[] terms = new double[1];
    assertThat(fn.evaluate(new Done("a:", "aab"), terms)).isCloseTo(2 * direct, within(1e-12));
  }
}
