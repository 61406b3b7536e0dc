package org.rewardlab.reward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.core.Suggestions;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.reward.ObservationPotential;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Space;
import org.rewardlab.reward.compose.Clipped;
import org.rewardlab.reward.compose.WeightedSum;
import org.rewardlab.reward.shaping.ConditionalConstant;
import org.rewardlab.reward.shaping.PotentialShaping;
import org.rewardlab.reward.shaping.QuadraticActionCost;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * Builds the {@link RewardFn} a {@link RewardSpec} describes, for one environment and one agent,
 * checking what only they can tell: that a {@code potential} term names a potential the env registers
 * (the {@link RewardBuildContext}'s potentials), that an action cost has Box actions, and that term
 * names are unique. A potential term without {@code gamma} gets the context's agent γ.
 *
 * <p><b>Error places.</b> Every {@link UserInputException} names the YAML path of the offending key
 * relative to the spec's root, e.g. {@code terms.1.reward.potential}; the caller prefixes where the
 * spec sits in its config ({@code reward.terms.1.reward.potential} in an experiment). An error about
 * the root itself has an empty place.
 *
 * <p>Stateless and thread-safe; each call builds new reward objects.
 */
public final class RewardSpecs {
  private RewardSpecs() {}

  /**
   * Builds {@code spec} for {@code env}'s spaces.
   *
   * @throws UserInputException if the spec does not fit the env or the context, or repeats a term
   *     name
   */
  public static RewardFn<FlatTransition> build(RewardSpec spec, FlatEnv env, RewardBuildContext context) {
    return build(spec, env.spec(), env.observationSpace(), env.actionSpace(), context);
  }

  /**
   * Builds {@code spec} for an environment with these spaces.
   *
   * @throws UserInputException if the spec does not fit the env or the context, or repeats a term
   *     name
   */
  public static RewardFn<FlatTransition> build(
      RewardSpec spec, EnvSpec env, Box observationSpace, Space<?> actionSpace, RewardBuildContext context) {
    if (spec == null || env == null || observationSpace == null || actionSpace == null || context == null) {
      throw new IllegalArgumentException("build needs a spec, the env's spec and spaces, and a RewardBuildContext");
    }
    checkUniqueNames(spec, "", new LinkedHashMap<>());
    return new Builder(env, actionSpace, context).node(spec, "");
  }

  /** The spec of the environment's own reward, unchanged: {@code {type: env}}. */
  public static RewardSpec envOnly() {
    return new RewardSpec.EnvReward();
  }

  /** Whether {@code spec} has a {@code potential} term anywhere (it then needs the env's potentials). */
  public static boolean hasPotentialTerm(RewardSpec spec) {
    if (spec instanceof RewardSpec.Potential) return true;
    if (spec instanceof RewardSpec.Weighted w) {
      return w.terms().stream().anyMatch(t -> hasPotentialTerm(t.reward()));
    }
    if (spec instanceof RewardSpec.Clip c) return hasPotentialTerm(c.reward());
    return false;
  }

  private record Builder(EnvSpec env, Space<?> actSpace, RewardBuildContext context) {

    RewardFn<FlatTransition> node(RewardSpec spec, String path) {
      if (spec instanceof RewardSpec.EnvReward s) {
        return new EnvRewardTerm(s.name());
      }
      if (spec instanceof RewardSpec.Weighted s) {
        List<RewardFn<FlatTransition>> children = new ArrayList<>();
        double[] weights = new double[s.terms().size()];
        for (int i = 0; i < weights.length; i++) {
          weights[i] = s.terms().get(i).weight();
          children.add(node(s.terms().get(i).reward(), join(path, "terms." + i + ".reward")));
        }
        return new WeightedSum<>(children, weights);
      }
      if (spec instanceof RewardSpec.Potential s) {
        double gamma = s.gamma() != null ? s.gamma() : context.agentGamma();
        return new PotentialShaping(s.name(), potential(s.potential(), join(path, "potential")), gamma, s.weight());
      }
      if (spec instanceof RewardSpec.Bonus s) {
        return new ConditionalConstant(s.name(), s.amount(), s.on());
      }
      if (spec instanceof RewardSpec.Penalty s) {
        return new ConditionalConstant(s.name(), -s.amount(), s.on());
      }
      if (spec instanceof RewardSpec.ActionCost s) {
        if (!(actSpace instanceof Box)) {
          throw new UserInputException(
              join(path, "type"),
              env.id() + " has " + actSpace.getClass().getSimpleName() + " actions; an action_cost (‖a‖²) needs continuous (Box) actions",
              "remove this action_cost term or use an env with Box actions");
        }
        return new QuadraticActionCost(s.name(), s.coef());
      }
      if (spec instanceof RewardSpec.Clip s) {
        return new Clipped<>(s.name(), s.lo(), s.hi(), node(s.reward(), join(path, "reward")));
      }
      throw new IllegalStateException("no builder case for reward spec " + spec.getClass().getName());
    }

    private ObservationPotential potential(String name, String where) {
      ObservationPotential p = context.potentials().get(name);
      if (p != null) return p;
      Map<String, ObservationPotential> known = context.potentials();
      if (known.isEmpty()) {
        throw new UserInputException(where, "unknown potential '" + name + "': " + env.id() + " registers no potentials",
            "remove the potential term, or register potentials for " + env.id()
                + " with EnvRegistry.register(spec, factory, potentials)");
      }
      String hint = Suggestions.closest(name, known.keySet()).map(b -> "did you mean '" + b + "'? ").orElse("");
      throw new UserInputException(where, "unknown potential '" + name + "' for " + env.id(),
          hint + "use one of the potentials " + env.id() + " registers: " + String.join(", ", known.keySet()));
    }
  }

  /** Records every term name with its path; a second use is an error naming its {@code name} key. */
  private static void checkUniqueNames(RewardSpec spec, String path, Map<String, String> seen) {
    if (spec instanceof RewardSpec.Weighted s) {
      for (int i = 0; i < s.terms().size(); i++) {
        checkUniqueNames(s.terms().get(i).reward(), join(path, "terms." + i + ".reward"), seen);
      }
      return;
    }
    if (spec instanceof RewardSpec.Clip s) {
      checkUniqueNames(s.reward(), join(path, "reward"), seen);
    }
    String name = leafName(spec);
    String first = seen.putIfAbsent(name, path);
    if (first != null) {
      throw new UserInputException(
          join(path, "name"),
          "the term name '" + name + "' is used twice (also by the term at " + (first.isEmpty() ? "the root" : first) + ")",
          "give each term its own `name:`, e.g. `name: " + name + "_2`");
    }
  }

  private static String leafName(RewardSpec spec) {
    if (spec instanceof RewardSpec.EnvReward s) return s.name();
    if (spec instanceof RewardSpec.Potential s) return s.name();
    if (spec instanceof RewardSpec.Bonus s) return s.name();
    if (spec instanceof RewardSpec.Penalty s) return s.name();
    if (spec instanceof RewardSpec.ActionCost s) return s.name();
    if (spec instanceof RewardSpec.Clip s) return s.name();
    throw new IllegalStateException("no term name for reward spec " + spec.getClass().getName());
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
