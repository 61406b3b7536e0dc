package org.rewardlab.cli.toy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.algos.loop.Collector;
import org.rewardlab.algos.loop.Learner;
import org.rewardlab.algos.loop.Schedule;
import org.rewardlab.algos.loop.TrainLoop;
import org.rewardlab.algos.rl.EpisodeTracker;
import org.rewardlab.algos.rl.Evaluation;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.vector.EpisodeEnd;
import org.rewardlab.core.vector.SyncVectorEnv;

/**
 * The toy second algorithm of issue 6: REINFORCE (Williams 1992) with a linear softmax policy and
 * batch-normalized returns-to-go, in plain Java, built from the runner's parts ({@link TrainLoop},
 * {@link Collector}, {@link Learner}). Registered by one line in
 * {@code src/test/resources/META-INF/services/org.rewardlab.algos.experiment.Algorithm}; with nothing
 * else it gets {@code rewardlab train / eval / resume / plot / report}.
 */
public final class ReinforceAlgorithm implements Algorithm<ReinforceConfig> {
  private static final String LAYOUT = "reinforce/1";

  @Override
  public String type() {
    return "reinforce";
  }

  @Override
  public Class<ReinforceConfig> specClass() {
    return ReinforceConfig.class;
  }

  @Override
  public void validate(ExperimentSpec experiment, EnvFactory envs) {
    if (!(envs.make(experiment.env().id()).actionSpace() instanceof Discrete)) {
      throw new UserInputException("env.id", "the toy REINFORCE needs Discrete actions", "use CartPole-v1 or Acrobot-v1");
    }
  }

  @Override
  public Trainer start(ExperimentSpec experiment, RunContext ctx, EnvFactory envs) {
    Run r = new Run(experiment, ctx, envs);
    r.obs = r.venv.reset(ctx.seeds().seed("envs")).clone();
    return r;
  }

  @Override
  public Trainer resume(ExperimentSpec experiment, RunContext ctx, EnvFactory envs, Checkpoint ck) {
    RunCheckpoints.requireLayout(ck, LAYOUT);
    Run r = new Run(experiment, ctx, envs);
    double[] w = ck.doubles("policy.w");
    System.arraycopy(w, 0, r.policy.w, 0, w.length);
    r.rng.restore(ck.longs("rng.actions"));
    r.venv.loadState(StateBuffer.of(ck.longs("venv")));
    r.obs = ck.floats("obs");
    r.steps = ck.counter("steps");
    r.tracker.restore(ck.doubles("tracker"));
    r.loop.restore(RunCheckpoints.iteration(ck));
    return r;
  }

  @Override
  public EvalResult evaluate(ExperimentSpec experiment, Checkpoint ck, EnvFactory envs, EvalOptions options) {
    RunCheckpoints.requireLayout(ck, LAYOUT);
    FlatEnv env = envs.make(experiment.env().id());
    LinearSoftmax pi = new LinearSoftmax(env.observationSize(), ((Discrete) env.actionSpace()).n());
    double[] w = ck.doubles("policy.w");
    System.arraycopy(w, 0, pi.w, 0, w.length);
    return Evaluation.play(env, pi, null, options.episodes(), options.seed(), options.deterministic(), false)
        .toEvalResult(options.deterministic());
  }

  /** One batch: observations, actions and normalized returns-to-go of numSteps x numEnvs steps. */
  record Batch(float[] obs, float[] actions, double[] advantages, int rows) {}

  /** A run: collector, learner and loop around one policy. */
  private static final class Run implements Trainer, Collector<Batch>, Learner<Batch> {
    final ExperimentSpec spec;
    final ReinforceConfig cfg;
    final RunContext ctx;
    final SyncVectorEnv venv;
    final LinearSoftmax policy;
    final RandomSource rng;
    final EpisodeTracker tracker;
    final TrainLoop<Batch> loop;
    float[] obs;
    long steps;

    Run(ExperimentSpec spec, RunContext ctx, EnvFactory envs) {
      this.spec = spec;
      this.cfg = (ReinforceConfig) spec.algo();
      this.ctx = ctx;
      FlatEnv env = envs.make(spec.env().id());
      this.venv = new SyncVectorEnv(env, cfg.numEnvs());
      this.policy = new LinearSoftmax(env.observationSize(), ((Discrete) env.actionSpace()).n());
      this.rng = ctx.seeds().stream("policy.actions");
      this.tracker = new EpisodeTracker(spec.run().smoothWindow());
      this.loop = new TrainLoop<>(ctx, this, this, Schedule.constant(cfg.learningRate()), this::saveCheckpoint,
          cfg.numIterations(), spec.run().checkpointEvery(), (long) cfg.numIterations() * cfg.numEnvs() * cfg.numSteps());
    }

