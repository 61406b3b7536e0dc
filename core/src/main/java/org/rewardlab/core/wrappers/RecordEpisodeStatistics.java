package org.rewardlab.core.wrappers;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rewardlab.core.env.Env;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.Reset;
import org.rewardlab.core.env.Step;
import org.rewardlab.core.space.Space;

/**
 * Sums rewards and counts steps per episode (Gymnasium's {@code RecordEpisodeStatistics}); the step
 * that ends an episode (terminated or truncated) carries an {@link EpisodeStats} in its info under
 * {@value #INFO_KEY}. The last {@code bufferLength} returns and lengths are kept for smoothing.
 *
 * <p>Wrap it inside reward-changing wrappers (as CleanRL does) to record the raw task return.
 * Wall-clock time is deliberately not recorded, so infos stay deterministic. Not thread-safe.
 */
public final class RecordEpisodeStatistics<O, A> implements Env<O, A> {
  /** The info key of the episode summary. */
  public static final String INFO_KEY = "episode";

  private final Env<O, A> env;
  private final int bufferLength;
  private final ArrayDeque<EpisodeStats> recent;
  private double episodeReturn;
  private int episodeLength;
  private long episodeCount;

  /** Keeps the last 100 episodes, as Gymnasium does. */
  public RecordEpisodeStatistics(Env<O, A> env) {
    this(env, 100);
  }

  public RecordEpisodeStatistics(Env<O, A> env, int bufferLength) {
    if (bufferLength < 1) throw new IllegalArgumentException("bufferLength must be >= 1, got " + bufferLength);
    this.env = env;
    this.bufferLength = bufferLength;
    this.recent = new ArrayDeque<>(bufferLength);
  }

  /** Episodes finished so far. */
  public long episodeCount() {
    return episodeCount;
  }

  /** The last finished episodes, oldest first (at most {@code bufferLength}). */
  public EpisodeStats[] recentEpisodes() {
    return recent.toArray(new EpisodeStats[0]);
  }

  @Override
  public EnvSpec spec() {
    return env.spec();
  }

  @Override
  public Space<O> observationSpace() {
    return env.observationSpace();
  }

  @Override
  public Space<A> actionSpace() {
    return env.actionSpace();
  }

  @Override
  public Reset<O> reset(long seed) {
    episodeReturn = 0;
    episodeLength = 0;
    return env.reset(seed);
  }

  @Override
  public Reset<O> reset() {
    episodeReturn = 0;
    episodeLength = 0;
    return env.reset();
  }

  @Override
  public Step<O> step(A action) {
    Step<O> s = env.step(action);
    episodeReturn += s.reward();
    episodeLength++;
    if (!s.done()) return s;
    EpisodeStats stats = new EpisodeStats(episodeReturn, episodeLength);
    if (recent.size() == bufferLength) recent.removeFirst();
    recent.addLast(stats);
    episodeCount++;
    Map<String, Object> info = new LinkedHashMap<>(s.info());
    info.put(INFO_KEY, stats);
    episodeReturn = 0;
    episodeLength = 0;
    return new Step<>(s.observation(), s.reward(), s.terminated(), s.truncated(), info);
  }

  @Override
  public void close() {
    env.close();
  }
}
