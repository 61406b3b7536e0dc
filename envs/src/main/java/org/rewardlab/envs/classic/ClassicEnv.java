package org.rewardlab.envs.classic;

import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.HasState;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Space;

/**
 * What the five classic-control kernels share, so that each of them holds only its physics: the
 * spec and the two spaces, the env's random stream and its seeding, the terminated flag, and the
 * checkpoint encoding. A subclass draws its initial state from {@link #rng} in
 * {@link #startEpisode()}, sets {@link #terminated} in {@link #step}, and maps its named state
 * fields to and from the state vector ({@link #state()}, {@link #setState(double[])}) and to the
 * observation ({@link #observe}).
 *
 * <p>A base class rather than a helper each env holds (CONVENTIONS.md prefers composition): what
 * repeated was the implementation of the interfaces' own methods (spec, spaces, seeding, the flag,
 * save and load), which a held helper would still have needed each env to forward one by one. It
 * is one level deep, sealed to the five siblings, with one required hook.
 *
 * <p>Checkpoint layout ({@link #saveState}), as each env wrote it before this class existed: the
 * state vector, the terminated flag (only for envs that can terminate: Pendulum never does), the
 * subclass's episode counters ({@link #saveEpisodeCounters}; CartPole's
 * {@code steps_beyond_terminated}), the random stream.
 *
 * <p>Not thread-safe.
 */
abstract sealed class ClassicEnv implements FlatEnv, HasState, Checkpointable
    permits CartPole, MountainCar, MountainCarContinuous, Acrobot, Pendulum {
  private final EnvSpec spec;
  private final Box observationSpace;
  private final Space<?> actionSpace;
  private final boolean canTerminate;

  /** The env's random stream: {@code reset(seed, ...)} reseeds it, {@code reset(...)} continues it. */
  RandomSource rng = RandomSource.of(0);

  /** Whether the last step reached a terminal state; every reset clears it. */
  boolean terminated;

  /**
   * @param canTerminate whether the env has terminal states (and so a terminated flag in its
   *     checkpoints)
   */
  ClassicEnv(EnvSpec spec, Box observationSpace, Space<?> actionSpace, boolean canTerminate) {
    this.spec = spec;
    this.observationSpace = observationSpace;
    this.actionSpace = actionSpace;
    this.canTerminate = canTerminate;
  }

  /** Draws the initial state from {@link #rng} and restarts any per-episode counters. */
  abstract void startEpisode();

  /** Appends per-episode counters to a checkpoint, between the flag and the random stream. */
  void saveEpisodeCounters(StateBuffer out) {}

  /** Reads what {@link #saveEpisodeCounters} wrote. */
  void loadEpisodeCounters(StateBuffer in) {}

  @Override
  public final EnvSpec spec() {
    return spec;
  }

  @Override
  public final Box observationSpace() {
    return observationSpace;
  }

  @Override
  public final Space<?> actionSpace() {
    return actionSpace;
  }

  @Override
  public final void reset(long seed, float[] obs, int off) {
    rng = RandomSource.of(seed);
    reset(obs, off);
  }

  @Override
  public final void reset(float[] obs, int off) {
    startEpisode();
    terminated = false;
    observe(obs, off);
  }

  @Override
  public final boolean terminated() {
    return terminated;
  }

  /**
   * Checks the length of a state vector given to {@link #setState(double[])}.
   *
   * @throws IllegalArgumentException if it is not {@code n}
   */
  final void checkStateLength(double[] state, int n) {
    if (state.length != n) {
      throw new IllegalArgumentException(
          spec.id() + " state has " + n + " components, got " + state.length);
    }
  }

  @Override
  public final void saveState(StateBuffer out) {
    out.putDoubles(state());
    if (canTerminate) out.putBoolean(terminated);
    saveEpisodeCounters(out);
    out.putLongs(rng.state());
  }

  @Override
  public final void loadState(StateBuffer in) {
    setState(in.getDoubles());
    if (canTerminate) terminated = in.getBoolean();
    loadEpisodeCounters(in);
    rng = RandomSource.fromState(in.getLongs());
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + spec.id() + ")";
  }
}
