package org.rewardlab.envs.coverage;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.FlatEnvWrapper;
import org.rewardlab.core.env.StateBuffer;

/**
 * A pass-through {@link FlatEnv} wrapper that counts where a 2-D env goes: after every reset and step
 * it reads the position from two observation entries ({@code obs[xIndex]}, {@code obs[yIndex]},
 * already normalized to [0, 1], as {@code AgvNav}'s first two) into a shared {@link CoverageMap}, and
 * the first recorder (not its copies) keeps its current and last finished episode's path for
 * trajectory plots. Copies share the map, so a vector env of copies fills one map.
 *
 * <p>Measurement only: the map is not part of a checkpoint ({@link #saveState} writes the inner env's
 * state alone). Not thread-safe.
 */
public final class VisitRecorder implements FlatEnvWrapper, Checkpointable {
  private final FlatEnv inner;
  private final CoverageMap map;
  private final int xIndex;
  private final int yIndex;
  private final boolean tracks;
  private List<float[]> current = new ArrayList<>();
  private List<float[]> last = List.of();

  /** @param inner the env (not owned beyond {@link #close()}) */
  public VisitRecorder(FlatEnv inner, CoverageMap map, int xIndex, int yIndex) {
    this(inner, map, xIndex, yIndex, true);
  }

  private VisitRecorder(FlatEnv inner, CoverageMap map, int xIndex, int yIndex, boolean tracks) {
    if (xIndex < 0 || yIndex < 0 || xIndex >= inner.observationSize() || yIndex >= inner.observationSize()) {
      throw new IllegalArgumentException("position indices " + xIndex + ", " + yIndex + " outside the observation of " + inner.observationSize());
    }
    this.inner = inner;
    this.map = map;
    this.xIndex = xIndex;
    this.yIndex = yIndex;
    this.tracks = tracks;
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
    float u = obs[off + xIndex];
    float v = obs[off + yIndex];
    map.visit(u, v);
    if (tracks) {
      if (start) current = new ArrayList<>();
      current.add(new float[] {u, v});
    }
  }

  @Override
  public FlatEnv copy() {
    return new VisitRecorder(inner.copy(), map, xIndex, yIndex, false);
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
