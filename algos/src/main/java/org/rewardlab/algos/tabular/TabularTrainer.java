package org.rewardlab.algos.tabular;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.rewardlab.algos.loop.LoopTrainer;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.TrainListener;
import org.rewardlab.algos.loop.Schedule;
import org.rewardlab.algos.loop.TrainLoop;
import org.rewardlab.algos.rl.EpisodeTracker;
import org.rewardlab.algos.rl.Evaluation;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.vector.SyncVectorEnv;
import org.rewardlab.reward.RewardBuildContext;
import org.rewardlab.reward.RewardWrappedEnv;

/**
 * The trainer both tabular learners share, an assembly of the runner's parts: a {@link
 * SyncVectorEnv} of the experiment's envs (the reward spec's wrapper inside each, as PPO's), a {@link
 * TabularCollector} acting with the learner's table, the learner, and the shared {@link TrainLoop}
 * (constant learning rate, guards, logging, checkpoint cadence). Randomness: the run's {@code envs}
 * seed and {@code policy.actions} stream.
 *
 * <p>Not thread-safe.
 */
final class TabularTrainer implements LoopTrainer {
  /** Makes a learner for (numStates, numActions). */
  interface LearnerFactory extends BiFunction<Integer, Integer, TabularLearner> {}

  private final ExperimentSpec spec;
  private final RunContext ctx;
  private final String layout;
  private final SyncVectorEnv venv;
  private final TabularLearner learner;
  private final TabularCollector collector;
  private final EpisodeTracker tracker;
  private final TrainLoop<TransitionBatch> loop;
  private final long batchSize;

  private TabularTrainer(ExperimentSpec spec, RunContext ctx, EnvFactory envs, String layout, String learnerName,
      int numEnvs, int numSteps, int numIterations, double learningRate, LearnerFactory factory) {
    this.spec = spec;
    this.ctx = ctx;
    this.layout = layout;
    FlatEnv base = envs.make(spec.env().id());
    StateDecoder decoder = StateDecoder.of(base, learnerName);
    List<FlatEnv> list = new ArrayList<>(numEnvs);
    for (int i = 0; i < numEnvs; i++) {
      FlatEnv e = i == 0 ? base : base.copy();
      list.add(spec.reward() != null ? new RewardWrappedEnv(e, spec.reward(), rewardContext(spec, envs)) : e);
    }
    this.venv = new SyncVectorEnv(list);
    this.learner = factory.apply(decoder.numStates(), ((Discrete) base.actionSpace()).n());
    this.tracker = new EpisodeTracker(spec.run().smoothWindow());
    this.collector = new TabularCollector(venv, decoder, numSteps, learner, ctx.seeds().stream("policy.actions"),
        ctx.metrics(), tracker);
    this.batchSize = (long) numEnvs * numSteps;
    this.loop = new TrainLoop<>(ctx, collector, learner, Schedule.constant(learningRate), this::saveCheckpoint,
        numIterations, spec.run().checkpointEvery(), numIterations * batchSize);
  }

  /** A fresh run: the envs are reset with the run seed's {@code envs} seed. */
  static TabularTrainer start(ExperimentSpec spec, RunContext ctx, EnvFactory envs, String layout, String learnerName,
      int numEnvs, int numSteps, int numIterations, double learningRate, LearnerFactory factory) {
    TabularTrainer t = new TabularTrainer(spec, ctx, envs, layout, learnerName, numEnvs, numSteps, numIterations,
        learningRate, factory);
    t.collector.reset(ctx.seeds().seed("envs"));
    return t;
  }

  /** Continues a run from its checkpoint (of {@code layout}). */
  static TabularTrainer resume(ExperimentSpec spec, RunContext ctx, EnvFactory envs, Checkpoint ck, String layout,
      String learnerName, int numEnvs, int numSteps, int numIterations, double learningRate, LearnerFactory factory) {
    RunCheckpoints.requireLayout(ck, layout);
    TabularTrainer t = new TabularTrainer(spec, ctx, envs, layout, learnerName, numEnvs, numSteps, numIterations,
        learningRate, factory);
    t.learner.readState(ck);
    t.collector.readState(ck);
    t.loop.restore(RunCheckpoints.iteration(ck));
    return t;
  }

