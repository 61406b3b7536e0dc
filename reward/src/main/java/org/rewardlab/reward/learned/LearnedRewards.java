package org.rewardlab.reward.learned;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;

/** Builds {@code reward_model} terms: loads the file through the registered loader. Stateless. */
public final class LearnedRewards {
  private LearnedRewards() {}

  /** Loads the model at {@code path}; {@code where} names the spec's {@code path} key in messages. */
  public static LearnedReward load(String path, String where) {
    Path file = Path.of(path);
    if (!Files.isRegularFile(file)) {
      throw new UserInputException(where, "reward model file '" + path + "' does not exist",
          "train one with `rewardlab rm train DATA.jsonl --out " + path + "`, or fix the path");
    }
    for (LearnedRewardLoader l : ServiceLoader.load(LearnedRewardLoader.class)) return l.load(file);
    throw new UserInputException(where, "no reward-model loader is on the class path",
        "run with the algos module (the rewardlab CLI has it)");
  }

  /** A transition term: the model reads the observation, the next observation, or the observation and action. */
  public static RewardFn<FlatTransition> forTransitions(String name, LearnedReward model, String input, double weight,
      boolean standardize, int obsSize, int actionSize, String where) {
    int need = input.equals("obs_action") ? obsSize + actionSize : obsSize;
    if (model.readsText() || model.inputSize() != need) {
      throw new UserInputException(where, "the reward model reads "
          + (model.readsText() ? "text" : "vectors of " + model.inputSize() + " numbers") + ", and `input: " + input
          + "` gives " + need + " numbers", "train the model on this env's " + input + " vectors, or change `input`");
    }
    double mu = standardize ? model.mean() : 0;
    double sd = standardize ? model.std() : 1;
    List<String> names = List.of(name);
    float[] buf = new float[need];
    return new RewardFn<>() {
      @Override
      public List<String> termNames() {
        return names;
      }

      @Override
      public double evaluate(FlatTransition t, double[] termsOut) {
        for (int i = 0; i < obsSize; i++) buf[i] = input.equals("next_obs") ? t.nextObs(i) : t.obs(i);
        if (input.equals("obs_action")) for (int i = 0; i < actionSize; i++) buf[obsSize + i] = t.action(i);
        double r = weight * (model.score(buf, 0) - mu) / sd;
        termsOut[0] = r;
        return r;
      }
    };
  }

  /** A completion term: the model reads the completion's prompt and text. */
  public static RewardFn<ScoredCompletion> forCompletions(String name, LearnedReward model, double weight,
      boolean standardize, String where) {
    if (!model.readsText()) {
      throw new UserInputException(where, "the reward model reads feature vectors, and completions are text",
          "train a text reward model (rm train on prompt / chosen / rejected text)");
    }
    double mu = standardize ? model.mean() : 0;
    double sd = standardize ? model.std() : 1;
    List<String> names = List.of(name);
    return new RewardFn<>() {
      @Override
      public List<String> termNames() {
        return names;
      }

      @Override
      public double evaluate(ScoredCompletion c, double[] termsOut) {
        String y = c.completionText();
        if (y == null) {
          throw new IllegalStateException("reward term '" + name + "' needs the completion's text, and " + c
              + " carries none (ScoredCompletion.completionText)");
        }
        String p = c.promptText() == null ? "" : c.promptText();
        double r = weight * (model.score(p, y) - mu) / sd;
        termsOut[0] = r;
        return r;
      }
    };
  }
}
