package org.rewardlab.reward.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.regex.Pattern;
import org.rewardlab.core.UserInputException;

/**
 * The serializable description of a reward: a tree of named terms that {@code RewardSpecs.build}
 * (package {@code org.rewardlab.reward}) turns into a {@code RewardFn<FlatTransition>}. Written in
 * YAML or JSON with a {@code type:} discriminator:
 *
 * <pre>{@code
 * type: weighted
 * terms:
 *   - weight: 1.0
 *     reward: {type: env}
 *   - weight: 1.0
 *     reward: {type: potential, potential: mountaincar.energy, weight: 10}   # γ: the agent's
 *   - weight: 1.0
 *     reward: {type: bonus, on: terminated, amount: 1.0}
 * }</pre>
 *
 * <p>Every leaf has a {@code name}, its term name (logged as {@code reward/<name>}); each type has a
 * default name, and names must be unique within one reward. Records are immutable and validated on
 * construction with messages that say how to fix them; optional fields are filled with their
 * defaults, so the record is its own provenance (one exception: a potential term's omitted
 * {@code gamma} stays {@code null}, meaning "the agent's γ", which the build context supplies).
 *
 * <p><b>Pure data.</b> This package knows no reward code and no environment: whether a named
 * potential exists, whether an action cost fits the env's actions, whether term names are unique is
 * checked by {@code RewardSpecs.build}, which knows the env and the agent.
 *
 * <p><b>Error places.</b> A validation error names the offending key relative to the record that
 * holds it ({@code gamma}, {@code terms.2}); the config loader prefixes the record's own path, so a
 * user sees {@code reward.terms.1.reward.gamma}.
 *
 * <p>To add a term: add a nested record here, list it in {@link JsonSubTypes}, and add one case to
 * {@code RewardSpecs.build}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = RewardSpec.EnvReward.class, name = "env"),
  @JsonSubTypes.Type(value = RewardSpec.Weighted.class, name = "weighted"),
  @JsonSubTypes.Type(value = RewardSpec.Potential.class, name = "potential"),
  @JsonSubTypes.Type(value = RewardSpec.Bonus.class, name = "bonus"),
  @JsonSubTypes.Type(value = RewardSpec.Penalty.class, name = "penalty"),
  @JsonSubTypes.Type(value = RewardSpec.ActionCost.class, name = "action_cost"),
  @JsonSubTypes.Type(value = RewardSpec.Clip.class, name = "clip"),
  @JsonSubTypes.Type(value = RewardSpec.Feature.class, name = "feature"),
  @JsonSubTypes.Type(value = RewardSpec.Product.class, name = "product"),
  @JsonSubTypes.Type(value = RewardSpec.Gated.class, name = "gated"),
  @JsonSubTypes.Type(value = RewardSpec.Lexicographic.class, name = "lexicographic"),
  @JsonSubTypes.Type(value = RewardSpec.Par.class, name = "par"),
  @JsonSubTypes.Type(value = RewardSpec.PrmRefine.class, name = "prm_refine"),
  @JsonSubTypes.Type(value = RewardSpec.Krc.class, name = "krc"),
  @JsonSubTypes.Type(value = RewardSpec.Shape.class, name = "shape"),
  @JsonSubTypes.Type(value = RewardSpec.DifficultyScale.class, name = "difficulty_scale"),
  @JsonSubTypes.Type(value = RewardSpec.Normalize.class, name = "normalize"),
  @JsonSubTypes.Type(value = RewardSpec.CompletionTerm.class, name = "completion"),
  @JsonSubTypes.Type(value = RewardSpec.LengthPenalty.class, name = "length_penalty"),
  @JsonSubTypes.Type(value = RewardSpec.Overlong.class, name = "overlong"),
  @JsonSubTypes.Type(value = RewardSpec.LengthSwitch.class, name = "length_switch"),
  @JsonSubTypes.Type(value = RewardSpec.Conciseness.class, name = "conciseness"),
  @JsonSubTypes.Type(value = RewardSpec.PageItem.class, name = "page_item"),
  @JsonSubTypes.Type(value = RewardSpec.RewardModelTerm.class, name = "reward_model"),
  @JsonSubTypes.Type(value = RewardSpec.TaskReward.class, name = "task"),
  @JsonSubTypes.Type(value = RewardSpec.HierarchicalAction.class, name = "hierarchical_action"),
})
public sealed interface RewardSpec {

  /** Allowed term names: letters, digits, {@code _ . -}. */
  Pattern TERM_NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

  /**
   * The spec's name: the term it logs (leaves), its correction term ({@code clip}, {@code par},
   * {@code normalize}, ...), or its label when another term uses it as an operand (a product's
   * penalty, a krc term, a lexicographic level), which logs the operand as one term of this name.
   */
  String name();

  /**
   * The environment's own reward, r_env(s, a, s').
   *
   * @param name term name, default {@code env}
   */
  record EnvReward(String name) implements RewardSpec {
    public EnvReward {
      name = termName(name, "env");
    }

    public EnvReward() {
      this(null);
    }
  }

  /**
   * A weighted sum of rewards: r = Σ_i w_i r_i. Each child's terms are logged weighted, so the terms
   * still add up to the total.
   *
   * @param terms the weighted children, at least one
   * @param name its label when it is an operand of another term (a product's penalty, a krc term, a
   *     lexicographic level), which logs it as one term of that name; default {@code weighted}
   */
  record Weighted(List<WeightedTerm> terms, String name) implements RewardSpec {
    /** A weighted sum with the default label. */
    public Weighted(List<WeightedTerm> terms) {
      this(terms, null);
    }

    public Weighted {
      name = termName(name, "weighted");
      if (terms == null || terms.isEmpty()) {
        throw new UserInputException(
            "terms", "a weighted reward needs at least one term",
            "add `terms: [{weight: 1.0, reward: {type: env}}]`");
      }
      for (int i = 0; i < terms.size(); i++) {
        if (terms.get(i) == null) {
          throw new UserInputException("terms." + i, "the term is empty",
              "write `{weight: 1.0, reward: {type: ...}}`");
        }
      }
      terms = List.copyOf(terms);
    }
  }

  /**
   * One child of a {@link Weighted} reward.
   *
   * @param weight w_i, finite; default 1
   * @param reward the child reward r_i
   */
  record WeightedTerm(Double weight, RewardSpec reward) {
    public WeightedTerm {
      weight = finite(weight, 1.0, "weight");
      if (reward == null) {
        throw new UserInputException(
            "reward", "a weighted term needs a reward", "add `reward: {type: env}` or another spec");
      }
    }
  }

  /**
   * Potential-based shaping (Ng, Harada &amp; Russell 1999): F(s, s') = weight·(γ·Φ(s') − Φ(s)), with
   * Φ(s') := 0 when s' is terminal (terminated, not truncated). Adding F to any reward keeps the
   * optimal policies of the discounted MDP with the same γ — so leave {@code gamma} out and the
   * agent's discount is used.
   *
   * @param name term name, default {@code shaping}
   * @param potential the name of a potential Φ the environment registers (e.g.
   *     {@code mountaincar.energy} for MountainCar-v0); checked against the env when the reward is
   *     built
   * @param gamma γ, in [0, 1]; {@code null} (left out) means the agent's discount, supplied when the
   *     reward is built; write it only to shape with another γ on purpose
   * @param weight scale of F, default 1
   */
  record Potential(String name, String potential, Double gamma, Double weight) implements RewardSpec {
    public Potential {
      name = termName(name, "shaping");
      if (potential == null || potential.isBlank()) {
        throw new UserInputException(
            "potential", "a potential-shaping term needs a potential",
            "add `potential: <name>`, one the environment registers (e.g. mountaincar.energy for MountainCar-v0)");
      }
      if (gamma != null) {
        gamma = finite(gamma, 0, "gamma");
        if (gamma < 0 || gamma > 1) {
          throw new UserInputException("gamma", "gamma " + gamma + " is outside [0, 1]",
              "leave `gamma` out to use the agent's discount, or write one in [0, 1]");
        }
      }
      weight = finite(weight, 1.0, "weight");
    }

    /** Shaping with Φ = {@code potential}, the agent's γ, weight 1. */
    public Potential(String potential) {
      this(null, potential, null, null);
    }

    /** Shaping with Φ = {@code potential} and an explicit γ, weight 1. */
    public Potential(String potential, double gamma) {
      this(null, potential, gamma, null);
    }
  }

  /**
   * A constant added when a condition holds: r = amount·[on].
   *
   * @param name term name, default {@code bonus}
   * @param amount the bonus, finite and &gt;= 0
   * @param on when it applies
   */
  record Bonus(String name, Double amount, Condition on) implements RewardSpec {
    public Bonus {
      name = termName(name, "bonus");
      amount = required(amount, "amount");
      if (amount < 0) {
        throw new UserInputException("amount", "a bonus of " + amount + " is negative",
            "use `type: penalty` with amount " + (-amount));
      }
      if (on == null) {
        throw new UserInputException("on", "a bonus needs a condition", "add `on: terminated`, `truncated`, `done` or `step`");
      }
    }
  }

  /**
   * A constant subtracted when a condition holds: r = −amount·[on].
   *
   * @param name term name, default {@code penalty}
   * @param amount the size of the penalty, finite and &gt;= 0
   * @param on when it applies
   */
  record Penalty(String name, Double amount, Condition on) implements RewardSpec {
    public Penalty {
      name = termName(name, "penalty");
      amount = required(amount, "amount");
      if (amount < 0) {
        throw new UserInputException("amount", "penalty amounts are subtracted, got " + amount,
            "write the positive amount " + (-amount) + ", or use `type: bonus`");
      }
      if (on == null) {
        throw new UserInputException("on", "a penalty needs a condition", "add `on: terminated`, `truncated`, `done` or `step`");
      }
    }
  }

  /**
   * A quadratic control cost r = −coef·‖a‖² on continuous (Box) actions.
   *
   * @param name term name, default {@code action_cost}
   * @param coef c &gt;= 0
   */
  record ActionCost(String name, Double coef) implements RewardSpec {
    public ActionCost {
      name = termName(name, "action_cost");
      coef = required(coef, "coef");
      if (coef < 0) {
        throw new UserInputException("coef", "coef " + coef + " is negative",
            "write a positive coef; the cost is already subtracted");
      }
    }
  }

  /**
   * Clips another reward's total to [lo, hi]. The inner terms are logged unchanged and a correction
   * term (this spec's name) carries clip(total) − total, so the terms still add up.
   *
   * @param name name of the correction term, default {@code clip}
   * @param lo lower bound
   * @param hi upper bound, &gt;= lo
   * @param reward the clipped reward
   */
  record Clip(String name, Double lo, Double hi, RewardSpec reward) implements RewardSpec {
    public Clip {
      name = termName(name, "clip");
      lo = required(lo, "lo");
      hi = required(hi, "hi");
      if (lo > hi) {
        throw new UserInputException("lo", "lo " + lo + " is above hi " + hi, "swap them");
      }
      if (reward == null) {
        throw new UserInputException("reward", "a clip needs the reward it clips", "add `reward: {type: env}`");
      }
    }
  }

  // ------------------------------------------------------------------ transition features

  /**
   * A named feature of the environment's state as a term: r = weight·f, where f is one of the
   * potentials the environment registers (any function of its observation) or one component of the
   * observation, read on s' ({@code of: next}), on s ({@code current}) or as f(s') − f(s)
   * ({@code delta}). Unlike {@code potential} there is no discount and no terminal rule: this is a
   * measurement (route completion, a speed excess, a distance), the input of products, gates and
   * shapes. Transitions only.
   *
   * @param name term name, default {@code feature}
   * @param feature the name of a potential the environment registers; or leave it out and give
   *     {@code index}
   * @param index the observation component to read, &gt;= 0 (instead of {@code feature})
   * @param of which state: {@code next} (default), {@code current} or {@code delta}
   * @param weight scale, default 1
   */
  record Feature(String name, String feature, Integer index, FeatureOf of, Double weight) implements RewardSpec {
    public Feature {
      name = termName(name, "feature");
      if ((feature == null || feature.isBlank()) == (index == null)) {
        throw new UserInputException(index == null ? "feature" : "index",
            index == null ? "a feature term needs what to read" : "a feature term reads either a named feature or an index, not both",
            "write `feature: <name>` (a potential the env registers) or `index: <observation component>`");
      }
      if (index != null && index < 0) {
        throw new UserInputException("index", "index " + index + " is negative", "write an observation component, 0 or more");
      }
      if (of == null) of = FeatureOf.NEXT;
      weight = finite(weight, 1.0, "weight");
    }

    /** The named feature of s', weight 1. */
    public Feature(String name, String feature) {
      this(name, feature, null, null, null);
    }
  }

  // ------------------------------------------------------------------ composites

  /**
   * Multiplicative penalties (CaRL, arXiv 2504.17838): r = r_base·Π_i (1 − p_i), each penalty
   * p_i = clip(its operand's total, 0, 1) scaling what the earlier ones left; optionally a hard
   * infraction (an operand of {@code terminateOn} with a total &gt; 0) ends the episode and subtracts
   * {@code terminalPenalty}. Logs the base reward's terms, one term per penalty (named by its operand's
   * name) carrying what it removed, r_base·Π_{j&lt;i}(1 − p_j)·(−p_i), and, with {@code terminateOn},
   * the term {@code name} carrying −terminalPenalty on a hard infraction. The terms add up to the total.
   *
   * @param name the terminal term's name, default {@code infraction}
   * @param reward the base reward (CaRL: route-completion progress)
   * @param penalties the soft penalties p_i, applied in order; their operands' own terms are not logged
   * @param terminateOn hard infractions: any operand whose total is &gt; 0 ends the episode (the
   *     transition is marked terminated before the other terms see it); stateless specs only
   * @param terminalPenalty subtracted on a hard infraction, &gt;= 0, default 0 (CaRL's terminal hint is 1)
   */
  record Product(String name, RewardSpec reward, List<RewardSpec> penalties, List<RewardSpec> terminateOn,
      Double terminalPenalty) implements RewardSpec {
    public Product {
      name = termName(name, "infraction");
      if (reward == null) {
        throw new UserInputException("reward", "a product needs the reward its penalties scale",
            "add `reward: {type: feature, feature: <progress>, of: delta}` or another spec");
      }
      penalties = specList(penalties, "penalties");
      terminateOn = specList(terminateOn, "terminateOn");
      terminalPenalty = finite(terminalPenalty, 0.0, "terminalPenalty");
      if (terminalPenalty < 0) {
        throw new UserInputException("terminalPenalty", "terminalPenalty " + terminalPenalty + " is negative",
            "write the positive amount " + (-terminalPenalty) + "; it is subtracted");
      }
    }
  }

  /**
   * Gated reward accumulation (G-RA, arXiv 2508.10548): levels in priority order, the first the
   * highest (the task's outcome); level i counts only while every higher level j clears its
   * threshold, R^(j) &gt; δ_j. In {@code episode} mode (G-RA) the gate is decided on the episode's
   * sums: the first level is paid as it comes, the lower levels accumulate and are paid at the
   * episode's end if the gate is open, so the return is R^(1) + Σ_{i&gt;1} gate_i·R^(i). In
   * {@code step} mode each step's values decide (a hierarchy of checks: no format, no content
   * reward — Shop-R1). Each level's terms are logged as paid, so they add up to the total.
   *
   * @param name its label as an operand, default {@code gated}
   * @param levels at least one, highest priority first
   * @param mode {@code episode} (default) or {@code step}
   */
  record Gated(String name, List<GateLevel> levels, GateMode mode) implements RewardSpec {
    public Gated {
      name = termName(name, "gated");
      if (levels == null || levels.isEmpty()) {
        throw new UserInputException("levels", "a gated reward needs at least one level",
            "add `levels: [{reward: {type: env}, threshold: 0}, {reward: ...}]`, highest priority first");
      }
      for (int i = 0; i < levels.size(); i++) {
        if (levels.get(i) == null) {
          throw new UserInputException("levels." + i, "the level is empty", "write `{reward: {type: ...}, threshold: 0}`");
        }
      }
      levels = List.copyOf(levels);
      if (mode == null) mode = GateMode.EPISODE;
    }
  }

  /**
   * One level of a {@link Gated} reward.
   *
   * @param reward the level's reward R^(i)
   * @param threshold δ_i: the levels below count only while R^(i) &gt; δ_i; default 0
   */
  record GateLevel(RewardSpec reward, Double threshold) {
    public GateLevel {
      if (reward == null) {
        throw new UserInputException("reward", "a gate level needs a reward", "add `reward: {type: env}` or another spec");
      }
      threshold = finite(threshold, 0.0, "threshold");
    }
  }

  /**
   * Lexicographic priority: the first level dominates the second, which dominates the third, and
   * so on. Level i is clipped to [lo_i, hi_i] and quantized to steps of its resolution ε_i
   * (q_i = lo_i + ⌊(x − lo_i)/ε_i⌋·ε_i), and r = Σ_i c_i·q_i with c_m = 1 for the last level and
   * c_i = 1 + S_i/ε_i, S_i = Σ_{j&gt;i} c_j·(hi_j − lo_j). A step of one resolution in a level then
   * outweighs every change of all the levels below it: comparing two outcomes by r is comparing
   * them level by level, the lower levels breaking ties (the ordering HERON labels preferences
   * with). Each level is logged as one term c_i·q_i, named by its operand's name.
   *
   * @param name its label as an operand, default {@code lexicographic}
   * @param levels at least one, highest priority first; every level but the first needs
   *     {@code lo} and {@code hi}, every level but the last a {@code resolution}
   */
  record Lexicographic(String name, List<LexLevel> levels) implements RewardSpec {
    public Lexicographic {
      name = termName(name, "lexicographic");
      if (levels == null || levels.isEmpty()) {
        throw new UserInputException("levels", "a lexicographic reward needs at least one level",
            "add `levels: [{reward: ..., resolution: 1}, {reward: ..., lo: 0, hi: 1}]`, highest priority first");
      }
      for (int i = 0; i < levels.size(); i++) {
        LexLevel l = levels.get(i);
        if (l == null) {
          throw new UserInputException("levels." + i, "the level is empty", "write `{reward: {type: ...}, lo: 0, hi: 1, resolution: 1}`");
        }
        if (i > 0 && (l.lo() == null || l.hi() == null)) {
          throw new UserInputException("levels." + i + (l.lo() == null ? ".lo" : ".hi"),
              "a level below the first needs its range, so the levels above can outweigh it",
              "add `lo: <lowest value>` and `hi: <highest value>`");
        }
        if (i < levels.size() - 1 && l.resolution() == null) {
          throw new UserInputException("levels." + i + ".resolution",
              "a level above the last needs a resolution: the smallest change of it that must outweigh the levels below",
              "add `resolution: <step>`, e.g. 1 for counts");
        }
      }
      levels = List.copyOf(levels);
    }
  }

  /**
   * One level of a {@link Lexicographic} reward.
   *
   * @param reward the level's operand; logged as one term named by its name
   * @param lo lowest value (values below are clipped); needed on every level but the first
   * @param hi highest value, &gt; lo; needed on every level but the first
   * @param resolution the step ε_i &gt; 0 it is quantized to; needed on every level but the last
   */
  record LexLevel(RewardSpec reward, Double lo, Double hi, Double resolution) {
    public LexLevel {
      if (reward == null) {
        throw new UserInputException("reward", "a lexicographic level needs a reward", "add `reward: {type: env}` or another spec");
      }
      if (lo != null) lo = finite(lo, 0, "lo");
      if (hi != null) hi = finite(hi, 0, "hi");
      if (lo != null && hi != null && !(lo < hi)) {
        throw new UserInputException("hi", "hi " + hi + " is not above lo " + lo, "write lo < hi");
      }
      if (resolution != null) {
        resolution = finite(resolution, 0, "resolution");
        if (!(resolution > 0)) {
          throw new UserInputException("resolution", "resolution " + resolution + " is not positive", "write the smallest step that matters, > 0");
        }
      }
    }
  }

  /**
   * Preference As Reward (PAR, Fu et al. 2025, code PorUna-byte/PAR): the reward centred on reference rewards and
   * squashed, r' = (1/M)·Σ_m σ(k·(r − r_ref,m)) — the mean sigmoid win probability against M
   * references; bounded in [0, 1], growing fast then saturating, so an exploitable reward model
   * stops paying for ever larger scores. Logs the inner reward's terms and a correction term
   * {@code name} = r' − r.
   *
   * @param name the correction term's name, default {@code par}
   * @param reward the reward r (a reward model's score)
   * @param references constant reference rewards r_ref,m, at least one; leave out to read them from
   *     each completion's sequence {@code referenceSignal} (completions only)
   * @param referenceSignal the completion sequence holding the references of its prompt, default
   *     {@code references}; used only when {@code references} is left out
   * @param k the sigmoid's slope, &gt; 0, default 1 (PAR's {@code sigmoid_k})
   */
  record Par(String name, RewardSpec reward, List<Double> references, String referenceSignal, Double k)
      implements RewardSpec {
    public Par {
      name = termName(name, "par");
      if (reward == null) {
        throw new UserInputException("reward", "par needs the reward it centres", "add `reward: {type: completion, field: score}` or another spec");
      }
      if (references != null) {
        if (references.isEmpty()) {
          throw new UserInputException("references", "par needs at least one reference reward",
              "list reference rewards, e.g. `references: [0.0]`, or leave the key out to read them from each completion");
        }
        for (int i = 0; i < references.size(); i++) finite(references.get(i) == null ? Double.NaN : references.get(i), 0, "references." + i);
        references = List.copyOf(references);
        if (referenceSignal != null) {
          throw new UserInputException("referenceSignal", "par reads either constant references or a completion's sequence, not both",
              "remove `referenceSignal` or `references`");
        }
      } else {
        referenceSignal = signalName(referenceSignal, "references", "referenceSignal");
      }
      k = finite(k, 1.0, "k");
      if (!(k > 0)) throw new UserInputException("k", "k " + k + " is not positive", "write a slope > 0, e.g. 1");
    }
  }

  /**
   * Clip and Delta refinement of process (step) rewards ("On designing effective RL reward at
   * training time", arXiv 2410.15115), so that extra steps cannot farm a dense process reward. With
   * r_k the k-th of K step rewards: Clip r̃_k = min(r_k − η, 0) (no step adds reward); Delta
   * r̃_k = r_k − r_{k+1} for k &lt; K and r̃_K = r_K (the sum telescopes to r_1, whatever the length);
   * Clip-Delta applies Delta to the clipped rewards. On transitions the step rewards are
   * {@code reward}'s totals, one per step, and Delta pays each difference one step late (r̃_{k−1}
   * at step k, plus r̃_K at the episode's last step), which keeps every return; the inner terms are
   * logged with a correction term {@code name}. On completions {@code steps} names the sequence of a
   * completion's step scores and the term is Σ_k r̃_k.
   *
   * @param name the (correction) term's name, default {@code prm_refine}
   * @param mode {@code clip}, {@code delta} or {@code clip_delta}
   * @param eta η, the clip threshold (needed by {@code clip} and {@code clip_delta})
   * @param reward the per-step process reward (transitions, or one step per completion)
   * @param steps the completion sequence of step scores, default {@code prm}; only without
   *     {@code reward}
   */
  record PrmRefine(String name, RefineMode mode, Double eta, RewardSpec reward, String steps) implements RewardSpec {
    public PrmRefine {
      name = termName(name, "prm_refine");
      if (mode == null) {
        throw new UserInputException("mode", "prm_refine needs a mode", "add `mode: clip`, `delta` or `clip_delta`");
      }
      if (mode != RefineMode.DELTA) {
        if (eta == null) {
          throw new UserInputException("eta", "mode " + mode.yamlName() + " needs the threshold η",
              "add `eta: <number>`, e.g. the process reward model's typical step score");
        }
        eta = finite(eta, 0, "eta");
      } else if (eta != null) {
        throw new UserInputException("eta", "mode delta does not use eta", "remove `eta`, or use `mode: clip_delta`");
      }
      if (reward != null && steps != null) {
        throw new UserInputException("steps", "prm_refine reads either a per-step reward or a completion's step sequence, not both",
            "remove `steps` or `reward`");
      }
      if (reward == null) steps = signalName(steps, "prm", "steps");
    }
  }

  /**
   * Kinesthetic Reward Combination (Lucy-SKG, arXiv 2305.15801, eq. 2): a signed geometric
   * mean, R = sgn·(Π_i |R_i|)^{1/n}, sgn = +1 when every R_i &gt; 0 and −1 otherwise; any R_i = 0
   * gives 0. High only when all its conditions hold at once, unlike a sum. Logged as one term.
   *
   * @param name term name, default {@code krc}
   * @param terms the operands R_i, at least one; their own terms are not logged
   */
  record Krc(String name, List<RewardSpec> terms) implements RewardSpec {
    public Krc {
      name = termName(name, "krc");
      terms = specList(terms, "terms");
      if (terms.isEmpty()) {
        throw new UserInputException("terms", "krc needs at least one term", "add `terms: [{type: feature, feature: ...}, ...]`");
      }
    }
  }

  /**
   * A parameterizable curve of an operand x (its total), logged as one term (Lucy-SKG's reward
   * shapes; Shop-R1's thresholded similarity):
   *
   * <ul>
   *   <li>{@code distance}: (exp(−0.5·d/(scale·dispersion)))^{1/density}, d = max(x, 0) (Lucy-SKG
   *       eq. 3: scale c_d normalizes the distance, dispersion widens the curve, density &lt; 1
   *       sharpens and &gt; 1 flattens it);
   *   <li>{@code sqrt}: sqrt(max(x, 0)/scale) (Lucy-SKG's boost utility, scale 100);
   *   <li>{@code linear}: x/scale (e.g. a velocity over 2300);
   *   <li>{@code threshold}: x when x ≥ at, else 0 (Shop-R1 counts a ROUGE-L score from 0.75).
   * </ul>
   *
   * @param name term name, default {@code shape}
   * @param kind the curve
   * @param reward the operand x; its own terms are not logged
   * @param scale &gt; 0, for distance, sqrt and linear
   * @param dispersion w_dis &gt; 0, distance only, default 1
   * @param density w_den &gt; 0, distance only, default 1
   * @param at the threshold, threshold only
   */
  record Shape(String name, ShapeKind kind, RewardSpec reward, Double scale, Double dispersion, Double density, Double at)
      implements RewardSpec {
    public Shape {
      name = termName(name, "shape");
      if (kind == null) {
        throw new UserInputException("kind", "a shape needs its curve", "add `kind: distance`, `sqrt`, `linear` or `threshold`");
      }
      if (reward == null) {
        throw new UserInputException("reward", "a shape needs the value it shapes", "add `reward: {type: feature, ...}` or another spec");
      }
      boolean distance = kind == ShapeKind.DISTANCE;
      boolean threshold = kind == ShapeKind.THRESHOLD;
      if (threshold) {
        if (at == null) throw new UserInputException("at", "a threshold shape needs its threshold", "add `at: <number>`, e.g. 0.75");
        at = finite(at, 0, "at");
        unused(scale, "scale", kind);
      } else {
        unused(at, "at", kind);
        if (scale == null) {
          throw new UserInputException("scale", "a " + kind.yamlName() + " shape needs a scale", "add `scale: <number> > 0`");
        }
        scale = positive(scale, "scale");
      }
      if (distance) {
        dispersion = positive(dispersion == null ? 1.0 : dispersion, "dispersion");
        density = positive(density == null ? 1.0 : density, "density");
      } else {
        unused(dispersion, "dispersion", kind);
        unused(density, "density", kind);
      }
    }

    private static void unused(Double v, String key, ShapeKind kind) {
      if (v != null) {
        throw new UserInputException(key, "a " + kind.yamlName() + " shape does not use " + key, "remove `" + key + "`");
      }
    }
  }

  /**
   * Difficulty-aware scaling (Shop-R1's DARS, arXiv 2507.17842): r' = r·(1 + (factor − 1)·d), with
   * d = clip(difficulty's total, 0, 1): the full factor on hard samples (d = 1), none on easy ones,
   * so a hard, rarely solved part of the task outweighs an easy one the policy could farm. The
   * reward's terms are logged scaled by the same factor, so they add up.
   *
   * @param name its label as an operand, default {@code difficulty_scale}
   * @param reward the reward r that is scaled
   * @param difficulty the difficulty d in [0, 1] (e.g. a completion signal); its own terms are not
   *     logged
   * @param factor the scale on the hardest samples, &gt;= 0 (Shop-R1: 1000)
   */
  record DifficultyScale(String name, RewardSpec reward, RewardSpec difficulty, Double factor) implements RewardSpec {
    public DifficultyScale {
      name = termName(name, "difficulty_scale");
      if (reward == null) {
        throw new UserInputException("reward", "difficulty_scale needs the reward it scales", "add `reward: {type: ...}`");
      }
      if (difficulty == null) {
        throw new UserInputException("difficulty", "difficulty_scale needs the difficulty d in [0, 1]",
            "add `difficulty: {type: completion, signal: <name>}` or another spec");
      }
      factor = required(factor, "factor");
      if (factor < 0) throw new UserInputException("factor", "factor " + factor + " is negative", "write a factor >= 0, e.g. 1000");
    }
  }

  /**
   * Running normalization of a reward: r' = (r − μ)/sqrt(σ² + ε) (or r/sqrt(σ² + ε) without
   * centring), optionally clipped to [−clip, clip], with μ and σ² the running mean and variance of r
   * over every evaluation so far (updated with r first; Gymnasium's {@code RunningMeanStd}: mean 0,
   * variance 1 and count 1e-4 at the start). Its statistics are part of the reward wrapper's
   * checkpoint. Logs the inner terms and a correction term {@code name} = r' − r.
   *
   * @param name the correction term's name, default {@code normalize}
   * @param reward the normalized reward
   * @param center subtract the running mean, default true
   * @param epsilon ε &gt; 0, default 1e-8
   * @param clip bound of |r'|, &gt; 0; left out: no clipping
   */
  record Normalize(String name, RewardSpec reward, Boolean center, Double epsilon, Double clip) implements RewardSpec {
    public Normalize {
      name = termName(name, "normalize");
      if (reward == null) {
        throw new UserInputException("reward", "normalize needs the reward it normalizes", "add `reward: {type: env}` or another spec");
      }
      if (center == null) center = true;
      epsilon = positive(epsilon == null ? 1e-8 : epsilon, "epsilon");
      if (clip != null) clip = positive(clip, "clip");
    }
  }

  // ------------------------------------------------------------------ completion terms

  /**
   * A field or a named signal of a language model's completion as a term: r = weight·x, with x one of
   * {@code correct}, {@code format}, {@code finished} (each 0 or 1), {@code score}, {@code length},
   * or a signal the task or trainer attaches (see {@code core.reward.ScoredCompletion}). Completions
   * only.
   *
   * @param name term name, default the field's or the signal's name
   * @param field the field to read; or leave it out and give {@code signal}
   * @param signal the name of a signal to read (instead of {@code field}); a completion without it
   *     is an error
   * @param weight scale, default 1
   */
  record CompletionTerm(String name, CompletionField field, String signal, Double weight) implements RewardSpec {
    public CompletionTerm {
      if ((field == null) == (signal == null)) {
        throw new UserInputException(field == null ? "field" : "signal",
            field == null ? "a completion term needs what to read" : "a completion term reads either a field or a signal, not both",
            "write `field: correct` (or format, finished, score, length) or `signal: <name>`");
      }
      if (signal != null) signal = signalName(signal, null, "signal");
      name = termName(name, field != null ? field.yamlName() : signal);
      weight = finite(weight, 1.0, "weight");
    }

    /** The field {@code field} of a completion, weight 1. */
    public CompletionTerm(CompletionField field) {
      this(null, field, null, null);
    }

    /** The signal {@code signal} of a completion, weight 1. */
    public CompletionTerm(String signal) {
      this(null, null, signal, null);
    }
  }

  /**
   * A linear length penalty beyond a free budget, r = −coef·max(0, L − free), L the completion's
   * length in tokens (PAR's default: 0.01 per token beyond 300). Completions only.
   *
   * @param name term name, default {@code length_penalty}
   * @param coef the penalty per token, &gt;= 0
   * @param free tokens without penalty, &gt;= 0, default 0
   */
  record LengthPenalty(String name, Double coef, Integer free) implements RewardSpec {
    public LengthPenalty {
      name = termName(name, "length_penalty");
      coef = required(coef, "coef");
      if (coef < 0) throw new UserInputException("coef", "coef " + coef + " is negative", "write a positive coef; the penalty is already subtracted");
      if (free == null) free = 0;
      if (free < 0) throw new UserInputException("free", "free " + free + " is negative", "write the number of tokens without penalty, 0 or more");
    }
  }

  /**
   * DAPO's soft overlong punishment (Yu et al. 2025, eq. 13): with L the length, L_max the limit and
   * L_c the cache window, r = 0 for L ≤ L_max − L_c, r = ((L_max − L_c) − L)/L_c in between (a ramp
   * from 0 to −1), r = −1 beyond L_max; times {@code factor} (verl's
   * {@code overlong_buffer.penalty_factor}). Completions only.
   *
   * @param name term name, default {@code overlong}
   * @param maxLength L_max, &gt; 0
   * @param cache L_c, in (0, L_max]
   * @param factor scale, &gt;= 0, default 1
   */
  record Overlong(String name, Integer maxLength, Integer cache, Double factor) implements RewardSpec {
    public Overlong {
      name = termName(name, "overlong");
      if (maxLength == null || maxLength <= 0) {
        throw new UserInputException("maxLength", maxLength == null ? "the value is missing" : "maxLength " + maxLength + " is not positive",
            "add `maxLength: <tokens>`, the length beyond which the penalty is full");
      }
      if (cache == null || cache <= 0 || cache > maxLength) {
        throw new UserInputException("cache", cache == null ? "the value is missing" : "cache " + cache + " is outside (0, maxLength = " + maxLength + "]",
            "add `cache: <tokens>`, the window before maxLength over which the penalty ramps up");
      }
      factor = finite(factor, 1.0, "factor");
      if (factor < 0) throw new UserInputException("factor", "factor " + factor + " is negative", "write a positive factor; the penalty is already subtracted");
    }
  }

  /**
   * GRPO-λ's correctness-switched length penalty (arXiv 2505.18086), per completion: r =
   * −[correct]·[efficiency-first]·α·σ((L − μ)/max(s, minStd)), with μ, s the mean and standard
   * deviation of the lengths of the correct completions in the completion's group and
   * "efficiency-first" the batch ranking's choice of the group (top-λ by accuracy). With a
   * {@code completion: correct} term beside it this is GRPO-λ's reward: 1 − α·σ(...) for a correct
   * completion of a top group, 0 for a wrong one, 1[correct] elsewhere. The ranking and the group
   * statistics come from the trainer, as completion signals. Completions only.
   *
   * @param name term name, default {@code length_switch}
   * @param alpha α &gt;= 0, default 0.6 (the reimplementation's value; the paper's is not confirmed)
   * @param minStd the floor of s, &gt; 0, default 1e-4 (one correct completion has s = 0)
   * @param mean the signal holding μ, default {@code group.correct_length_mean}
   * @param std the signal holding s, default {@code group.correct_length_std}
   * @param active the signal that is 1 for an efficiency-first group, 0 otherwise, default
   *     {@code group.efficiency_first}; a completion without it is treated as efficiency-first
   */
  record LengthSwitch(String name, Double alpha, Double minStd, String mean, String std, String active)
      implements RewardSpec {
    public LengthSwitch {
      name = termName(name, "length_switch");
      alpha = finite(alpha, 0.6, "alpha");
      if (alpha < 0) throw new UserInputException("alpha", "alpha " + alpha + " is negative", "write α >= 0");
      minStd = positive(minStd == null ? 1e-4 : minStd, "minStd");
      mean = signalName(mean, "group.correct_length_mean", "mean");
      std = signalName(std, "group.correct_length_std", "std");
      active = signalName(active, "group.efficiency_first", "active");
    }
  }

  /**
   * CRF's conciseness bonus (Efficient Reasoning via Reward Model, arXiv 2511.09158), per completion: r =
   * [correct]·α·c·(s + d), with c the conciseness reward model's score clipped to [0.1, 1], s an
   * annealing coefficient falling from 1 to 0 over training and d = 1 − the group's accuracy (the
   * question's difficulty). Multiplying by correctness means only correct answers earn it. With a
   * {@code completion: correct} term beside it this is CRF's R̂ = R^o·(1 + α·c·(s + d)).
   * Completions only.
   *
   * @param name term name, default {@code conciseness}
   * @param alpha α &gt;= 0 (not given by the paper's digest)
   * @param conciseness the signal holding c, default {@code conciseness}; required on each completion
   * @param progress the signal holding the fraction of training done, default {@code train.progress};
   *     absent means 0 (s = 1)
   * @param anneal the schedule s(progress): {@code cosine} (default), {@code linear} or {@code none}
   * @param accuracy the signal holding the group's accuracy, default {@code group.accuracy}; absent
   *     means d = 0
   */
  record Conciseness(String name, Double alpha, String conciseness, String progress, Anneal anneal, String accuracy)
      implements RewardSpec {
    public Conciseness {
      name = termName(name, "conciseness");
      alpha = required(alpha, "alpha");
      if (alpha < 0) throw new UserInputException("alpha", "alpha " + alpha + " is negative", "write α >= 0");
      conciseness = signalName(conciseness, "conciseness", "conciseness");
      progress = signalName(progress, "train.progress", "progress");
      if (anneal == null) anneal = Anneal.COSINE;
      accuracy = signalName(accuracy, "group.accuracy", "accuracy");
    }
  }

  /**
   * PageLLM's mixed-grained reward (arXiv 2506.09084): r = R_page + λ·Σ_k R_item,k — a page-level reward model's
   * score of the whole generated page plus an item-level model's scores of the key items' placement.
   * Logs two terms, {@code <name>.page} and {@code <name>.items}. Completions only.
   *
   * @param name the prefix of its two terms, default {@code page_item}
   * @param page the signal holding R_page, default {@code page}
   * @param items the sequence holding the R_item,k, default {@code items} (empty: no key item)
   * @param itemWeight λ, default 1 (the paper's value is not given)
   * @param pageWeight μ, the weight of R_page, default 1 (0: the item-grain-only ablation)
   */
  record PageItem(String name, String page, String items, Double itemWeight, Double pageWeight) implements RewardSpec {
    public PageItem {
      name = termName(name, "page_item");
      page = signalName(page, "page", "page");
      items = signalName(items, "items", "items");
      itemWeight = finite(itemWeight, 1.0, "itemWeight");
      pageWeight = finite(pageWeight, 1.0, "pageWeight");
    }

    /** With the page weight 1. */
    public PageItem(String name, String page, String items, Double itemWeight) {
      this(name, page, items, itemWeight, null);
    }
  }

  /**
   * Shop-R1's hierarchical action reward with difficulty-aware scaling (arXiv 2507.17842; see
   * {@code reward.text.HierarchicalActionReward}): 0 without format, else format + type credit + field
   * presence + thresholded ROUGE-L of the fields, the long-text ones times {@code dars}. Logs four terms,
   * {@code <name>.format}, {@code <name>.type}, {@code <name>.fields}, {@code <name>.similarity}.
   * Completions only.
   *
   * @param name the prefix of its terms, default {@code action}
   * @param format the format reward, default 0.5
   * @param dars the DARS factor, default 1000 (1: no scaling), at least 0
   * @param threshold the least ROUGE-L that earns credit, default 0.75, in [0, 1]
   * @param signals the prefix of the signals it reads, default {@code action.} (the {@code shop} task's)
   */
  record HierarchicalAction(String name, Double format, Double dars, Double threshold, String signals) implements RewardSpec {
    public HierarchicalAction {
      name = termName(name, "action");
      format = finite(format, 0.5, "format");
      dars = finite(dars, 1000.0, "dars");
      if (dars < 0) throw new UserInputException("dars", "dars " + dars + " is negative", "use 1 (no scaling) or more, e.g. 1000");
      threshold = finite(threshold, 0.75, "threshold");
      if (threshold < 0 || threshold > 1) throw new UserInputException("threshold", "threshold " + threshold + " is not in [0, 1]", "use e.g. 0.75");
      if (signals == null) signals = "action.";
      if (!signals.isEmpty() && !TERM_NAME.matcher(signals).matches()) {
        throw new UserInputException("signals", "signal prefix '" + signals + "' is not allowed", "use letters, digits, '_', '.' or '-' only");
      }
    }
  }

  /**
   * The text task's own verifier reward, exactly what a language-model run without a {@code reward:}
   * section trains on: r = [correct] + formatWeight·[wellFormed], where both indicators are 0 for a
   * completion that ran out of tokens (the peers' convention: an exact answer <em>followed by</em>
   * {@code <eos>}). Compose {@code weighted}, {@code clip} or length terms around it. Completions only.
   *
   * @param name term name, default {@code task}
   * @param formatWeight the weight of the format indicator, finite, default 0 (the runs' default
   *     {@code algo.formatWeight})
   */
  record TaskReward(String name, Double formatWeight) implements RewardSpec {
    public TaskReward {
      name = termName(name, "task");
      formatWeight = finite(formatWeight, 0.0, "formatWeight");
    }

    /** The task's reward with formatWeight 0: r = [correct]. */
    public TaskReward() {
      this(null, null);
    }
  }

  private static List<RewardSpec> specList(List<RewardSpec> specs, String where) {
    if (specs == null) return List.of();
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i) == null) {
        throw new UserInputException(where + "." + i, "the entry is empty", "write a reward spec, `{type: ...}`");
      }
    }
    return List.copyOf(specs);
  }

  private static String signalName(String signal, String dflt, String where) {
    if (signal == null) {
      if (dflt == null) throw new UserInputException(where, "the signal name is missing", "add `" + where + ": <name>`");
      return dflt;
    }
    if (!TERM_NAME.matcher(signal).matches()) {
      throw new UserInputException(where, "signal name '" + signal + "' is not allowed", "use letters, digits, '_', '.' or '-' only");
    }
    return signal;
  }

  private static Double positive(Double v, String where) {
    double x = finite(v, 0, where);
    if (!(x > 0)) throw new UserInputException(where, where + " " + x + " is not positive", "write a number > 0");
    return x;
  }

  // ------------------------------------------------------------------ learned rewards

  /**
   * A trained reward model's score as a term, loaded from its file ({@code rewardlab rm train}): r = weight·r_φ(x),
   * or weight·(r_φ(x) − μ)/σ with {@code standardize} (μ, σ of the model's rewards on its training data, HERON's
   * normalization). On transitions a feature-vector model reads the observation ({@code input: obs}, the
   * default), the next observation ({@code next_obs}) or the observation followed by the action
   * ({@code obs_action}); on completions a text model reads the prompt and the completion.
   *
   * @param name term name, default {@code rm}
   * @param path the model file, relative to the working directory
   * @param input what a transition model reads: {@code obs}, {@code next_obs} or {@code obs_action}
   * @param weight scale, default 1
   * @param standardize subtract the training mean and divide by the training standard deviation, default false
   */
  record RewardModelTerm(String name, String path, String input, Double weight, Boolean standardize)
      implements RewardSpec {
    public RewardModelTerm {
      if (path == null || path.isBlank()) {
        throw new UserInputException("path", "a reward_model term needs the model file", "write `path: my.rm`");
      }
      if (input == null) input = "obs";
      if (!input.equals("obs") && !input.equals("next_obs") && !input.equals("obs_action")) {
        throw new UserInputException("input", "unknown input '" + input + "'", "use obs, next_obs or obs_action");
      }
      name = termName(name, "rm");
      weight = finite(weight, 1.0, "weight");
      if (standardize == null) standardize = false;
    }
  }

  private static String termName(String name, String dflt) {
    if (name == null) return dflt;
    if (!TERM_NAME.matcher(name).matches()) {
      throw new UserInputException("name", "term name '" + name + "' is not allowed",
          "use letters, digits, '_', '.' or '-' only");
    }
    return name;
  }

  private static Double finite(Double v, double dflt, String where) {
    if (v == null) return dflt;
    if (!Double.isFinite(v)) {
      throw new UserInputException(where, "value " + v + " is not finite", "write a finite number");
    }
    return v;
  }

  private static Double required(Double v, String where) {
    if (v == null) {
      throw new UserInputException(where, "the value is missing", "add `" + where + ": <number>`");
    }
    return finite(v, 0, where);
  }
}
