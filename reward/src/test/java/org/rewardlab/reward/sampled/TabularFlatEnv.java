package org.rewardlab.reward.sampled;

import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.HasState;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.Space;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * A test fixture: a {@link TabularMdp} with a reward table as a {@link FlatEnv} whose exact MDP is
 * known. Observations are one-hot vectors of the state, actions Discrete(|A|), the start state is
 * drawn from the MDP's initial distribution and next states from τ with the env's own stream; it never
 * terminates (the spec's time limit cuts episodes). It exposes its state and scores any triple from
 * its table ({@link EnvRewardModel}), so sample-based distances can be checked against exact ones.
 */
final class TabularFlatEnv implements FlatEnv, HasState, EnvRewardModel {
  private final TabularMdp mdp;
  private final TabularReward reward;
  private final EnvSpec spec;
  private final Box observationSpace;
  private final Discrete actionSpace;
  private RandomSource rng = RandomSource.of(0);
  private int state;

  TabularFlatEnv(TabularMdp mdp, TabularReward reward, int maxEpisodeSteps) {
    this.mdp = mdp;
    this.reward = reward;
    this.spec = new EnvSpec("Tabular-v0", maxEpisodeSteps, null);
    this.observationSpace = Box.uniform(0, 1, mdp.nS());
    this.actionSpace = new Discrete(mdp.nA());
  }

  /** The state a one-hot observation encodes. */
  static int decode(float[] obs, int off, int nS) {
    for (int s = 0; s < nS; s++) {
      if (obs[off + s] > 0.5f) return s;
    }
    throw new IllegalArgumentException("not a one-hot observation");
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  @Override
  public Box observationSpace() {
    return observationSpace;
  }

  @Override
  public Space<?> actionSpace() {
    return actionSpace;
  }

  @Override
  public void reset(long seed, float[] obs, int off) {
    rng = RandomSource.of(seed);
    reset(obs, off);
  }

  @Override
  public void reset(float[] obs, int off) {
    state = rng.categorical(mdp.initial());
    observe(obs, off);
  }

  @Override
  public double step(float[] action, int aOff, float[] obs, int oOff) {
    int a = (int) action[aOff];
    if (a < 0 || a >= mdp.nA()) throw new IllegalArgumentException("action " + a);
    double[] row = new double[mdp.nS()];
    for (int n = 0; n < row.length; n++) row[n] = mdp.p(state, a, n);
    int next = rng.categorical(row);
    double r = reward.get(state, a, next);
    state = next;
    observe(obs, oOff);
    return r;
  }

  @Override
  public boolean terminated() {
    return false;
  }

  @Override
  public FlatEnv copy() {
    return new TabularFlatEnv(mdp, reward, spec.maxEpisodeSteps());
  }

  @Override
  public double[] state() {
    return new double[] {state};
  }

  @Override
  public void setState(double[] s) {
    if (s.length != 1) throw new IllegalArgumentException("state has 1 component");
    state = (int) s[0];
  }

  @Override
  public void observe(float[] obs, int off) {
    for (int s = 0; s < mdp.nS(); s++) obs[off + s] = s == state ? 1f : 0f;
  }

  @Override
  public double envReward(float[] obs, int obsOff, float[] action, int actionOff, float[] nextObs, int nextOff) {
    return reward.get(decode(obs, obsOff, mdp.nS()), (int) action[actionOff], decode(nextObs, nextOff, mdp.nS()));
  }
}
