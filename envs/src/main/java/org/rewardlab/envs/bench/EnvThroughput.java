package org.rewardlab.envs.bench;

import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.FlatEnvs;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.vector.SyncVectorEnv;
import org.rewardlab.envs.EnvRegistry;

/**
 * Raw environment stepping throughput, the counterpart of the Gymnasium figures in
 * {@code golden/gym_throughput.json}: a single {@link FlatEnv} (resetting at termination and at the
 * spec's time limit) or a {@link SyncVectorEnv}, driven by actions drawn in advance from a
 * {@link RandomSource} (Gymnasium's {@code make_preset} variant), after a warm-up that lets the JIT
 * compile the loop. Counts env steps (a vector step of N envs counts N).
 *
 * <p>Wall-clock measurements; not for tests. Thread-safe (no shared state).
 */
public final class EnvThroughput {
  private static final int ACTION_TABLE = 1 << 14;

  /** One measurement: {@code steps} env steps of {@code envId} in {@code seconds}. */
  public record Result(String envId, int numEnvs, long steps, double seconds, double stepsPerSecond) {}

  private EnvThroughput() {}

  /**
   * Steps {@code envId} {@code steps} times in total (over {@code numEnvs} envs; 1 means a single
   * env without the vector wrapper), after a warm-up of {@code min(steps, 2_000_000)} steps.
   */
  public static Result measure(String envId, int numEnvs, long steps, long seed) {
    if (numEnvs < 1) throw new IllegalArgumentException("numEnvs must be >= 1, got " + numEnvs);
    if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    FlatEnv env = EnvRegistry.make(envId);
    float[] actions = drawActions(env, numEnvs, seed);
    long warmup = Math.min(steps, 2_000_000L);
    if (numEnvs == 1) {
      Single s = new Single(env, actions, seed);
      sink += s.run(warmup);
      long t0 = System.nanoTime();
      sink += s.run(steps);
      return result(envId, 1, steps, System.nanoTime() - t0);
    }
    SyncVectorEnv v = new SyncVectorEnv(env, numEnvs);
    v.reset(seed);
    long vectorSteps = Math.max(1, steps / numEnvs);
    sink += runVector(v, actions, Math.max(1, warmup / numEnvs));
    long t0 = System.nanoTime();
    sink += runVector(v, actions, vectorSteps);
    return result(envId, numEnvs, vectorSteps * numEnvs, System.nanoTime() - t0);
  }

  /** Keeps the JIT from discarding the work. */
  private static volatile double sink;

  private static Result result(String id, int n, long steps, long nanos) {
    double s = nanos / 1e9;
    return new Result(id, n, steps, s, steps / s);
  }

  private static float[] drawActions(FlatEnv env, int numEnvs, long seed) {
    RandomSource rng = RandomSource.of(seed).derive("bench.actions");
    int a = env.actionSize();
    float[] actions = new float[ACTION_TABLE * a * numEnvs];
    for (int i = 0; i < ACTION_TABLE * numEnvs; i++) FlatEnvs.sampleAction(env.actionSpace(), rng, actions, i * a);
    return actions;
  }

  private static double runVector(SyncVectorEnv v, float[] actions, long vectorSteps) {
    int stride = v.numEnvs() * v.actionSize();
    float[] step = new float[stride];
    double acc = 0;
    for (long k = 0; k < vectorSteps; k++) {
      System.arraycopy(actions, (int) (k & (ACTION_TABLE - 1)) * stride, step, 0, stride);
      v.step(step);
      acc += v.rewards()[0];
    }
    return acc;
  }

  /** The single-env loop: step, count, reset at termination or time limit. */
  private static final class Single {
    private final FlatEnv env;
    private final float[] actions;
    private final float[] obs;
    private final int actionSize;
    private final int limit;
    private int t;

    Single(FlatEnv env, float[] actions, long seed) {
      this.env = env;
      this.actions = actions;
      this.obs = new float[env.observationSize()];
      this.actionSize = env.actionSize();
      this.limit = env.spec().maxEpisodeSteps();
      env.reset(seed, obs, 0);
    }

    double run(long steps) {
      double acc = 0;
      for (long k = 0; k < steps; k++) {
        acc += env.step(actions, (int) (k & (ACTION_TABLE - 1)) * actionSize, obs, 0);
        if (env.terminated() || ++t >= limit && limit > 0) {
          env.reset(obs, 0);
          t = 0;
        }
      }
      return acc;
    }
  }

  /**
   * Prints steps/s for every classic env, single and vectorized x8:
   * {@code java -cp ... org.rewardlab.envs.bench.EnvThroughput [steps]}.
   */
  public static void main(String[] args) {
    long steps = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    for (String id : new String[] {"CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1"}) {
      for (int n : new int[] {1, 8}) {
        Result r = measure(id, n, steps, 0);
        System.out.printf("%-26s numEnvs=%d steps=%d seconds=%.3f steps/s=%,.0f%n", r.envId(), r.numEnvs(), r.steps(), r.seconds(), r.stepsPerSecond());
      }
    }
  }
}