    // ---- Collector: numSteps vector steps, then discounted returns-to-go cut at episode ends
    @Override
    public Batch collect() {
      int n = cfg.numEnvs();
      int t = cfg.numSteps();
      int d = policy.obsSize;
      float[] bObs = new float[t * n * d];
      float[] bAct = new float[t * n];
      double[] rew = new double[t * n];
      boolean[] done = new boolean[t * n];
      float[] a = new float[n];
      float[] lp = new float[n];
      for (int k = 0; k < t; k++) {
        System.arraycopy(obs, 0, bObs, k * n * d, n * d);
        policy.act(obs, n, rng, a, lp);
        System.arraycopy(a, 0, bAct, k * n, n);
        venv.step(a);
        steps += n;
        for (int i = 0; i < n; i++) {
          rew[k * n + i] = venv.rewards()[i];
          done[k * n + i] = venv.terminated()[i] || venv.truncated()[i];
        }
        for (EpisodeEnd e : venv.episodeEnds()) {
          tracker.add(e.envReturn());
          ctx.metrics().log(steps, Map.of("charts/episodic_return", e.envReturn(), "charts/episodic_length", (double) e.length()));
        }
        obs = venv.observations().clone();
      }
      double[] g = new double[t * n];
      for (int i = 0; i < n; i++) {
        double running = 0;
        for (int k = t - 1; k >= 0; k--) {
          int idx = k * n + i;
          if (done[idx]) running = 0;
          running = rew[idx] + cfg.gamma() * running;
          g[idx] = running;
        }
      }
      double mean = 0;
      for (double x : g) mean += x;
      mean /= g.length;
      double var = 0;
      for (double x : g) var += (x - mean) * (x - mean);
      double std = Math.sqrt(var / g.length) + 1e-8;
      for (int k = 0; k < g.length; k++) g[k] = (g[k] - mean) / std;
      return new Batch(bObs, bAct, g, t * n);
    }

    @Override
    public long steps() {
      return steps;
    }

    @Override
    public String status() {
      return Double.isNaN(tracker.recentMean()) ? "" : String.format(Locale.ROOT, "return %.1f", tracker.recentMean());
    }

    // ---- Learner: W += α · mean_t Â_t ∇ log π(a_t|s_t), with ∇_W log π = (onehot(a) − π) ⊗ [s, 1]
    @Override
    public Stats update(Batch b, double learningRate) {
      int d = policy.obsSize;
      int na = policy.numActions;
      double[] grad = new double[policy.w.length];
      double[] p = new double[na];
      double entropy = 0;
      for (int r = 0; r < b.rows(); r++) {
        policy.probabilities(b.obs(), r, p);
        int act = (int) b.actions()[r];
        for (int a = 0; a < na; a++) {
          double coef = b.advantages()[r] * ((a == act ? 1 : 0) - p[a]);
          for (int k = 0; k < d; k++) grad[a * (d + 1) + k] += coef * b.obs()[r * d + k];
          grad[a * (d + 1) + d] += coef;
          if (p[a] > 0) entropy -= p[a] * Math.log(p[a]);
        }
      }
      for (int k = 0; k < grad.length; k++) policy.w[k] += learningRate * grad[k] / b.rows();
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("charts/learning_rate", learningRate);
      m.put("losses/entropy", entropy / b.rows());
      return () -> m;
    }

    @Override
    public double maxAbsParameter() {
      double max = 0;
      for (double x : policy.w) {
        if (Double.isNaN(x)) return Double.NaN;
        max = Math.max(max, Math.abs(x));
      }
      return max;
    }

    // ---- Trainer
    @Override
    public ExperimentSpec spec() {
      return spec;
    }

    @Override
    public long step() {
      return steps;
    }

    @Override
    public long totalSteps() {
      return (long) cfg.numIterations() * cfg.numEnvs() * cfg.numSteps();
    }

    @Override
    public int iteration() {
      return loop.iteration();
    }

    @Override
    public int numIterations() {
      return loop.numIterations();
    }

    @Override
    public void train(TrainListener listener, int maxIterations) {
      loop.run(listener, maxIterations);
    }

    @Override
    public Path saveCheckpoint() {
      Checkpoint.Builder b = RunCheckpoints.builder(spec, LAYOUT, steps, loop.iteration());
      b.doubles("policy.w", policy.w);
      b.longs("rng.actions", rng.state());
      StateBuffer s = new StateBuffer();
      venv.saveState(s);
      b.longs("venv", s.toArray());
      b.floats("obs", obs);
      b.counter("steps", steps);
      b.doubles("tracker", tracker.state());
      ctx.writeManifest();
      Path p = RunCheckpoints.path(ctx.runDir());
      Checkpoints.save(p, b.build());
      return p;
    }

    /** Collector and Trainer both offer this; the toy does not split its time. */
    @Override
    public Map<String, Double> timeBreakdown() {
      return Map.of();
    }

    @Override
    public String summary() {
      return String.format(Locale.ROOT, "recent mean return %.2f", tracker.recentMean());
    }

    @Override
    public void close() {
      venv.close();
    }
  }

}
