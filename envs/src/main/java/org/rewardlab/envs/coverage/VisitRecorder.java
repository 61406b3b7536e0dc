package org.rewardlab.envs.coverage;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.FlatEnvWrapper;
import org.rewardlab.core.env.StateBuffer;

/**
 * A pass-through {@link FlatEnv} wrapper that counts where a 2-D env goes: after every reset and step
 * it reads the position from the observation — two entries already normalized to [0, 1] (as {@code
 * AgvNav}'s first two), or any {@link Locator} — into a shared {@link CoverageMap}, and
 * the first recorder (not its copies) keeps its current and last finished episode's path for
 * trajectory plots. Copies share the map, so a vector env of copies fills one map.
 *
 * <p>Measurement only: the map is not part of a checkpoint ({@link #saveState} writes the inner env's
 * state alone). Not thread-safe.
 */
public final class VisitRecorder implements FlatEnvWrapper, Checkpointable {
  /** Where an observation is: writes the normalized {@code (u, v)} in [0, 1]^2 into {@code out}. */
  @FunctionalInterface
  public interface Locator {
    void locate(float[] obs, int off, float[] out);
  }

  private final FlatEnv inner;
  private final CoverageMap map;
  private final Locator locator;
  private final float[] uv = new float[2];
  private final boolean tracks;
  private List<float[]> current = new ArrayList<>();
  private List<float[]> last = List.of();

  /** @param inner the env (not owned beyond {@link #close()}) */
  public VisitRecorder(FlatEnv inner, CoverageMap map, int xIndex, int yIndex) {
    this(inner, map, indices(inner, xIndex, yIndex), true);
  }

  /** With any {@link Locator} (e.g. a grid's one-hot state to its cell). */
  public VisitRecorder(FlatEnv inner, CoverageMap map, Locator locator) {
    this(inner, map, locator, true);
  }

  private VisitRecorder(FlatEnv inner, CoverageMap map, Locator locator, boolean tracks) {
    this.inner = inner;
    this.map = map;
    this.locator = locator;
    this.tracks = tracks;
  }

  private static Locator indices(FlatEnv inner, int xIndex, int yIndex) {
    if (xIndex < 0 || yIndex < 0 || xIndex >= inner.observationSize() || yIndex >= inner.observationSize()) {
      throw new IllegalArgumentException("position indices " + xIndex + ", " + yIndex + " outside the observation of " + inner.observationSize());
    }
    return (obs, off, out) -> {
      out[0] = obs[off + xIndex];
      out[1] = obs[off + yIndex];
    };
  }

  @Override
  public FlatEnv inner() {
    return inner;
  }

  public CoverageMap map() {
    return map;
  }

  /** The path of the last finished episode of this (first) recorder, normalized positions; empty before one ends. */
  public List<float[]> lastTrajectory() {
    return last;
  }

  @Override
  public void reset(long seed, float[] obs, int off) {
    inner.reset(seed, obs, off);
    record(obs, off, true);
  }

  @Override
  public void reset(float[] obs, int off) {
    inner.reset(obs, off);
    record(obs, off, true);
  }

  @Override
  public double step(float[] action, int aOff, float[] obs, int oOff) {
    double r = inner.step(action, aOff, obs, oOff);
    record(obs, oOff, false);
    if (tracks && (inner.terminated() || inner.truncated())) last = List.copyOf(current);
    return r;
  }

  private void record(float[] obs, int off, boolean start) {
    locator.locate(obs, off, uv);
    float u = uv[0];
    float v = uv[1];
    map.visit(u, v);
    if (tracks) {
      if (start) current = new ArrayList<>();
      current.add(new float[] {u, v});
    }
  }

  @Override
  public FlatEnv copy() {
    return new VisitRecorder(inner.copy(), map, locator, false);
  }

  @Override
  public void saveState(StateBuffer out) {
    ((Checkpointable) inner).saveState(out);
  }

  @Override
  public void loadState(StateBuffer in) {
    ((Checkpointable) inner).loadState(in);
  }
}
