package org.rewardlab.algos.lm.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.rewardlab.algos.lm.grpo.GroupAdvantageConfig;
import org.rewardlab.algos.lm.grpo.GroupRelativeAdvantage;
import org.rewardlab.algos.lm.grpo.GrpoLoss;
import org.rewardlab.algos.lm.grpo.GrpoLossConfig;
import org.rewardlab.algos.lm.grpo.LeaveOneOutAdvantage;
import org.rewardlab.algos.lm.grpo.LossAggregation;
import org.rewardlab.algos.lm.grpo.LossResult;
import org.rewardlab.algos.lm.grpo.OutcomeAdvantages;
import org.rewardlab.algos.lm.grpo.PeerConvention;
import org.rewardlab.algos.lm.grpo.PolicySurrogate;
import org.rewardlab.algos.lm.grpo.TokenBatch;

/**
 * {@code golden/llm/verl_variants_cases.json}: verl's outcome-advantage estimators and policy-loss variants.
 * Advantages: {@code grpo}, {@code grpo_no_std}, {@code grpo_passk}, {@code rloo}, {@code opo},
 * {@code reinforce_plus_plus_gamma<γ>} (γ read from the key), {@code reinforce_plus_plus_baseline}, {@code remax},
 * {@code gpg}; {@code reinforce_plus_plus_gamma<γ>_returns} are the returns REINFORCE++ whitens. Policy losses:
 * {@code policy_losses.<verl loss_mode>.<loss_agg_mode>.{loss, grad_logp_new}} with the {@code grpo} advantages,
 * clip_ratio_c 3 and SAPO's τ 1.0 / 1.05 (verl's defaults, overridable by {@code inputs.clip_ratio_c},
 * {@code inputs.tau_pos}, {@code inputs.tau_neg}).
 */
final class VerlVariantCases implements CaseKind {
  private static final Set<String> METADATA =
      Set.of("name", "num_generations", "num_prompts", "batch_size", "padded_length", "row_layout", "inputs");
  private static final String GAMMA = "reinforce_plus_plus_gamma";

  @Override
  public String id() {
    return "verl_variants";
  }

  @Override
  public String description() {
    return "verl outcome-advantage estimators and policy-loss variants";
  }

  @Override
  public boolean recognizesScript(String script) {
    return script.startsWith("verl_variants_golden");
  }

  @Override
  public boolean recognizesCase(JsonNode c) {
    return c.has("policy_losses") && c.has("advantages");
  }

  @Override
  public Set<String> metadataKeys() {
    return METADATA;
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
    final double[] mask;
    final double[] tokenRewards;
    final double[] logp;
    final double[] old;
    final double[] baselines;
    final double epsLow;
    final double epsHigh;
    final double clipC;
    final double tauPos;
    final double tauNeg;
    final Map<String, Object> cache = new HashMap<>();

    Case(CaseReader in) {
      this.in = in;
      groups = in.integers("inputs.group_ids", -1);
      rows = groups.length;
      width = in.width("inputs.response_mask");
      if (in.has("padded_length") && in.integer("padded_length") != width) {
        throw in.error("padded_length", "is " + in.integer("padded_length") + " but inputs.response_mask rows have "
            + width + " entries", "make them agree");
      }
      mask = in.matrix("inputs.response_mask", rows, width);
      tokenRewards = in.matrix("inputs.token_level_rewards", rows, width);
      logp = in.matrix("inputs.logp_new", rows, width);
      old = in.matrix("inputs.logp_old", rows, width);
      baselines = in.has("inputs.reward_baselines") ? in.vector("inputs.reward_baselines", rows) : null;
      epsLow = in.number("inputs.epsilon_low");
      epsHigh = in.number("inputs.epsilon_high");
      clipC = in.number("inputs.clip_ratio_c", 3.0);
      tauPos = in.number("inputs.tau_pos", 1.0);
      tauNeg = in.number("inputs.tau_neg", 1.05);
    }

    @SuppressWarnings("unchecked")
    private <T> T memo(String key, Supplier<T> f) {
      Object v = cache.get(key);
      if (v == null) {
        v = f.get();
        cache.put(key, v);
      }
      return (T) v;
    }

    @Override
    public Quantity compute(List<String> k) {
      if (k.size() == 1 && k.get(0).startsWith(GAMMA) && k.get(0).endsWith("_returns")) {
        String g = k.get(0).substring(GAMMA.length(), k.get(0).length() - "_returns".length());
        return Quantity.matrix(OutcomeAdvantages.discountedReturns(tokenRewards, mask, rows, width, gamma(k.get(0), g)),
            rows, width);
      }
      if (k.size() == 2 && k.get(0).equals("advantages")) {
        double[] a = advantages(k.get(1));
        return a == null ? null : Quantity.matrix(a, rows, width);
      }
      if (k.size() == 4 && k.get(0).equals("policy_losses")) {
        LossResult r = loss(k.get(1), k.get(2));
        return switch (k.get(3)) {
          case "loss" -> Quantity.scalar(r.loss());
          case "grad_logp_new" -> Quantity.matrix(r.gradLogp(), rows, width);
          default -> null;
        };
      }
      return null;
    }

    private double gamma(String key, String text) {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw in.error(key, "cannot read γ from the key ('" + text + "')", "name it " + GAMMA + "<number>");
      }
    }

