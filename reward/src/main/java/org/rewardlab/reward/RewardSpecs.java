package org.rewardlab.reward;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.data.FlatTransition;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Space;
import org.rewardlab.reward.compose.Clipped;
import org.rewardlab.reward.compose.WeightedSum;
import org.rewardlab.reward.shaping.ConditionalConstant;
import org.rewardlab.reward.shaping.PotentialShaping;
import org.rewardlab.reward.shaping.Potentials;
import org.rewardlab.reward.shaping.QuadraticActionCost;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * Builds the {@link RewardFn} a {@link RewardSpec} describes, for one environment, checking what only
 * the environment can tell (observation sizes of potentials, Box actions for action costs) and that
 * term names are unique.
 */
public final class RewardSpecs {
  private RewardSpecs() {}

  /** Builds {@code spec} for {@code env}'s spaces. */
  public static RewardFn<FlatTransition> build(RewardSpec spec, FlatEnv env) {
    return build(spec, env.spec(), env.observationSpace(), env.actionSpace());
  }

  /**
   * Builds {@code spec} for an environment with these spaces.
   *
   * @throws UserInputException if the spec does not fit the environment or repeats a term name
   */
  public static RewardFn<FlatTransition> build(
      RewardSpec spec, EnvSpec env, Box observationSpace, Space<?> actionSpace) {
    RewardFn<FlatTransition> fn = node(spec, env, observationSpace, actionSpace);
    WeightedSum.uniqueNames(fn.termNames());
    return fn;
  }

  /** The spec of the environment's own reward, unchanged: {@code {type: env}}. */
  public static RewardSpec envOnly() {
    return new RewardSpec.EnvReward();
  }

  private static RewardFn<FlatTransition> node(
      RewardSpec spec, EnvSpec env, Box obsSpace, Space<?> actSpace) {
    if (spec instanceof RewardSpec.EnvReward s) {
      return new EnvRewardTerm(s.name());
    }
    if (spec instanceof RewardSpec.Weighted s) {
      List<RewardFn<FlatTransition>> children = new ArrayList<>();
      double[] weights = new double[s.terms().size()];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = s.terms().get(i).weight();
        children.add(node(s.terms().get(i).reward(), env, obsSpace, actSpace));
      }
      return new WeightedSum<>(children, weights);
    }
    if (spec instanceof RewardSpec.Potential s) {
      Potentials.Entry p = Potentials.get(s.potential());
      if (p.observationSize() != 0 && p.observationSize() != obsSpace.flatSize()) {
        throw new UserInputException(
            "potential.potential",
            "potential '" + p.name() + "' reads observations of " + p.observationSize() + " floats, but "
                + env.id() + " has " + obsSpace.flatSize(),
            "pick a potential written for " + env.id() + " (known: " + String.join(", ", Potentials.names()) + ")");
      }
      return new PotentialShaping(s.name(), p.potential(), s.gamma(), s.weight());
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
            "action_cost",
            env.id() + " has " + actSpace.getClass().getSimpleName() + " actions; ‖a‖² needs continuous (Box) actions",
            "remove the action_cost term or use an env with Box actions");
      }
      return new QuadraticActionCost(s.name(), s.coef());
    }
    if (spec instanceof RewardSpec.Clip s) {
      return new Clipped<>(s.name(), s.lo(), s.hi(), node(s.reward(), env, obsSpace, actSpace));
    }
    throw new IllegalStateException("no builder case for reward spec " + spec.getClass().getName());
  }
}
