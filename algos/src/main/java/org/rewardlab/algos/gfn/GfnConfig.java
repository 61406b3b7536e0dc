package org.rewardlab.algos.gfn;

import java.util.List;
import org.rewardlab.algos.experiment.AlgoSpec;
import org.rewardlab.core.UserInputException;

/**
 * A GFlowNet run ({@code algo: {type: gfn}}); the env is part of the algorithm's config, since a
 * GFlowNet env is a DAG of partial objects, not a Gymnasium env.
 *
 * <pre>{@code
 * algo:
 *   type: gfn
 *   env: {type: hypergrid, dim: 2, height: 8}
 *   loss: tb            # tb, db, subtb, fm, fldb, flsubtb, optb
 *   batchSize: 128
 *   numIterations: 250  # 32k trajectories, torchgfn's regression-test budget
 * }</pre>
 *
 * Defaults follow torchgfn's test script: MLP 2 x 256 (ReLU), Adam lr 1e-3, log Z lr 0.1, batch 128,
 * learned P_B, no exploration, validation on 200k draws.
 *
 * @param env the environment
 * @param loss the objective, see {@link GfnObjective}
 * @param hidden hidden widths of each network (P_F, P_B, log F)
 * @param learningRate Adam step size of the networks
 * @param learningRateZ Adam step size of log Z
 * @param batchSize trajectories per iteration
 * @param numIterations iterations of the run
 * @param epsilon ε-uniform exploration mixed into the sampling policy over valid actions
 * @param temperature sampling temperature on the forward logits (1 = on-policy)
 * @param replayCapacity size of the replay buffer of complete trajectories (0 = none)
 * @param replayFraction share of each batch replayed from the buffer once it holds a batch
 * @param subtbLambda λ of SubTB and FL-SubTB
 * @param uniformBackward fixed uniform P_B over parents instead of a learned one
 * @param truncateAfter train on prefixes of at most this many actions that never reach a terminal
 *     (0 = complete trajectories); only forward-looking losses learn from them (GEN §2 e)
 * @param evalEvery iterations between exact evaluations (L1, JSD, modes)
 * @param validationSamples draws from the exact P_T for the sampled L1 (torchgfn's validation)
 */
public record GfnConfig(GfnEnvSpec env, String loss, List<Integer> hidden, double learningRate, double learningRateZ,
    int batchSize, int numIterations, double epsilon, double temperature, int replayCapacity, double replayFraction,
    double subtbLambda, boolean uniformBackward, int truncateAfter, int evalEvery, int validationSamples)
    implements AlgoSpec {

  public GfnConfig {
    if (env == null) env = GfnEnvSpec.defaults();
    if (hidden == null) hidden = List.of(256, 256);
    hidden = List.copyOf(hidden);
    GfnObjective.parse(loss, "loss");
    for (int h : hidden) if (h < 1 || h > 4096) throw new UserInputException("hidden", "widths must be in 1..4096, got " + hidden, "e.g. [256, 256]");
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw new UserInputException("learningRate", "must be positive, got " + learningRate, "e.g. 1e-3");
    if (!(learningRateZ > 0) || Double.isInfinite(learningRateZ)) throw new UserInputException("learningRateZ", "must be positive, got " + learningRateZ, "e.g. 0.1");
    if (batchSize < 1 || batchSize > 65_536) throw new UserInputException("batchSize", "must be in 1..65536, got " + batchSize, "e.g. 128");
    if (numIterations < 1) throw new UserInputException("numIterations", "must be >= 1, got " + numIterations, "e.g. 250");
    if (!(epsilon >= 0 && epsilon <= 1)) throw new UserInputException("epsilon", "must lie in [0, 1], got " + epsilon, "e.g. 0");
    if (!(temperature > 0) || Double.isInfinite(temperature)) throw new UserInputException("temperature", "must be positive, got " + temperature, "e.g. 1");
    if (replayCapacity < 0) throw new UserInputException("replayCapacity", "must be >= 0, got " + replayCapacity, "0 turns replay off");
    if (!(replayFraction >= 0 && replayFraction <= 1)) throw new UserInputException("replayFraction", "must lie in [0, 1], got " + replayFraction, "e.g. 0.5");
    if (!(subtbLambda > 0) || Double.isInfinite(subtbLambda)) throw new UserInputException("subtbLambda", "must be positive, got " + subtbLambda, "e.g. 0.9");
    if (truncateAfter < 0) throw new UserInputException("truncateAfter", "must be >= 0, got " + truncateAfter, "0 trains on complete trajectories");
    if (evalEvery < 1) throw new UserInputException("evalEvery", "must be >= 1, got " + evalEvery, "e.g. 25");
    if (validationSamples < 1) throw new UserInputException("validationSamples", "must be >= 1, got " + validationSamples, "e.g. 200000");
    GfnObjective o = GfnObjective.parse(loss, "loss");
    if (o.forwardLooking() && !env.build().hasPartialRewards()) {
      throw new UserInputException("loss", o.id() + " needs a reward that is additive along the construction, and "
          + env.type() + " has none", "use env.type: set, or a non-forward-looking loss (tb, db, subtb, fm)");
    }
    if (truncateAfter > 0 && (o == GfnObjective.TB || o == GfnObjective.OPTB || o == GfnObjective.FM)) {
      throw new UserInputException("truncateAfter", o.id() + " needs complete trajectories", "use 0, or db/subtb/fldb/flsubtb");
    }
  }

  public static GfnConfig defaults() {
    return new GfnConfig(GfnEnvSpec.defaults(), "tb", List.of(256, 256), 1e-3, 0.1, 128, 250, 0.0, 1.0, 0, 0.5, 0.9,
        false, 0, 25, 200_000);
  }

  public GfnObjective objective() {
    return GfnObjective.parse(loss, "loss");
  }

  public GfnConfig withLoss(String newLoss) {
    return new GfnConfig(env, newLoss, hidden, learningRate, learningRateZ, batchSize, numIterations, epsilon, temperature,
        replayCapacity, replayFraction, subtbLambda, uniformBackward, truncateAfter, evalEvery, validationSamples);
  }

  public GfnConfig withEnv(GfnEnvSpec newEnv) {
    return new GfnConfig(newEnv, loss, hidden, learningRate, learningRateZ, batchSize, numIterations, epsilon, temperature,
        replayCapacity, replayFraction, subtbLambda, uniformBackward, truncateAfter, evalEvery, validationSamples);
  }

  public GfnConfig withBudget(int newBatchSize, int newIterations, int newEvalEvery) {
    return new GfnConfig(env, loss, hidden, learningRate, learningRateZ, newBatchSize, newIterations, epsilon, temperature,
        replayCapacity, replayFraction, subtbLambda, uniformBackward, truncateAfter, newEvalEvery, validationSamples);
  }

  public GfnConfig withExploration(double newEpsilon, int newTruncateAfter) {
    return new GfnConfig(env, loss, hidden, learningRate, learningRateZ, batchSize, numIterations, newEpsilon, temperature,
        replayCapacity, replayFraction, subtbLambda, uniformBackward, newTruncateAfter, evalEvery, validationSamples);
  }

  public GfnConfig withNetwork(List<Integer> newHidden, double newLr, double newLrZ) {
    return new GfnConfig(env, loss, newHidden, newLr, newLrZ, batchSize, numIterations, epsilon, temperature,
        replayCapacity, replayFraction, subtbLambda, uniformBackward, truncateAfter, evalEvery, validationSamples);
  }

  /** Trains on {@link #env()}, not on the experiment's {@code env:}. */
  @Override
  public boolean usesEnv() {
    return false;
  }
}