    private double[] scores() {
      return memo("scores", () -> OutcomeAdvantages.scores(tokenRewards, rows, width));
    }

    private double[] lengths() {
      double[] n = new double[rows];
      for (int b = 0; b < rows; b++) for (int t = 0; t < width; t++) n[b] += mask[b * width + t];
      return n;
    }

    private double[] masked(double[] perRow) {
      return TokenBatch.broadcastMasked(perRow, mask, width);
    }

    private double[] advantages(String name) {
      return memo("adv-" + name, () -> switch (name) {
        case "grpo" -> masked(new GroupRelativeAdvantage(GroupAdvantageConfig.verl(true)).compute(scores(), groups)
            .advantages());
        case "grpo_no_std" -> masked(new GroupRelativeAdvantage(GroupAdvantageConfig.verl(false))
            .compute(scores(), groups).advantages());
        case "grpo_passk" -> masked(OutcomeAdvantages.passK(scores(), groups, true, GroupAdvantageConfig.VERL_EPSILON));
        case "rloo" -> masked(new LeaveOneOutAdvantage().compute(scores(), groups));
        case "opo" -> masked(OutcomeAdvantages.opo(scores(), lengths(), groups));
        case "gpg" -> masked(OutcomeAdvantages.gpg(scores(), groups));
        case "reinforce_plus_plus_baseline" ->
            OutcomeAdvantages.reinforcePlusPlusBaseline(tokenRewards, mask, rows, width, groups);
        case "remax" -> {
          if (baselines == null) throw in.error("inputs.reward_baselines", "missing field", "ReMax needs the greedy rollouts' rewards");
          yield OutcomeAdvantages.remax(tokenRewards, mask, rows, width, baselines);
        }
        default -> {
          if (name.startsWith(GAMMA)) {
            yield OutcomeAdvantages.reinforcePlusPlus(tokenRewards, mask, rows, width,
                gamma("advantages." + name, name.substring(GAMMA.length())));
          }
          yield null;
        }
      });
    }

    private LossResult loss(String lossMode, String aggMode) {
      return memo("loss-" + lossMode + "-" + aggMode, () -> {
        PolicySurrogate s = PolicySurrogate.fromName(lossMode);
        LossAggregation agg = LossAggregation.fromName(aggMode);
        if (agg.peer() != PeerConvention.VERL) {
          throw in.error("policy_losses." + lossMode + "." + aggMode, "'" + aggMode + "' is not a verl loss_agg_mode",
              "use token-mean, seq-mean-token-sum, seq-mean-token-mean or seq-mean-token-sum-norm");
        }
        GrpoLossConfig c = GrpoLossConfig.verlDefaults().withSurrogate(s).withEpsilons(epsLow, epsHigh)
            .withDualClip(clipC, 20.0).withAggregation(agg).withSapoTaus(tauPos, tauNeg);
        TokenBatch batch = new TokenBatch(rows, width, logp, old, null, mask, advantages("grpo"), null);
        return new GrpoLoss(c).compute(batch);
      });
    }
  }
}
