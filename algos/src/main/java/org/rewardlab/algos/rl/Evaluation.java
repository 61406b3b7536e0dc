package org.rewardlab.algos.rl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rewardlab.algos.experiment.EvalResult;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.FlatTimeLimit;
import org.rewardlab.core.policy.FlatPolicy;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.wrappers.RunningMeanStd;
import org.rewardlab.core.wrappers.VectorObservationNormalizer;
import org.rewardlab.core.run.Checkpoint;

/**
 * Plays whole episodes with a trained policy and reports the env's own returns (never a shaped or
 * normalized reward), as SB3's {@code evaluate_policy}. Observation normalization uses the statistics
 * saved in the checkpoint (those of env 0), frozen.
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * @param returns the env return of each episode
   * @param lengths the length of each episode
   */
  public record Result(double[] returns, int[] lengths) {
    public double meanReturn() {
      double s = 0;
      for (double r : returns) s += r;
      return returns.length == 0 ? Double.NaN : s / returns.length;
    }

    /** As the runner reports it: {@code eval/*} metrics, one line per episode and a summary. */
    public EvalResult toEvalResult(boolean deterministic) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("eval/mean_return", meanReturn());
      m.put("eval/std_return", stdReturn());
      m.put("eval/episodes", (double) returns.length);
      List<String> lines = new ArrayList<>();
      for (int k = 0; k < returns.length; k++) {
        lines.add(String.format(Locale.ROOT, "episode %3d  return %10.3f  length %5d", k + 1, returns[k], lengths[k]));
      }
      String summary = String.format(Locale.ROOT, "mean return %.3f ± %.3f over %d episodes (%s policy)",
          meanReturn(), stdReturn(), returns.length, deterministic ? "deterministic" : "stochastic");
      return new EvalResult(m, lines, summary);
    }

    /** Population standard deviation of the returns. */
    public double stdReturn() {
      double m = meanReturn();
      double s = 0;
      for (double r : returns) s += (r - m) * (r - m);
      return returns.length == 0 ? Double.NaN : Math.sqrt(s / returns.length);
    }
  }

  /**
   * Evaluates the policy stored in a PPO checkpoint of {@code spec}.
   *
   * @param episodes how many episodes
   * @param seed seeds episode {@code k}'s reset with {@code seed + k} and the action sampling
   * @param deterministic take the mode of the policy (argmax / mean) instead of sampling
   */
  public static Result evaluate(ExperimentSpec spec, Checkpoint ck, EnvFactory envs, int episodes, long seed,
      boolean deterministic) {
    PpoConfig cfg = (PpoConfig) spec.algo();
    FlatEnv env = envs.make(spec.env().id());
    int obsSize = env.observationSize();
    try (ActorCritic ac = ActorCritic.create(obsSize, env.actionSpace(), cfg.hidden(), cfg.rnd() == null ? 1 : 2, RandomSource.of(0))) {
      ac.importState(PpoCheckpoint.weights(ck));
      PolicySnapshot policy = ac.snapshot();
      VectorObservationNormalizer norm = null;
      if (spec.env().normalizeObservation()) {
        norm = new VectorObservationNormalizer(1, obsSize, VectorObservationNormalizer.Mode.SHARED, 1e-8,
            spec.env().clipObservation());
        norm.restore(new RunningMeanStd.State[] {PpoCheckpoint.observationStats(ck, 0)});
        norm.setFrozen(true);
      }
      return play(env, policy, norm, episodes, seed, deterministic, spec.env().clipAction());
    }
  }

  /**
   * Plays {@code episodes} episodes of {@code env} with {@code policy}; an episode ends when the env
   * terminates or truncates (its spec's time limit is applied here if {@code env} has none).
   */
  public static Result play(FlatEnv env, FlatPolicy policy, VectorObservationNormalizer norm,
      int episodes, long seed, boolean deterministic, boolean clipAction) {
    env = FlatTimeLimit.ensure(env);
    int obsSize = env.observationSize();
    int actSize = env.actionSize();
    Box box = env.actionSpace() instanceof Box b ? b : null;
    float[] raw = new float[obsSize];
    float[] obs = new float[obsSize];
    float[] action = new float[actSize];
    float[] lp = new float[1];
    RandomSource rng = RandomSource.of(seed).derive("eval.actions");
    double[] returns = new double[episodes];
    int[] lengths = new int[episodes];
    for (int k = 0; k < episodes; k++) {
      env.reset(seed + k, raw, 0);
      double ret = 0;
      int len = 0;
      while (true) {
        System.arraycopy(raw, 0, obs, 0, obsSize);
        if (norm != null) norm.normalizeOnly(obs);
        if (deterministic) {
          policy.actDeterministic(obs, 1, action);
        } else {
          policy.act(obs, 1, rng, action, lp);
        }
        if (box != null && clipAction) box.clip(action);
        ret += env.step(action, 0, raw, 0);
        len++;
        if (env.terminated() || env.truncated()) break;
      }
      returns[k] = ret;
      lengths[k] = len;
    }
    return new Result(returns, lengths);
  }
}
