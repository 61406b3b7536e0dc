package org.rewardlab.algos.tabular;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.loop.Collector;
import org.rewardlab.algos.loop.Divergence;
import org.rewardlab.algos.rl.EpisodeTracker;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.reward.NonFiniteRewardException;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.MetricsSink;
import org.rewardlab.core.vector.EpisodeEnd;
import org.rewardlab.core.vector.SyncVectorEnv;

/**
 * Collects a {@link TransitionBatch}: {@code numSteps} steps of a {@link SyncVectorEnv} (reward
 * wrappers inside, time limits inside those) with the learner's behaviour policy, reading states
 * from observations with a {@link StateDecoder}.
 *
 * <p>Per step: each env's action from the {@link TabularActor} (given the run's env steps so far),
 * one vector step, then the rewards are checked (a non-finite one stops the run with a {@link
 * Divergence}), the reached states are decoded (from the final observation where an episode ended,
 * so truncated steps can be bootstrapped), and each ended episode is logged as PPO's collector
 * does: {@code charts/episodic_return} (the task's own return), {@code charts/episodic_length}, and
 * with a reward spec {@code charts/trained_return} and {@code reward/<term>}.
 *
 * <p>Not thread-safe.
 */
final class TabularCollector implements Collector<TransitionBatch> {
  private final SyncVectorEnv venv;
  private final StateDecoder decoder;
  private final TabularActor actor;
  private final RandomSource rng;
  private final MetricsSink metrics;
  private final EpisodeTracker tracker;
  private final TransitionBatch batch;
  private final float[] actions;
  private final int[] current;
  private final int n;
  private long steps;

  TabularCollector(SyncVectorEnv venv, StateDecoder decoder, int numSteps, TabularActor actor, RandomSource rng,
      MetricsSink metrics, EpisodeTracker tracker) {
    this.venv = venv;
    this.decoder = decoder;
    this.actor = actor;
    this.rng = rng;
    this.metrics = metrics;
    this.tracker = tracker;
    this.n = venv.numEnvs();
    this.batch = new TransitionBatch(numSteps, n);
    this.actions = new float[n];
    this.current = new int[n];
  }

  /** Resets the envs with {@code seed} (env i gets seed + i): the start of a fresh run. */
  void reset(long seed) {
    float[] obs = venv.reset(seed);
    for (int i = 0; i < n; i++) current[i] = decoder.decode(obs, i);
  }

  @Override
  public TransitionBatch collect() {
    for (int t = 0; t < batch.numSteps; t++) {
      for (int i = 0; i < n; i++) actions[i] = actor.act(current[i], steps, rng);
      try {
        venv.step(actions);
      } catch (NonFiniteRewardException e) {
        throw new Divergence("reward/" + e.term(), e.getMessage());
      }
      steps += n;
      double[] r = venv.rewards();
      boolean[] term = venv.terminated();
      boolean[] trunc = venv.truncated();
      float[] obs = venv.observations();
      float[] last = venv.finalObservations();
      for (int i = 0; i < n; i++) {
        if (!Double.isFinite(r[i])) throw new Divergence("reward of env " + i, "the env or reward spec returned " + r[i]);
        int k = t * n + i;
        boolean done = term[i] || trunc[i];
        batch.states[k] = current[i];
        batch.actions[k] = (int) actions[i];
        batch.rewards[k] = r[i];
        batch.terminated[k] = term[i];
        batch.done[k] = done;
        batch.next[k] = done ? decoder.decode(last, i) : decoder.decode(obs, i);
        current[i] = done ? decoder.decode(obs, i) : batch.next[k];
      }
      logEpisodes();
    }
    batch.endStep = steps;
    return batch;
  }

  private void logEpisodes() {
    for (EpisodeEnd e : venv.episodeEnds()) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("charts/episodic_return", e.envReturn());
      m.put("charts/episodic_length", (double) e.length());
      if (e.hasTerms()) {
        m.put("charts/trained_return", e.trainedReturn());
        for (int k = 0; k < e.termNames().size(); k++) m.put("reward/" + e.termNames().get(k), e.termSums()[k]);
      }
      tracker.add(e.envReturn());
      metrics.log(steps, m);
    }
  }

  @Override
  public long steps() {
    return steps;
  }

  @Override
  public String status() {
    double r = tracker.recentMean();
    return Double.isNaN(r) ? "" : String.format(Locale.ROOT, "return %.2f", r);
  }

  void writeState(Checkpoint.Builder b) {
    b.longs(TabularCheckpoint.RNG_ACTIONS, rng.state());
    StateBuffer env = new StateBuffer();
    venv.saveState(env);
    b.longs(TabularCheckpoint.VENV, env.toArray());
    long[] s = new long[n];
    for (int i = 0; i < n; i++) s[i] = current[i];
    b.longs(TabularCheckpoint.STATES, s);
    b.doubles(TabularCheckpoint.TRACKER, tracker.state());
    b.counter(TabularCheckpoint.STEPS, steps);
  }

  void readState(Checkpoint c) {
    rng.restore(c.longs(TabularCheckpoint.RNG_ACTIONS));
    venv.loadState(StateBuffer.of(c.longs(TabularCheckpoint.VENV)));
    long[] s = c.longs(TabularCheckpoint.STATES);
    if (s.length != n) throw new IllegalStateException("checkpoint holds " + s.length + " env states, the run has " + n + " envs");
    for (int i = 0; i < n; i++) current[i] = (int) s[i];
    tracker.restore(c.doubles(TabularCheckpoint.TRACKER));
    steps = c.counter(TabularCheckpoint.STEPS);
  }
}
