package org.rewardlab.algos.lm.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rewardlab.algos.lm.grpo.GroupAdvantageConfig;
import org.rewardlab.algos.lm.grpo.GroupAdvantages;
import org.rewardlab.algos.lm.grpo.GroupRelativeAdvantage;
import org.rewardlab.algos.lm.grpo.GrpoLoss;
import org.rewardlab.algos.lm.grpo.GrpoLossConfig;
import org.rewardlab.algos.lm.grpo.KlEstimator;
import org.rewardlab.algos.lm.grpo.LossAggregation;
import org.rewardlab.algos.lm.grpo.LossResult;
import org.rewardlab.algos.lm.grpo.PeerConvention;
import org.rewardlab.algos.lm.grpo.PolicyMetrics;
import org.rewardlab.algos.lm.grpo.RewardScaling;
import org.rewardlab.algos.lm.grpo.TokenBatch;

/**
 * {@code golden/llm/grpo_cases.json}: TRL's and verl's GRPO advantages, KL estimators, per-token and aggregated
 * losses, metrics and gradients (schema in the golden README). Every quantity is recomputed with
 * {@link GroupRelativeAdvantage} and {@link GrpoLoss}; the recorded settings {@code policy.advantages_used} (which
 * advantages the losses use) and {@code policy.verl.clip_ratio_c} (verl's dual-clip constant) are read as inputs.
 * Aggregation keys are TRL {@code loss_type}s or verl {@code loss_agg_mode}s, a verl mode optionally suffixed
 * {@code @<input>} to use that input as {@code loss_scale_factor}.
 */
final class GrpoCases implements CaseKind {
  private static final Set<String> METADATA =
      Set.of("name", "num_generations", "num_prompts", "batch_size", "padded_length", "row_layout", "inputs");

  @Override
  public String id() {
    return "grpo";
  }

  @Override
  public String description() {
    return "TRL/verl GRPO advantages, KL, losses, metrics, gradients";
  }

  @Override
  public boolean recognizesScript(String script) {
    return script.startsWith("grpo_golden");
  }

  @Override
  public boolean recognizesCase(JsonNode c) {
    return c.path("policy").has("trl") && c.has("advantages");
  }

  @Override
  public Set<String> metadataKeys() {
    return METADATA;
  }

  @Override
  public boolean isSetting(List<String> keys) {
    return keys.equals(List.of("policy", "advantages_used")) || keys.equals(List.of("policy", "verl", "clip_ratio_c"));
  }

  @Override
  public Computation prepare(CaseReader in) {
    return new Case(in);
  }

  private static final class Case implements Computation {
    final CaseReader in;
    final int rows;
    final int width;
    final int[] groups;
    final double[] rewards;
    final int[] lengths;
    final double[] mask;
    final double[] logp;
    final double[] old;
    final double[] ref;
    final int maxLen;
    final double epsLow;
    final double epsHigh;
    final double beta;
    final double clipC;
    final String advantagesUsed;
    final Map<String, Object> cache = new HashMap<>();

    Case(CaseReader in) {
      this.in = in;
      rewards = in.vector("inputs.rewards", -1);
      rows = rewards.length;
      if (in.has("batch_size") && in.integer("batch_size") != rows) {
        throw in.error("batch_size", "is " + in.integer("batch_size") + " but inputs.rewards has " + rows + " entries",
            "make them agree");
      }
      groups = in.integers("inputs.group_ids", rows);
      lengths = in.integers("inputs.completion_lengths", rows);
      width = in.width("inputs.response_mask");
      if (in.has("padded_length") && in.integer("padded_length") != width) {
        throw in.error("padded_length", "is " + in.integer("padded_length") + " but inputs.response_mask rows have "
            + width + " entries", "make them agree");
      }
      mask = in.matrix("inputs.response_mask", rows, width);
      for (int b = 0; b < rows; b++) {
        for (int t = 0; t < width; t++) {
          double expected = t < lengths[b] ? 1.0 : 0.0;
          if (mask[b * width + t] != expected) {
            throw in.error("inputs.response_mask[" + b + "][" + t + "]", "is " + mask[b * width + t]
                + " but completion_lengths[" + b + "] = " + lengths[b], "the mask is 1 on the first completion_lengths[i] positions");
          }
        }
      }
      logp = in.matrix("inputs.logp_new", rows, width);
      old = in.matrix("inputs.logp_old", rows, width);
      ref = in.matrix("inputs.logp_ref", rows, width);
      maxLen = in.integer("inputs.max_completion_length");
      epsLow = in.number("inputs.epsilon_low");
      epsHigh = in.number("inputs.epsilon_high");
      beta = in.number("inputs.beta");
      clipC = in.number("policy.verl.clip_ratio_c", 3.0);
      advantagesUsed = in.has("policy.advantages_used") ? in.text("policy.advantages_used")
          : "advantages.trl.group.advantages";
    }

