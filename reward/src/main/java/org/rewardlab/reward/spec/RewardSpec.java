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
})
public sealed interface RewardSpec {

  /** Allowed term names: letters, digits, {@code _ . -}. */
  Pattern TERM_NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

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
   */
  record Weighted(List<WeightedTerm> terms) implements RewardSpec {
    public Weighted {
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
