package org.rewardlab.algos.tabular;

import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.envs.grid.GridWorld;
import org.rewardlab.envs.grid.TabularModel;
import org.rewardlab.reward.mdp.PolicyEvaluation;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularPolicy;
import org.rewardlab.reward.mdp.TabularReward;
import org.rewardlab.reward.mdp.ValueIteration;

/**
 * An env's exact MDP in the {@code reward} module's types: the kernel and initial distribution as a
 * {@link TabularMdp} with the agent's discount, the reward as a {@link TabularReward} R(s, a, s'),
 * and which states are terminal (absorbing with reward 0). The adapter between {@code envs}, which
 * exports plain arrays ({@link TabularModel}) and does not depend on {@code reward}, and the exact
 * solvers ({@link ValueIteration}, {@link PolicyEvaluation}, the reward distances).
 *
 * <p>Immutable (the arrays are copied) and thread-safe.
 *
 * @param mdp states, actions, γ, τ(s'|s,a) and μ
 * @param reward R(s, a, s')
 * @param terminal whether each state is terminal
 */
public record ExactMdp(TabularMdp mdp, TabularReward reward, boolean[] terminal) {
  public ExactMdp {
    reward.requireShape(mdp);
    if (terminal.length != mdp.nS()) throw new IllegalArgumentException("terminal must have nS = " + mdp.nS() + " entries");
    terminal = terminal.clone();
  }

  /** The model with discount {@code gamma} in [0, 1). */
  public static ExactMdp of(TabularModel model, double gamma) {
    TabularMdp mdp = new TabularMdp(model.numStates(), model.numActions(), gamma, model.transition(), model.initial());
    return new ExactMdp(mdp, new TabularReward(model.numStates(), model.numActions(), model.reward()), model.terminal());
  }

  /**
   * The exact MDP of {@code env} (its unwrapped kernel, so wrappers and the time limit are ignored).
   *
   * @throws UserInputException if the env has no exact model (only grid envs export one)
   */
  public static ExactMdp of(FlatEnv env, double gamma) {
    if (!(env.unwrapped() instanceof GridWorld grid)) {
      throw new UserInputException("env.id", env.spec().id() + " exports no tabular model",
          "use a grid env (GridGoal-v0, GridLava-v0, FourRooms-v0, KeyDoor-v0 or a GridWorld of your own map)");
    }
    return of(grid.model(), gamma);
  }

  @Override
  public boolean[] terminal() {
    return terminal.clone();
  }

  /** Whether state {@code s} is terminal. */
  public boolean isTerminal(int s) {
    return terminal[s];
  }

  /** Optimal values, action values and a greedy policy ({@link ValueIteration} at its default tolerance). */
  public ValueIteration.Result solve() {
    return ValueIteration.solve(mdp, reward);
  }

  /** V^π, exactly ({@link PolicyEvaluation}). */
  public double[] values(TabularPolicy policy) {
    return PolicyEvaluation.values(mdp, reward, policy);
  }

  /** J(π) = Σ_s μ(s) V^π(s): the expected discounted return from the start distribution. */
  public double policyReturn(TabularPolicy policy) {
    return PolicyEvaluation.policyReturn(mdp, reward, policy);
  }
}
