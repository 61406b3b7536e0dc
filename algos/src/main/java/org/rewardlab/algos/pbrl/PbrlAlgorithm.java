package org.rewardlab.algos.pbrl;

import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.algos.rl.Evaluation;
import org.rewardlab.algos.rl.PpoTrainer;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.RunContext;

/** Preference-based RL ({@code algo: {type: pbrl}}) as the runner sees it; see {@link PbrlTrainer}. */
public final class PbrlAlgorithm implements Algorithm<PbrlConfig> {
  @Override
  public String type() {
    return "pbrl";
  }

  @Override
  public Class<PbrlConfig> specClass() {
    return PbrlConfig.class;
  }

  @Override
  public String description() {
    return "preference-based RL: PPO on a reward model learned from synthetic comparisons of its own trajectory fragments (imitation's PreferenceComparisons)";
  }

  @Override
  public void validate(ExperimentSpec experiment, EnvFactory envs) {
    FlatEnv env;
    try {
      env = envs.make(experiment.env().id());
    } catch (UserInputException e) {
      throw new UserInputException("env.id", e.problem(), e.fix(), e);
    }
    PpoTrainer.checkHead(experiment.policy().head(), env.actionSpace(), experiment.env().id());
    if (experiment.reward() != null) throw PbrlTrainer.rewardGiven();
  }

  @Override
  public Trainer start(ExperimentSpec experiment, RunContext ctx, EnvFactory envs) {
    return PbrlTrainer.start(experiment, ctx, envs);
  }

  @Override
  public Trainer resume(ExperimentSpec experiment, RunContext ctx, EnvFactory envs, Checkpoint checkpoint) {
    return PbrlTrainer.resume(experiment, ctx, envs, checkpoint);
  }

  /** The agent's policy on the env's own reward (PPO's evaluation of the stored weights). */
  @Override
  public EvalResult evaluate(ExperimentSpec experiment, Checkpoint checkpoint, EnvFactory envs, EvalOptions options) {
    RunCheckpoints.requireLayout(checkpoint, PbrlTrainer.LAYOUT);
    ExperimentSpec asPpo = experiment.withAlgo(((PbrlConfig) experiment.algo()).ppo());
    return Evaluation.evaluate(asPpo, checkpoint, envs, options.episodes(), options.seed(), options.deterministic())
        .toEvalResult(options.deterministic());
  }
}
