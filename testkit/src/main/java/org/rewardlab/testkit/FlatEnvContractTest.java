package org.rewardlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.FlatEnvs;
import org.rewardlab.core.env.HasState;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;

/**
 * The contract every {@link FlatEnv} must keep, as JUnit 5 tests: extend this class in a module's
 * tests and implement {@link #createEnv()}.
 *
 * <p>Checked: reset observations lie in the observation space; random-action rollouts (with the
 * spec's time limit) produce finite rewards and observations that lie in the space unless the step
 * terminated; the same seed twice gives identical trajectories and different seeds different
 * starts; {@link FlatEnv#copy()} shares no state; {@link HasState} round trips; invalid Discrete
 * actions are rejected.
 */
public abstract class FlatEnvContractTest {

  /** A fresh, not yet reset instance of the env under test. */
  protected abstract FlatEnv createEnv();

  /** Steps per random rollout (at least one episode of most envs). */
  protected int rolloutSteps() {
    return 600;
  }

  /** One recorded rollout: observations after reset and after every step, rewards, flags. */
  protected record Trajectory(List<float[]> observations, List<Double> rewards, List<Boolean> terminated) {
    void assertSameAs(Trajectory other, String what) {
      assertThat(observations.size()).as(what + ": length").isEqualTo(other.observations.size());
      for (int i = 0; i < observations.size(); i++) {
        assertThat(observations.get(i)).as(what + ": observation " + i).containsExactly(other.observations.get(i));
      }
      assertThat(rewards).as(what + ": rewards").containsExactlyElementsOf(other.rewards);
      assertThat(terminated).as(what + ": terminated").containsExactlyElementsOf(other.terminated);
    }
  }

  /**
   * Resets {@code env} with {@code seed} and steps it {@code steps} times with random actions from
   * a stream seeded by {@code actionSeed}, resetting (continuing the env's stream) at termination
   * and at the spec's time limit.
   */
  protected static Trajectory rollout(FlatEnv env, long seed, long actionSeed, int steps) {
    RandomSource rng = RandomSource.of(actionSeed);
    float[] obs = new float[env.observationSize()];
    float[] action = new float[env.actionSize()];
    int limit = env.spec().maxEpisodeSteps();
    List<float[]> observations = new ArrayList<>();
    List<Double> rewards = new ArrayList<>();
    List<Boolean> terminated = new ArrayList<>();
    env.reset(seed, obs, 0);
    observations.add(obs.clone());
    int t = 0;
    for (int i = 0; i < steps; i++) {
      FlatEnvs.sampleAction(env.actionSpace(), rng, action, 0);
      double r = env.step(action, 0, obs, 0);
      t++;
      observations.add(obs.clone());
      rewards.add(r);
      terminated.add(env.terminated());
      if (env.terminated() || (limit > 0 && t >= limit)) {
        env.reset(obs, 0);
        observations.add(obs.clone());
        t = 0;
      }
    }
    return new Trajectory(observations, rewards, terminated);
  }

  @Test
  void resetObservationLiesInTheObservationSpace() {
    FlatEnv env = createEnv();
    Box space = env.observationSpace();
    float[] obs = new float[env.observationSize()];
    for (long seed = 0; seed < 20; seed++) {
      env.reset(seed, obs, 0);
      assertThat(space.contains(obs)).as("reset(%d) observation %s in %s", seed, Arrays.toString(obs), space).isTrue();
    }
  }

  @Test
  void randomRolloutsStayInSpaceUnlessTerminated() {
    FlatEnv env = createEnv();
    Box space = env.observationSpace();
    float[] obs = new float[env.observationSize()];
    float[] action = new float[env.actionSize()];
    RandomSource rng = RandomSource.of(7);
    int limit = env.spec().maxEpisodeSteps();
    env.reset(3, obs, 0);
    int t = 0;
    int episodes = 0;
    for (int i = 0; i < rolloutSteps(); i++) {
      FlatEnvs.sampleAction(env.actionSpace(), rng, action, 0);
      double r = env.step(action, 0, obs, 0);
      t++;
      assertThat(Double.isFinite(r)).as("reward %s at step %d is finite", r, i).isTrue();
      for (float v : obs) assertThat(Float.isNaN(v)).as("NaN in observation %s", Arrays.toString(obs)).isFalse();
      if (!space.contains(obs)) {
        assertThat(env.terminated())
            .as("observation %s left %s without terminating", Arrays.toString(obs), space)
            .isTrue();
      }
      if (env.terminated() || (limit > 0 && t >= limit)) {
        env.reset(obs, 0);
        assertThat(space.contains(obs)).as("observation after a reset continuing the stream").isTrue();
        t = 0;
        episodes++;
      }
    }
    assertThat(episodes + t).isPositive();
  }

  @Test
  void sameSeedTwiceGivesIdenticalTrajectories() {
    Trajectory a = rollout(createEnv(), 42, 1, rolloutSteps());
    Trajectory b = rollout(createEnv(), 42, 1, rolloutSteps());
    a.assertSameAs(b, "two runs with seed 42");
    FlatEnv reused = createEnv();
    rollout(reused, 5, 2, 50);
    a.assertSameAs(rollout(reused, 42, 1, rolloutSteps()), "a reused instance reseeded with 42");
  }

