package org.rewardlab.algos.rm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rewardlab.core.data.PreferencePair;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.text.LabeledPair;
import org.rewardlab.envs.text.PrefConfig;
import org.rewardlab.envs.text.PrefTask;

/**
 * {@code rewardlab bench rm}: reward-model training throughput (pairs per second, chosen and rejected both scored
 * forward and backward) and scoring throughput (responses per second, no gradients) for the feature model and a
 * TinyGpt model, on T-PREF pairs. Each number is the best of {@code repeats} timed runs after one untimed run.
 */
public final class RmBenchmarks {
  private RmBenchmarks() {}

  /** One measured model. */
  public record Row(String model, long parameters, double trainPairsPerSecond, double scoresPerSecond) {}

  /** Rows in a markdown table. */
  public static String table(List<Row> rows, int pairs) {
    StringBuilder sb = new StringBuilder();
    sb.append("| reward model (T-PREF, ").append(pairs).append(" pairs, batch 32) | parameters | training pairs/s |"
        + " scoring responses/s |\n|---|---:|---:|---:|\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %,.0f |%n", r.model(), r.parameters(),
          r.trainPairsPerSecond(), r.scoresPerSecond()));
    }
    return sb.toString();
  }

  /** Measures the feature model and a TinyGpt model (1 layer, d 32, 2 heads; and 2 layers, d 64, 4 heads). */
  public static List<Row> run(int pairs, int repeats) {
    PrefTask task = new PrefTask(PrefConfig.defaults());
    List<PreferencePair> data = new ArrayList<>();
    for (LabeledPair p : task.labeledPairs(pairs, RandomSource.of(1))) {
      data.add(PreferencePair.of(p.problem().prompt(), p.chosen(), p.rejected()));
    }
    List<RmPair> rp = RmPair.of(data);
    List<RmInput> responses = new ArrayList<>();
    for (RmPair p : rp) {
      responses.add(p.chosen());
      responses.add(p.rejected());
    }
    RmConfig base = RmConfig.defaults().withTraining(1, 32, 1e-3).withContextLength(16);
    List<Row> rows = new ArrayList<>();
    rows.add(measure("feature (256 hashed n-grams, MLP 64)", base, rp, responses, repeats));
    rows.add(measure("TinyGpt 1 layer, d 32, 2 heads", base.withModel("tinygpt").withGpt(1, 32, 2), rp, responses, repeats));
    rows.add(measure("TinyGpt 2 layers, d 64, 4 heads", base.withModel("tinygpt").withGpt(2, 64, 4), rp, responses, repeats));
    return rows;
  }

  private static Row measure(String name, RmConfig cfg, List<RmPair> pairs, List<RmInput> responses, int repeats) {
    String alphabet = TrainedRewardModel.alphabetOf(pairs);
    double bestTrain = 0;
    double bestScore = 0;
    long params = 0;
    for (int r = 0; r <= repeats; r++) {
      try (TrainedRewardModel m = TrainedRewardModel.create(cfg, alphabet, 0, RandomSource.of(r))) {
        params = 0;
        for (var p : m.members().get(0).parameters()) params += p.size();
        long t0 = System.nanoTime();
        m.train(pairs, RandomSource.of(r));
        double train = pairs.size() / ((System.nanoTime() - t0) / 1e9);
        long t1 = System.nanoTime();
        m.score(responses);
        double score = responses.size() / ((System.nanoTime() - t1) / 1e9);
        if (r > 0) {
          bestTrain = Math.max(bestTrain, train);
          bestScore = Math.max(bestScore, score);
        }
      }
    }
    return new Row(name, params, bestTrain, bestScore);
  }
}
