package org.rewardlab.algos.lm.grpo;

import java.util.Objects;
import org.rewardlab.algos.loop.AdvantageEstimator;
import org.rewardlab.algos.loop.AdvantageInput;
import org.rewardlab.core.UserInputException;

/**
 * GRPO's group-relative advantage (DeepSeekMath; TRL {@code GRPOTrainer}, verl
 * {@code compute_grpo_outcome_advantage}): Â_i = (r_i - mean_g r) / (σ + ε) for completion i of prompt group g,
 * one scalar per completion broadcast over its tokens. σ is the unbiased (Bessel, n-1) std of the group, of the
 * whole batch, or 1 (no scaling), per {@link GroupAdvantageConfig#scaling()}; the edge cases (unscorable rewards,
 * groups of one) follow {@link GroupAdvantageConfig#convention()}.
 *
 * <p>Groups are given by id per completion (verl's {@code index}); their rows need not be adjacent. Immutable and
 * thread-safe.
 */
public final class GroupRelativeAdvantage implements AdvantageEstimator {
  /** TRL's {@code torch.isclose(std, 0)} tolerance (atol; rtol times 0 adds nothing). */
  static final double ZERO_STD_ATOL = 1e-8;

  private final GroupAdvantageConfig config;

  public GroupRelativeAdvantage(GroupAdvantageConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public GroupAdvantageConfig config() {
    return config;
  }

  /**
   * Advantages of completions with rewards {@code rewards[i]} in prompt groups {@code groups[i]}.
   *
   * @throws UserInputException if the arrays differ in length, or a reward is NaN under the verl convention
   */
  public GroupAdvantages compute(double[] rewards, int[] groups) {
    checkShapes(rewards, groups);
    return config.convention() == PeerConvention.TRL ? trl(rewards, GroupIndex.of(groups))
        : verl(rewards, GroupIndex.of(groups));
  }

  private GroupAdvantages trl(double[] r, GroupIndex index) {
    int n = r.length;
    double[] mean = new double[n];
    double[] std = new double[n];
    double[] adv = new double[n];
    boolean[] zero = new boolean[n];
    double batchStd = n > 1 ? nanStd(r, allRows(n)) : 0.0;
    int zeroGroups = 0;
    for (int g = 0; g < index.groups(); g++) {
      int[] rows = index.members(g);
      double mu = nanMean(r, rows);
      // TRL: nanstd of the group when num_generations > 1, else zeros (std then only matters for logging)
      double groupStd = rows.length > 1 ? nanStd(r, rows) : 0.0;
      if (allEqual(r, rows)) zeroGroups++;
      for (int i : rows) {
        mean[i] = mu;
        std[i] = config.scaling() == RewardScaling.BATCH ? batchStd : groupStd;
      }
    }
    for (int i = 0; i < n; i++) {
      double a = r[i] - mean[i];
      if (config.scaling() != RewardScaling.NONE) a = a / (std[i] + config.epsilon());
      adv[i] = Double.isNaN(a) ? 0.0 : a; // torch.nan_to_num(advantages, nan=0.0)
      zero[i] = Math.abs(std[i]) <= ZERO_STD_ATOL;
    }
    return new GroupAdvantages(adv, mean, std, zero, index.groups() == 0 ? 0 : (double) zeroGroups / index.groups());
  }

  private GroupAdvantages verl(double[] r, GroupIndex index) {
    int n = r.length;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(r[i])) {
        throw new UserInputException("rewards[" + i + "]", "reward is NaN",
            "make the reward function return a number, or use the TRL convention (unscorable completions get"
                + " advantage 0)");
      }
    }
    double[] mean = new double[n];
    double[] std = new double[n];
    double[] adv = new double[n];
    boolean[] zero = new boolean[n];
    int zeroGroups = 0;
    for (int g = 0; g < index.groups(); g++) {
      int[] rows = index.members(g);
      double mu;
      double sigma;
      if (rows.length == 1) {
        mu = 0.0;
        sigma = 1.0;
      } else {
        mu = mean(r, rows);
        sigma = torchStd(r, rows, mu);
      }
      if (allEqual(r, rows)) zeroGroups++;
      for (int i : rows) {
        mean[i] = mu;
        std[i] = sigma;
      }
    }
    for (int i = 0; i < n; i++) {
      adv[i] = config.scaling() == RewardScaling.GROUP ? (r[i] - mean[i]) / (std[i] + config.epsilon())
          : r[i] - mean[i];
      zero[i] = Math.abs(std[i]) <= ZERO_STD_ATOL;
    }
    return new GroupAdvantages(adv, mean, std, zero, index.groups() == 0 ? 0 : (double) zeroGroups / index.groups());
  }

  /**
   * As an {@link AdvantageEstimator} over outcome rewards: the score of completion i is the sum of its rewards over
   * the T steps (verl sums token-level rewards; with T = 1 it is the reward), grouped by {@code input.groups()};
   * the advantage is written at every step of the completion and the return equals the advantage (verl returns
   * the same tensor twice).
   */
  @Override
  public void estimate(AdvantageInput input, float[] advantages, float[] returns) {
    double[] scores = scores(input);
    double[] a = compute(scores, requireGroups(input)).advantages();
    broadcast(input, a, advantages, returns);
  }

  static double[] scores(AdvantageInput input) {
    int n = input.numEnvs();
    double[] s = new double[n];
    for (int t = 0; t < input.numSteps(); t++) {
      for (int i = 0; i < n; i++) s[i] += input.rewards()[t * n + i];
    }
    return s;
  }

  static int[] requireGroups(AdvantageInput input) {
    if (input.groups() == null) {
      throw new UserInputException("advantage input", "group-relative advantages need a group id per completion",
          "pass the prompt index of every completion as groups");
    }
    return java.util.Arrays.copyOf(input.groups(), input.numEnvs());
  }

  static void broadcast(AdvantageInput input, double[] a, float[] advantages, float[] returns) {
    int n = input.numEnvs();
    for (int t = 0; t < input.numSteps(); t++) {
      for (int i = 0; i < n; i++) {
        advantages[t * n + i] = (float) a[i];
        returns[t * n + i] = (float) a[i];
      }
    }
  }

  static void checkShapes(double[] rewards, int[] groups) {
    Objects.requireNonNull(rewards, "rewards");
    Objects.requireNonNull(groups, "groups");
    if (rewards.length != groups.length) {
      throw new UserInputException("groups", groups.length + " group ids for " + rewards.length + " rewards",
          "give one prompt id per completion");
    }
  }

  private static int[] allRows(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) rows[i] = i;
    return rows;
  }

  static boolean allEqual(double[] r, int[] rows) {
    for (int i : rows) if (Double.compare(r[i], r[rows[0]]) != 0) return false;
    return true;
  }

  /** {@code torch.mean}: sum / n. */
  static double mean(double[] r, int[] rows) {
    double s = 0;
    for (int i : rows) s += r[i];
    return s / rows.length;
  }

  /** {@code torch.std} (unbiased): sqrt(sum (r - mean)^2 / (n - 1)). */
  static double torchStd(double[] r, int[] rows, double mean) {
    double ss = 0;
    for (int i : rows) {
      double d = r[i] - mean;
      ss += d * d;
    }
    return Math.sqrt(ss / (rows.length - 1));
  }

  /** {@code torch.nanmean}: mean of the non-NaN values, NaN if there are none. */
  static double nanMean(double[] r, int[] rows) {
    double s = 0;
    int c = 0;
    for (int i : rows) {
      if (!Double.isNaN(r[i])) {
        s += r[i];
        c++;
      }
    }
    return c == 0 ? Double.NaN : s / c;
  }

  /**
   * TRL's {@code nanstd}: sqrt(nanmean((r - nanmean)^2) * c / (c - 1)) over the c non-NaN values; NaN when c ≤ 1.
   */
  static double nanStd(double[] r, int[] rows) {
    double mu = nanMean(r, rows);
    double ss = 0;
    int c = 0;
    for (int i : rows) {
      if (!Double.isNaN(r[i])) {
        double d = r[i] - mu;
        ss += d * d;
        c++;
      }
    }
    if (c <= 1) return Double.NaN;
    double variance = ss / c;
    variance *= (double) c / (c - 1);
    return Math.sqrt(variance);
  }
}
