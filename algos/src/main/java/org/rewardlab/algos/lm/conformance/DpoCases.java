package org.rewardlab.algos.lm.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rewardlab.algos.lm.dpo.DpoConfig;
import org.rewardlab.algos.lm.dpo.DpoLoss;
import org.rewardlab.algos.lm.dpo.DpoLossType;
import org.rewardlab.algos.lm.dpo.DpoResult;
import org.rewardlab.algos.lm.dpo.PreferenceBatch;
import org.rewardlab.algos.lm.dpo.SimpoLoss;

/**
 * {@code golden/llm/dpo_cases.json}: TRL's DPO loss types, conservative DPO and SimPO, with rewards, per-pair losses
 * and gradients, recomputed with {@link DpoLoss} and {@link SimpoLoss}. {@code simpo.beta}, {@code simpo.gamma} and
 * {@code simpo.label_smoothing} are read as SimPO's settings; DiscoPOP's τ comes from
 * {@code generator.settings.discopop_tau} (TRL's default 0.05 if absent).
 */
final class DpoCases implements CaseKind {
  private static final Set<String> METADATA = Set.of("name", "batch_size", "inputs");

  @Override
  public String id() {
    return "dpo";
  }

  @Override
  public String description() {
    return "TRL DPO loss types, cDPO and SimPO";
  }

  @Override
  public boolean recognizesScript(String script) {
    return script.startsWith("dpo_golden");
  }

  @Override
  public boolean recognizesCase(JsonNode c) {
    return c.has("losses") && c.path("inputs").has("policy_chosen_logps");
  }

  @Override
  public Set<String> metadataKeys() {
    return METADATA;
  }

  @Override
  public boolean isSetting(List<String> keys) {
    return keys.size() == 2 && keys.get(0).equals("simpo")
        && Set.of("beta", "gamma", "label_smoothing").contains(keys.get(1));
  }

  @Override
  public Computation prepare(CaseReader in) {
    double[] pc = in.vector("inputs.policy_chosen_logps", -1);
    int n = pc.length;
    if (in.has("batch_size") && in.integer("batch_size") != n) {
      throw in.error("batch_size", "is " + in.integer("batch_size") + " but there are " + n + " pairs", "make them agree");
    }
    PreferenceBatch batch = new PreferenceBatch(pc, in.vector("inputs.policy_rejected_logps", n),
        in.vector("inputs.ref_chosen_logps", n), in.vector("inputs.ref_rejected_logps", n),
        in.vector("inputs.chosen_lengths", n), in.vector("inputs.rejected_lengths", n));
    double beta = in.number("inputs.beta");
    double eps = in.number("inputs.label_smoothing");
    JsonNode tauNode = in.root() == null ? null : in.root().path("generator").path("settings").get("discopop_tau");
    double tau = tauNode != null && tauNode.isNumber() ? tauNode.doubleValue() : 0.05;
    Map<String, DpoResult> cache = new HashMap<>();
    return k -> {
      if (k.size() == 2 && k.get(0).equals("rewards")) {
        DpoResult r = cache.computeIfAbsent("sigmoid", t -> new DpoLoss(new DpoConfig(DpoLossType.SIGMOID, beta, eps, tau, 0.5, 1.0))
            .compute(batch));
        return switch (k.get(1)) {
          case "chosen_rewards" -> Quantity.vector(r.chosenRewards());
          case "rejected_rewards" -> Quantity.vector(r.rejectedRewards());
          case "margins" -> Quantity.vector(r.margins());
          case "accuracy" -> Quantity.scalar(r.accuracy());
          default -> null;
        };
      }
      if (k.size() == 3 && k.get(0).equals("losses")) {
        DpoLossType type = DpoLossType.fromName(k.get(1));
        DpoResult r = cache.computeIfAbsent(k.get(1), t -> new DpoLoss(new DpoConfig(type, beta, eps, tau, 0.5, 1.0)).compute(batch));
        return switch (k.get(2)) {
          case "loss" -> Quantity.scalar(r.loss());
          case "per_pair_losses" -> r.perPairLosses() == null ? null : Quantity.vector(r.perPairLosses());
          case "grad_policy_chosen_logps" -> Quantity.vector(r.gradChosen());
          case "grad_policy_rejected_logps" -> Quantity.vector(r.gradRejected());
          default -> null;
        };
      }
      if (k.size() == 2 && k.get(0).equals("simpo")) {
        double[] avgC = SimpoLoss.averages(batch.policyChosen(), batch.chosenLengths());
        double[] avgR = SimpoLoss.averages(batch.policyRejected(), batch.rejectedLengths());
        DpoResult r = cache.computeIfAbsent("simpo", t -> new SimpoLoss(in.number("simpo.beta"), in.number("simpo.gamma"),
            in.number("simpo.label_smoothing", 0.0)).compute(avgC, avgR));
        return switch (k.get(1)) {
          case "avg_chosen_logps" -> Quantity.vector(avgC);
          case "avg_rejected_logps" -> Quantity.vector(avgR);
          case "loss" -> Quantity.scalar(r.loss());
          case "per_pair_losses" -> Quantity.vector(r.perPairLosses());
          case "chosen_rewards" -> Quantity.vector(r.chosenRewards());
          case "rejected_rewards" -> Quantity.vector(r.rejectedRewards());
          case "grad_avg_chosen_logps" -> Quantity.vector(r.gradChosen());
          case "grad_avg_rejected_logps" -> Quantity.vector(r.gradRejected());
          default -> null;
        };
      }
      return null;
    };
  }
}