    @SuppressWarnings("unchecked")
    private <T> T memo(String key, java.util.function.Supplier<T> f) {
      Object v = cache.get(key);
      if (v == null) {
        v = f.get();
        cache.put(key, v);
      }
      return (T) v;
    }

    @Override
    public Quantity compute(List<String> k) {
      String head = k.get(0);
      return switch (head) {
        case "advantages" -> advantages(k);
        case "zero_std" -> zeroStd(k);
        case "kl" -> k.size() == 2 ? kl(k.get(1)) : null;
        case "policy" -> policy(k);
        default -> null;
      };
    }

    private GroupAdvantages trlAdvantages(String scaling) {
      return memo("trl-adv-" + scaling, () -> new GroupRelativeAdvantage(
          GroupAdvantageConfig.trl(RewardScaling.fromName(scaling))).compute(rewards, groups));
    }

    private GroupAdvantages verlAdvantages(boolean norm) {
      return memo("verl-adv-" + norm,
          () -> new GroupRelativeAdvantage(GroupAdvantageConfig.verl(norm)).compute(rewards, groups));
    }

    private Quantity advantages(List<String> k) {
      if (k.size() == 4 && k.get(1).equals("trl")) {
        GroupAdvantages a = trlAdvantages(k.get(2));
        return switch (k.get(3)) {
          case "advantages" -> Quantity.vector(a.advantages());
          case "std" -> Quantity.vector(a.std());
          case "group_mean" -> Quantity.vector(a.groupMean());
          default -> null;
        };
      }
      if (k.size() == 4 && k.get(1).equals("verl_grpo")) {
        boolean norm = switch (k.get(2)) {
          case "norm_adv_by_std_true" -> true;
          case "norm_adv_by_std_false" -> false;
          default -> throw in.error(String.join(".", k), "unknown verl GRPO setting '" + k.get(2) + "'",
              "use norm_adv_by_std_true or norm_adv_by_std_false");
        };
        double[] a = verlAdvantages(norm).advantages();
        return switch (k.get(3)) {
          case "per_sequence" -> Quantity.vector(a);
          case "tokens" -> Quantity.matrix(TokenBatch.broadcastMasked(a, mask, width), rows, width);
          default -> null;
        };
      }
      return null;
    }

    private Quantity zeroStd(List<String> k) {
      if (k.equals(List.of("zero_std", "frac_groups_zero_std"))) {
        return Quantity.scalar(trlAdvantages("group").fracGroupsZeroStd());
      }
      if (k.size() == 3 && k.get(1).equals("trl_frac_reward_zero_std")) {
        return Quantity.scalar(trlAdvantages(k.get(2)).fracRewardZeroStd());
      }
      return null;
    }

    private Quantity kl(String name) {
      KlEstimator e = switch (name) {
        case "k1" -> KlEstimator.K1;
        case "k2" -> KlEstimator.K2;
        case "k3" -> KlEstimator.K3;
        case "k3_verl_low_var_kl" -> KlEstimator.LOW_VAR_KL;
        default -> null;
      };
      if (e == null) return null;
      return Quantity.matrix(perTokenKl(e), rows, width);
    }

    private double[] perTokenKl(KlEstimator e) {
      double[] out = new double[rows * width];
      for (int i = 0; i < out.length; i++) out[i] = e.value(logp[i], ref[i]);
      return out;
    }

    /** The per-row advantages named by {@code policy.advantages_used}. */
    private double[] usedAdvantages() {
      return memo("used", () -> {
        Quantity q = compute(List.of(advantagesUsed.split("\\.")));
        if (q == null || q.shape().length != 1 || q.shape()[0] != rows) {
          throw in.error("policy.advantages_used", "'" + advantagesUsed + "' does not name a per-completion advantage"
              + " vector of this case", "name one, e.g. advantages.trl.group.advantages");
        }
        return q.values();
      });
    }

    private TokenBatch trlBatch() {
      return new TokenBatch(rows, width, logp, old, ref, mask, TokenBatch.broadcast(usedAdvantages(), width), null);
    }

    private TokenBatch verlBatch() {
      return new TokenBatch(rows, width, logp, old, ref, mask,
          TokenBatch.broadcastMasked(usedAdvantages(), mask, width), null);
    }

    private LossResult trl(String lossType, boolean withKl) {
      return memo("trl-" + lossType + "-" + withKl, () -> {
        LossAggregation agg = LossAggregation.fromName(lossType);
        if (agg.peer() != PeerConvention.TRL) {
          throw in.error("policy.trl." + lossType, "'" + lossType + "' is not a TRL loss_type", "use grpo, bnpo, dr_grpo or dapo");
        }
        GrpoLossConfig c = GrpoLossConfig.trl(agg).withEpsilons(epsLow, epsHigh).withMaxCompletionLength(maxLen)
            .withKl(withKl ? beta : 0.0, KlEstimator.K3, false);
        return new GrpoLoss(c).compute(trlBatch());
      });
    }

