package org.rewardlab.algos.rm;

import java.util.List;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

/**
 * Training a reward model from a dataset in one call, refusing data it cannot learn from: no pairs, only
 * ties (one class: nothing says which response is better), mixed text and vectors, inputs longer than a
 * TinyGpt model's context.
 */
public final class RewardModels {
  private RewardModels() {}

  /** A trained model and what training did. */
  public record Trained(TrainedRewardModel model, List<RmTrainer.Report> reports) {}

  /** Checks {@code pairs} from {@code source} (a file name) for what training needs. */
  public static void validate(List<RmPair> pairs, String source) {
    if (pairs.isEmpty()) {
      throw new UserInputException(source, "has no preference pairs", "give at least one line with chosen and rejected");
    }
    int ties = 0;
    for (RmPair p : pairs) if (p.tie()) ties++;
    if (ties == pairs.size()) {
      throw new UserInputException(source, "has one class only: all " + pairs.size()
          + " pairs are ties, so nothing says which response is better",
          "add pairs where one response is preferred (drop \"tie\": true from them)");
    }
    boolean vectors = pairs.get(0).chosen().features() != null;
    for (int i = 0; i < pairs.size(); i++) {
      RmPair p = pairs.get(i);
      if ((p.chosen().features() != null) != vectors || (p.rejected().features() != null) != vectors) {
        throw new UserInputException(source + ": pair " + (i + 1), "mixes text and feature-vector inputs",
            "use one kind of input for the whole dataset");
      }
    }
  }

  /** Validates, builds a model for the data, checks every input fits it, and trains it. */
  public static Trained train(List<RmPair> pairs, RmConfig cfg, long seed, String source) {
    validate(pairs, source);
    float[] v = pairs.get(0).chosen().features();
    int dim = v == null ? 0 : v.length;
    RandomSource root = RandomSource.of(seed);
    TrainedRewardModel m = TrainedRewardModel.create(cfg, dim > 0 ? "" : TrainedRewardModel.alphabetOf(pairs), dim,
        root.derive("rm.init"));
    try {
      m.checkAll(pairs, source);
      return new Trained(m, m.train(pairs, root));
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }
}
