package org.rewardlab.algos.rl;

import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.reward.RewardWrappedEnv;

/** PPO ({@code algo: {type: ppo}}) as the runner sees it; registered in {@code META-INF/services}. */
public final class PpoAlgorithm implements Algorithm<PpoConfig> {
  @Override
  public String type() {
    return "ppo";
  }

  @Override
  public Class<PpoConfig> specClass() {
    return PpoConfig.class;
  }

  @Override
  public String description() {
    return "PPO with CleanRL's ppo.py semantics (discrete and continuous actions)";
  }

  /** The env id, the policy head against the action space, and the reward spec against the env. */
  @Override
  public void validate(ExperimentSpec experiment, EnvFactory envs) {
    FlatEnv env;
    try {
      env = envs.make(experiment.env().id());
    } catch (UserInputException e) {
      throw new UserInputException("env.id", e.problem(), e.fix(), e);
    }
    PpoTrainer.checkHead(experiment.policy().head(), env.actionSpace(), experiment.env().id());
    if (experiment.reward() != null) {
      try {
        new RewardWrappedEnv(env, experiment.reward(), PpoTrainer.rewardContext(experiment, envs));
      } catch (UserInputException e) {
        String inner = e.where() == null || e.where().isEmpty() ? "" : e.where();
        String where = inner.startsWith("reward") ? inner : "reward" + (inner.isEmpty() ? "" : "." + inner);
        throw new UserInputException(where, e.problem(), e.fix(), e);
      }
    }
  }

  @Override
  public Trainer start(ExperimentSpec experiment, RunContext ctx, EnvFactory envs) {
    return PpoTrainer.start(experiment, ctx, envs);
  }

  @Override
  public Trainer resume(ExperimentSpec experiment, RunContext ctx, EnvFactory envs, Checkpoint checkpoint) {
    return PpoTrainer.resume(experiment, ctx, envs, checkpoint);
  }

  @Override
  public EvalResult evaluate(ExperimentSpec experiment, Checkpoint checkpoint, EnvFactory envs, EvalOptions options) {
    RunCheckpoints.requireLayout(checkpoint, PpoCheckpoint.LAYOUT);
    return Evaluation.evaluate(experiment, checkpoint, envs, options.episodes(), options.seed(), options.deterministic())
        .toEvalResult(options.deterministic());
  }
}
