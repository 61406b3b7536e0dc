package org.rewardlab.repro;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 63 seed papers, transcribed from the project's paper index ({@code papers/INDEX.md}); a test
 * checks every field against a copy of that file. Ids are stable API: never rename one.
 *
 * <p>Immutable and thread-safe.
 */
public final class Papers {
  /** How many seed papers there are. */
  public static final int COUNT = 63;

  /** All seed papers, in index order (paper number 1 first). */
  public static final List<Paper> ALL = List.of(
      new Paper(1, "promptagent", "PromptAgent: MCTS prompt optimization",
          "search, LLM", "RM §11",
          "MCTS over prompt edits beats greedy/beam/random edits at equal evaluation budget"),
      new Paper(2, "riskpo", "RiskPO: Mixed-VaR objective + bundling",
          "LM policy opt.", "PO §3",
          "entropy stays higher and pass@k (k≥8) on hard items beats GRPO; bundling cuts zero-signal groups"),
      new Paper(3, "copo", "COPO: consistency-aware global reward",
          "LM policy opt.", "PO §4",
          "learning signal on all-same groups; accuracy ≥ GRPO when many groups are uniform"),
      new Paper(4, "rap", "RAP: reasoning via planning (MCTS + world model)",
          "search", "RM §10",
          "MCTS with a world model beats CoT-style greedy at equal budget (Blocksworld)"),
      new Paper(5, "editscore", "EditScore: reward model + self-ensemble",
          "reward models", "RM §16",
          "judge accuracy rises with ensemble size K; RL with K>1 yields better true quality"),
      new Paper(6, "alignprop", "AlignProp: reward backprop through denoising",
          "diffusion", "GEN §15",
          "higher reward in fewer steps than DDPO on 2-D point diffusion"),
      new Paper(7, "groundedprm", "GroundedPRM: MCTS + tool verification",
          "process rewards", "RM §7",
          "tool-grounded hybrid labels give higher step-level F1 than MC-rollout labels"),
      new Paper(8, "carl", "CaRL: route-completion reward, multiplicative penalties",
          "reward design, driving", "GEN §12",
          "simple reward keeps improving as minibatch grows; summed shaped reward degrades"),
      new Paper(9, "router-r1", "Router-R1: multi-round routing with cost reward",
          "LM agents", "PO §25",
          "learned router trades accuracy for cost along the cost-weight knob; beats single-model routing"),
      new Paper(10, "op-gfn", "Order-Preserving GFlowNets",
          "GFlowNets", "GEN §1",
          "matches TB on exact-reward hypergrid without the reward scale; sparsifies toward the top"),
      new Paper(11, "heron", "HERON: hierarchical weak preferences",
          "preferences", "RM §2",
          "factor ranking alone trains a policy matching the best hand-tuned weighted sum"),
      new Paper(12, "ppo-max", "Secrets of RLHF: PPO-max",
          "LM policy opt.", "PO §17",
          "vanilla PPO spikes then collapses on proxy reward; PPO-max stays stable (gold reward, KL)"),
      new Paper(13, "tp-grpo", "Thought-level process rewards (TP-GRPO)",
          "LM policy opt.", "PO §10",
          "higher accuracy per sample than outcome-only GRPO"),
      new Paper(14, "superhf", "SuperHF: supervised iterative learning",
          "LM policy opt.", "PO §13",
          "proxy reward ≥ PPO with less gold-reward hacking (KL prior)"),
      new Paper(15, "ui-genie", "UI-Genie: trajectory RM + self-improvement",
          "agents, RM", "RM §18",
          "each self-improvement generation raises task success on a screen graph"),
      new Paper(16, "oni", "ONI: online intrinsic rewards from LLM feedback",
          "exploration, LLM", "RM §23",
          "distilled intrinsic reward solves sparse tasks with far fewer labeller calls"),
      new Paper(17, "clip-delta", "Clip & Delta refinement of PRM rewards",
          "reward design", "PO §16",
          "raw PRM reward is hacked by repeated steps; Clip/Delta prevent it"),
      new Paper(18, "hrm", "HRM + Hierarchical Node Compression",
          "process rewards", "RM §8",
          "HRM stays robust as best-of-N grows where a PRM degrades"),
      new Paper(19, "rewarddance", "RewardDance: generative \"yes\"-probability reward",
          "reward models", "RM §15",
          "larger reference-pairwise RMs keep reward variance (less hacking)"),
      new Paper(20, "learn-to-follow", "Learn to Follow: lifelong MAPF",
          "multi-agent", "GEN §13",
          "planner + learned follower beats planner-only throughput on unseen maps"),
      new Paper(21, "toponav", "TopoNav: topological map + intrinsic reward",
          "exploration", "GEN §9",
          "faster goal discovery than flat exploration in sparse mazes"),
      new Paper(22, "prdp", "PRDP: reward-difference prediction",
          "diffusion", "GEN §16",
          "stable where DDPO is unstable on many prompts; equal reward on few"),
      new Paper(23, "barfi", "BARFI: bi-level behaviour-alignment reward",
          "reward design", "GEN §10",
          "robust to misspecified auxiliary rewards where naive blending and PBRS fail"),
      new Paper(24, "rest-mcts", "ReST-MCTS*: process-reward tree search self-training",
          "search", "RM §9",
          "accuracy rises per self-training iteration above ReST-EM"),
      new Paper(25, "par", "PAR: preference as reward",
          "reward design", "PO §15",
          "no hacking of an exploitable RM where raw reward is hacked"),
      new Paper(26, "job-grpo", "Custom multi-component reward (job evaluation)",
          "reward design", "PO App. A",
          "aggressive penalties collapse the policy; gentle shaping reaches high accuracy/recall"),
      new Paper(27, "reward-spec-thesis", "Effective Reward Specification (thesis)",
          "reward design", "GEN §19",
          "ablation table of specification strategies across our environments"),
      new Paper(28, "starc", "STARC reward distances",
          "reward comparison", "RM §1",
          "distance correlates with regret and bounds it; zero for equivalent rewards"),
      new Paper(29, "empg", "EMPG: entropy-modulated policy gradients",
          "LM agents", "PO §6",
          "higher success and lower gradient variance than GRPO on multi-turn tasks"),
      new Paper(30, "igpo", "IGPO: information-gain turn rewards",
          "LM agents", "PO §7",
          "fewer zero-advantage groups and higher success than outcome-only GRPO"),
      new Paper(31, "fl-gfn", "Forward-looking GFlowNets",
          "GFlowNets", "GEN §2",
          "faster convergence to the exact distribution than TB/DB"),
      new Paper(32, "oprl", "OPRL: online process reward learning",
          "LM agents", "PO §18",
          "higher success and lower variance than GRPO on long horizons"),
      new Paper(33, "urpo", "URPO: unified reward & policy",
          "LM policy opt.", "PO §19",
          "one model as player and referee matches a separate RM"),
      new Paper(34, "tree-rm", "Reward generalization: tree-structured preferences",
          "preferences", "RM §3",
          "tree-structured data gives lower RM error than chains at equal label budget"),
      new Paper(35, "lucy-skg", "Lucy-SKG: KRC reward shapes + reward analysis",
          "reward design", "GEN §11",
          "KRC combination learns faster than a plain weighted sum; per-term analysis plots"),
      new Paper(36, "think-rm", "Think-RM: long-horizon generative RM",
          "reward models", "RM §12",
          "more judge thinking → higher accuracy; pairwise RLHF beats pointwise conversion"),
      new Paper(37, "hicra", "HICRA: planning-token credit assignment",
          "LM policy opt.", "PO §8",
          "higher accuracy than GRPO; semantic entropy tracks strategic exploration"),
      new Paper(38, "adv-grpo", "Adversarial reward (image as its own reward)",
          "generative", "RM §25",
          "adversarial reward resists hacking that a frozen proxy suffers"),
      new Paper(39, "skywork-rm-v2", "Skywork-Reward-V2: curated preference data",
          "reward models", "RM §5",
          "curated subset beats the full noisy pool at RM accuracy"),
      new Paper(40, "libra", "Libra: learning-to-think RM",
          "reward models", "RM §14",
          "judging accuracy grows with thinking budget; judge-trained policy ≈ verifier-trained"),
      new Paper(41, "daa-overopt", "Over-optimization scaling laws for DAAs",
          "preferences", "RM §24",
          "gold reward vs √KL follows the fitted over-optimization curve for DPO/IPO/SLiC"),
      new Paper(42, "text2reward", "Text2Reward: generated dense reward code",
          "reward design, LLM", "RM §20",
          "generated rewards reach expert-reward success on most tasks"),
      new Paper(43, "rnd-agv", "RND for AGV path planning",
          "exploration", "GEN §8",
          "PPO+RND reaches the goal where PPO stalls (continuous nav)"),
      new Paper(44, "rm-r1", "RM-R1: reward modeling as reasoning",
          "reward models", "RM §13",
          "reasoning mode beats direct mode on math-like items"),
      new Paper(45, "os-genesis", "OS-Genesis: reverse task synthesis",
          "agents, RM", "RM §19",
          "reverse-synthesized data + trajectory RM beats task-driven data"),
      new Paper(46, "vlm-rl", "VLM-RL: contrasting language goals as reward",
          "reward design", "RM §22",
          "CLG reward + state terms lowers collisions vs either alone"),
      new Paper(47, "qd-sparse", "Quality-diversity in sparse rewards (thesis)",
          "exploration", "GEN §3–6",
          "novelty search finds the reward where reward-driven search does not"),
      new Paper(48, "g-ra", "G-RA: gated reward accumulation",
          "reward design", "PO §21",
          "gating stops step-reward hacking; completion rate rises"),
      new Paper(49, "portool", "PORTool: rewarded trees, fork-relative advantages",
          "LM agents", "PO §20",
          "higher accuracy with fewer tool calls than trajectory-only advantages"),
      new Paper(50, "stax", "STAX: learned behaviour space",
          "exploration", "GEN §6",
          "matches hand-designed behaviour space without it"),
      new Paper(51, "dno", "Direct Nash Optimization",
          "preferences", "PO §14",
          "reaches the Nash policy under intransitive preferences where DPO cycles"),
      new Paper(52, "crf", "Conciseness reward function",
          "LM policy opt.", "PO §11",
          "shorter responses at equal or better accuracy, no collapse"),
      new Paper(53, "auto-mc-reward", "Auto MC-Reward: designer/critic/analyzer loop",
          "reward design, LLM", "RM §21",
          "iterated reward design raises success over rounds"),
      new Paper(54, "morec", "MOREC: reward-consistent dynamics models",
          "offline RL", "GEN §14",
          "filtered model rollouts give higher offline return than plain model rollouts"),
      new Paper(55, "mm-rlhf", "MM-RLHF: critique RM + dynamic reward scaling",
          "preferences", "RM §17",
          "MM-DPO beats fixed-β DPO under noisy small-gap pairs"),
      new Paper(56, "ampo", "AMPO: multi-teacher guidance on demand",
          "LM policy opt.", "PO §9",
          "guidance only on failure beats GRPO and single-teacher mixing"),
      new Paper(57, "pagellm", "PageLLM: mixed-grained reward",
          "reward design", "PO §23",
          "page + item reward beats either alone on a simulated ranking task"),
      new Paper(58, "dto", "DTO: thinking-pattern optimization",
          "LM policy opt.", "PO §24",
          "fewer tokens, accuracy kept or raised"),
      new Paper(59, "grpo-lambda", "GRPO-λ: correctness-switched length penalty",
          "LM policy opt.", "PO §5",
          "length drops without the accuracy collapse of an always-on penalty"),
      new Paper(60, "polar", "POLAR: policy discriminator pretraining",
          "reward models", "RM §4",
          "pretrained discriminator + few labels beats BT on the same labels"),
      new Paper(61, "reward-design-thesis", "Reward Design for RL Agents (thesis)",
          "reward design", "GEN §18",
          "designed rewards speed learning and keep the optimal policy"),
      new Paper(62, "shop-r1", "Shop-R1: hierarchical, difficulty-scaled reward",
          "reward design", "PO §22",
          "hierarchical reward beats flat exact-match without hacking easy fields"),
      new Paper(63, "co-reward", "Co-Reward: contrastive agreement, no labels",
          "LM policy opt.", "PO §12",
          "label-free training approaches ground-truth-reward training without collapse"));

  private static final Map<String, Paper> BY_ID = index();

  private Papers() {}

  /** The paper with this id, if there is one. */
  public static Optional<Paper> find(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  private static Map<String, Paper> index() {
    if (ALL.size() != COUNT) {
      throw new IllegalStateException("expected " + COUNT + " papers, found " + ALL.size());
    }
    Map<String, Paper> byId = new LinkedHashMap<>();
    for (int i = 0; i < ALL.size(); i++) {
      Paper p = ALL.get(i);
      if (p.number() != i + 1) {
        throw new IllegalStateException(
            "paper '" + p.id() + "' is at position " + (i + 1) + " but has number " + p.number());
      }
      if (byId.put(p.id(), p) != null) {
        throw new IllegalStateException("duplicate paper id '" + p.id() + "'");
      }
    }
    return Map.copyOf(byId);
  }
}