    /** A verl mode name, optionally {@code mode@input}: the input's value is verl's loss_scale_factor. */
    private LossAggregation verlMode(String key) {
      LossAggregation agg = LossAggregation.fromName(key.contains("@") ? key.substring(0, key.indexOf('@')) : key);
      if (agg.peer() != PeerConvention.VERL) {
        throw in.error("policy.verl", "'" + key + "' is not a verl loss_agg_mode", "use token-mean, seq-mean-token-sum, "
            + "seq-mean-token-mean or seq-mean-token-sum-norm");
      }
      return agg;
    }

    private Double scaleFactor(String key) {
      return key.contains("@") ? in.number("inputs." + key.substring(key.indexOf('@') + 1)) : null;
    }

    private LossResult verl(String modeKey) {
      return memo("verl-" + modeKey, () -> {
        GrpoLossConfig c = GrpoLossConfig.verlDefaults().withEpsilons(epsLow, epsHigh).withDualClip(clipC, 20.0)
            .withAggregation(verlMode(modeKey)).withMaxCompletionLength(maxLen).withLossScaleFactor(scaleFactor(modeKey))
            .withKl(beta, KlEstimator.LOW_VAR_KL, false);
        return new GrpoLoss(c).compute(verlBatch());
      });
    }

    private double verlAggregate(String modeKey, double[] perToken) {
      Double f = scaleFactor(modeKey);
      return verlMode(modeKey).aggregate(perToken, mask, rows, width, maxLen, f == null ? Double.NaN : f,
          LossAggregation.Normalizers.local());
    }

    private double[] trlPerTokenTotal() {
      LossResult r = trl("grpo", true);
      double[] l = r.perTokenLoss();
      double[] kl = perTokenKl(KlEstimator.K3);
      double[] out = new double[l.length];
      for (int i = 0; i < l.length; i++) out[i] = beta != 0.0 ? l[i] + beta * kl[i] : l[i];
      return out;
    }

    private Quantity policy(List<String> k) {
      String path = String.join(".", k);
      switch (path) {
        case "policy.ratio":
          return Quantity.matrix(trl("grpo", false).ratio(), rows, width);
        case "policy.clipped_ratio":
          return Quantity.matrix(trl("grpo", false).clippedRatio(), rows, width);
        case "policy.trl_per_token_policy_loss":
          return Quantity.matrix(trl("grpo", false).perTokenLoss(), rows, width);
        case "policy.trl_per_token_total_loss":
          return Quantity.matrix(trlPerTokenTotal(), rows, width);
        case "policy.verl.per_token_pg_loss":
          return Quantity.matrix(verl("token-mean").perTokenLoss(), rows, width);
        default:
          break;
      }
      if (k.size() == 4 && k.get(1).equals("trl")) {
        String lossType = k.get(2);
        return switch (k.get(3)) {
          case "policy_loss" -> Quantity.scalar(trl(lossType, false).loss());
          case "total_loss" -> Quantity.scalar(trl(lossType, true).loss());
          case "grad_policy" -> Quantity.matrix(trl(lossType, false).gradLogp(), rows, width);
          case "grad_total" -> Quantity.matrix(trl(lossType, true).gradLogp(), rows, width);
          default -> null;
        };
      }
      if (k.size() == 3 && k.get(1).equals("trl_metrics")) {
        PolicyMetrics m = trl("grpo", true).metrics();
        Double v = m.asMap().get(k.get(2));
        return v == null ? null : Quantity.scalar(v);
      }
      if (k.size() == 4 && k.get(1).equals("verl")) {
        String mode = k.get(3);
        return switch (k.get(2)) {
          case "pg_loss" -> Quantity.scalar(verl(mode).policyLoss());
          case "kl_loss" -> Quantity.scalar(verlAggregate(mode, perTokenKl(KlEstimator.LOW_VAR_KL)));
          case "total_loss" -> Quantity.scalar(verl(mode).loss());
          case "agg_loss_of_trl_per_token_policy" -> Quantity.scalar(verlAggregate(mode, trl("grpo", false).perTokenLoss()));
          case "agg_loss_of_trl_per_token_total" -> Quantity.scalar(verlAggregate(mode, trlPerTokenTotal()));
          case "grad_total" -> Quantity.matrix(verl(mode).gradLogp(), rows, width);
          case "metrics" -> {
            Double v = verl("token-mean").metrics().asMap().get("actor/" + mode);
            yield v == null ? null : Quantity.scalar(v);
          }
          default -> null;
        };
      }
      return null;
    }
  }
}