  /** What reward specs are built with: the agent's γ and the env's named potentials (as PPO's). */
  static RewardBuildContext rewardContext(ExperimentSpec spec, EnvFactory envs) {
    return new RewardBuildContext(spec.algo().discount(), envs.potentials(spec.env().id()));
  }

  /**
   * What {@code validate} checks for a tabular learner: the env id, no observation or reward
   * normalization (a normalized one-hot is no longer one), a state the observation names, Discrete
   * actions, and the reward spec against the env.
   */
  static void validate(ExperimentSpec experiment, EnvFactory envs, String learnerName) {
    FlatEnv env;
    try {
      env = envs.make(experiment.env().id());
    } catch (UserInputException e) {
      throw new UserInputException("env.id", e.problem(), e.fix(), e);
    }
    if (experiment.env().normalizeObservation()) {
      throw new UserInputException("env.normalizeObservation", learnerName + " reads the state from the observation",
          "set it to false");
    }
    if (experiment.env().normalizeReward()) {
      throw new UserInputException("env.normalizeReward", learnerName + " learns from the rewards as they are",
          "set it to false (scale the reward with a reward spec's weight instead)");
    }
    StateDecoder.of(env, learnerName);
    if (experiment.reward() != null) {
      try {
        new RewardWrappedEnv(env, experiment.reward(), rewardContext(experiment, envs));
      } catch (UserInputException e) {
        String inner = e.where() == null || e.where().isEmpty() ? "" : e.where();
        String where = inner.startsWith("reward") ? inner : "reward" + (inner.isEmpty() ? "" : "." + inner);
        throw new UserInputException(where, e.problem(), e.fix(), e);
      }
    }
  }

  /** Plays the policy stored in a checkpoint ({@link Evaluation#play}, the env's own returns). */
  static EvalResult evaluate(ExperimentSpec experiment, Checkpoint ck, EnvFactory envs, EvalOptions options,
      String layout, String learnerName, LearnerFactory factory) {
    RunCheckpoints.requireLayout(ck, layout);
    FlatEnv env = envs.make(experiment.env().id());
    StateDecoder decoder = StateDecoder.of(env, learnerName);
    TabularLearner learner = factory.apply(decoder.numStates(), ((Discrete) env.actionSpace()).n());
    learner.readState(ck);
    return Evaluation.play(env, new DecodedPolicy(decoder, learner.policy()), null, options.episodes(), options.seed(),
        options.deterministic(), false).toEvalResult(options.deterministic());
  }

  /** The learner (for tests). */
  TabularLearner learner() {
    return learner;
  }

  /** Mean env return of the recent episodes. */
  double recentReturn() {
    return tracker.recentMean();
  }

  @Override
  public ExperimentSpec spec() {
    return spec;
  }

  @Override
  public long step() {
    return collector.steps();
  }

  @Override
  public long totalSteps() {
    return loop.numIterations() * batchSize;
  }

  @Override
  public TrainLoop<?> trainLoop() {
    return loop;
  }



  @Override
  public Path saveCheckpoint() {
    Checkpoint.Builder b = RunCheckpoints.builder(spec, layout, collector.steps(), loop.iteration());
    learner.writeState(b);
    collector.writeState(b);
    ctx.writeManifest();
    Path p = RunCheckpoints.path(ctx.runDir());
    Checkpoints.save(p, b.build());
    return p;
  }

  @Override
  public String summary() {
    return String.format(Locale.ROOT, "recent mean return %.3f over the last %d episodes", tracker.recentMean(),
        spec.run().smoothWindow());
  }

  @Override
  public Map<String, Double> timeBreakdown() {
    return loop.timeBreakdown();
  }

  @Override
  public void close() {
    venv.close();
  }
}
