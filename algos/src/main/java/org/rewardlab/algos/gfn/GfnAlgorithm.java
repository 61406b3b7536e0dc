package org.rewardlab.algos.gfn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.experiment.Algorithm;
import org.rewardlab.algos.experiment.EvalOptions;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.algos.experiment.Trainer;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.gfn.ExactDistribution;
import org.rewardlab.envs.gfn.GfnEnv;
import org.rewardlab.nn.Torch;

/**
 * GFlowNets through the experiment runner ({@code algo: {type: gfn}}): {@link GfnTrainer} wires env,
 * estimators, sampler, replay and loss into a {@code TrainLoop}. Evaluation is exact: the forward
 * policy's terminal distribution by dynamic programming against {@code R/Z}.
 */
public final class GfnAlgorithm implements Algorithm<GfnConfig> {
  static final String LAYOUT = "gfn/1";

  @Override
  public String type() {
    return "gfn";
  }

  @Override
  public Class<GfnConfig> specClass() {
    return GfnConfig.class;
  }

  @Override
  public String description() {
    return "GFlowNets (TB, DB, SubTB, FM, FL-DB, FL-SubTB, OP-TB) on hypergrid, bit sequences and set generation";
  }

  @Override
  public void validate(ExperimentSpec experiment, EnvFactory envs) {
    GfnConfig cfg = (GfnConfig) experiment.algo();
    cfg.env().build();
  }

  @Override
  public Trainer start(ExperimentSpec experiment, RunContext ctx, EnvFactory envs) {
    return new GfnTrainer(experiment, ctx);
  }

  @Override
  public Trainer resume(ExperimentSpec experiment, RunContext ctx, EnvFactory envs, Checkpoint checkpoint) {
    RunCheckpoints.requireLayout(checkpoint, LAYOUT);
    GfnTrainer t = new GfnTrainer(experiment, ctx);
    t.restore(checkpoint);
    return t;
  }

  @Override
  public EvalResult evaluate(ExperimentSpec experiment, Checkpoint checkpoint, EnvFactory envs, EvalOptions options) {
    RunCheckpoints.requireLayout(checkpoint, LAYOUT);
    GfnConfig cfg = (GfnConfig) experiment.algo();
    GfnEnv env = cfg.env().build();
    if (env.numStates() < 1) {
      throw new UserInputException("algo.env", env.name() + " is too large for exact evaluation", "evaluate a smaller env");
    }
    try (GfnEstimator est = GfnTrainer.estimator(cfg, env, Torch.manager(), RandomSource.of(0))) {
      est.importWeights(GfnTrainer.weights(checkpoint));
      ExactDistribution exact = new ExactDistribution(env);
      GfnEvaluation e = GfnEvaluation.of(exact, est.forwardSnapshot(), cfg.validationSamples(), RandomSource.of(options.seed()));
      Map<String, Double> m = new LinkedHashMap<>(e.metrics("eval/"));
      m.put("eval/log_z_true", exact.logZ());
      List<String> details = new ArrayList<>();
      details.add(String.format(Locale.ROOT, "%s: %d terminal objects, %d modes, log Z = %.4f", env.name(), exact.size(),
          exact.numModes(), exact.logZ()));
      String summary = String.format(Locale.ROOT, "L1 (sum) %.4f, sampled L1 (%d draws) %.4f, JSD %.5f, mode mass %.3f",
          e.l1(), cfg.validationSamples(), e.l1Sampled(), e.jsd(), e.modeMass());
      return new EvalResult(m, details, summary);
    }
  }
}