  @Test
  void differentSeedsGiveDifferentStarts() {
    FlatEnv env = createEnv();
    float[] a = new float[env.observationSize()];
    float[] b = new float[env.observationSize()];
    int differing = 0;
    for (long seed = 0; seed < 10; seed++) {
      env.reset(seed, a, 0);
      env.reset(seed + 1000, b, 0);
      if (!Arrays.equals(a, b)) differing++;
    }
    assertThat(differing).as("reset(seed) and reset(seed + 1000) differ").isGreaterThanOrEqualTo(9);
  }

  @Test
  void copyIsIndependent() {
    FlatEnv env = createEnv();
    FlatEnv copy = env.copy();
    assertThat(copy).isNotSameAs(env);
    assertThat(copy.spec()).isEqualTo(env.spec());
    assertThat(copy.observationSpace()).isEqualTo(env.observationSpace());
    assertThat(copy.actionSpace()).isEqualTo(env.actionSpace());
    int n = 200;
    Trajectory expectedA = rollout(createEnv(), 11, 1, n);
    Trajectory expectedB = rollout(createEnv(), 12, 2, n);
    // Step the two instances interleaved: any shared state would change one of the trajectories.
    RandomSource ra = RandomSource.of(1);
    RandomSource rb = RandomSource.of(2);
    float[] oa = new float[env.observationSize()];
    float[] ob = new float[env.observationSize()];
    float[] aa = new float[env.actionSize()];
    float[] ab = new float[env.actionSize()];
    List<float[]> obsA = new ArrayList<>();
    List<float[]> obsB = new ArrayList<>();
    env.reset(11, oa, 0);
    copy.reset(12, ob, 0);
    obsA.add(oa.clone());
    obsB.add(ob.clone());
    int limit = env.spec().maxEpisodeSteps();
    int ta = 0;
    int tb = 0;
    for (int i = 0; i < n; i++) {
      FlatEnvs.sampleAction(env.actionSpace(), ra, aa, 0);
      FlatEnvs.sampleAction(copy.actionSpace(), rb, ab, 0);
      env.step(aa, 0, oa, 0);
      copy.step(ab, 0, ob, 0);
      obsA.add(oa.clone());
      obsB.add(ob.clone());
      if (env.terminated() || (limit > 0 && ++ta >= limit)) {
        env.reset(oa, 0);
        obsA.add(oa.clone());
        ta = 0;
      }
      if (copy.terminated() || (limit > 0 && ++tb >= limit)) {
        copy.reset(ob, 0);
        obsB.add(ob.clone());
        tb = 0;
      }
    }
    assertThat(obsA).as("original stepped beside its copy").hasSameSizeAs(expectedA.observations());
    for (int i = 0; i < obsA.size(); i++) assertThat(obsA.get(i)).containsExactly(expectedA.observations().get(i));
    assertThat(obsB).as("copy stepped beside the original").hasSameSizeAs(expectedB.observations());
    for (int i = 0; i < obsB.size(); i++) assertThat(obsB.get(i)).containsExactly(expectedB.observations().get(i));
  }

  @Test
  void stateRoundTripsThroughHasState() {
    FlatEnv env = createEnv();
    assumeTrue(env.unwrapped() instanceof HasState, "env does not expose its state");
    HasState hs = (HasState) env.unwrapped();
    float[] obs = new float[env.observationSize()];
    float[] action = new float[env.actionSize()];
    RandomSource rng = RandomSource.of(9);
    env.reset(21, obs, 0);
    for (int i = 0; i < 5 && !env.terminated(); i++) {
      FlatEnvs.sampleAction(env.actionSpace(), rng, action, 0);
      env.step(action, 0, obs, 0);
    }
    double[] state = hs.state();
    float[] observed = new float[env.observationSize()];
    hs.observe(observed, 0);
    assertThat(observed).as("observe() of the current state equals the last observation").containsExactly(obs);

    FlatEnv other = createEnv();
    HasState ohs = (HasState) other.unwrapped();
    float[] otherObs = new float[other.observationSize()];
    other.reset(99, otherObs, 0);
    ohs.setState(state);
    assertThat(ohs.state()).containsExactly(state);
    ohs.observe(otherObs, 0);
    assertThat(otherObs).containsExactly(obs);

    state[0] += 1; // state() must return a copy
    assertThat(hs.state()[0]).isNotEqualTo(state[0]);
    state[0] -= 1;

    FlatEnvs.sampleAction(env.actionSpace(), rng, action, 0);
    double r1 = env.step(action, 0, obs, 0);
    double r2 = other.step(action, 0, otherObs, 0);
    assertThat(otherObs).containsExactly(obs);
    assertThat(r2).isEqualTo(r1);
    assertThat(other.terminated()).isEqualTo(env.terminated());
    assertThat(ohs.state()).containsExactly(hs.state());
    assertThatThrownBy(() -> ohs.setState(new double[state.length + 1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidDiscreteActionsAreRejected() {
    FlatEnv env = createEnv();
    assumeTrue(env.actionSpace() instanceof Discrete, "action space is not Discrete");
    Discrete d = (Discrete) env.actionSpace();
    float[] obs = new float[env.observationSize()];
    env.reset(0, obs, 0);
    for (float bad : new float[] {-1f, d.n(), 0.5f, Float.NaN}) {
      assertThatThrownBy(() -> env.step(new float[] {bad}, 0, obs, 0))
          .as("action %s", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
