package org.rewardlab.envs.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.FlatEnvs;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.vector.SyncVectorEnv;
import org.rewardlab.envs.EnvRegistry;

/**
 * JMH: one env step of each classic env, single (reset at episode end, time limit included) and in
 * a SyncVectorEnv of 8 (normalized per env step). Actions are drawn in advance. Run with
 * {@code java -cp <test classpath> org.rewardlab.envs.jmh.ClassicEnvBenchmark} (docs/BENCHMARKS.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClassicEnvBenchmark {
  private static final int TABLE = 4096;
  private static final int VEC = 8;

  @Param({"CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1"})
  public String envId;

  private FlatEnv env;
  private float[] obs;
  private float[] actions;
  private int actionSize;
  private int limit;
  private int t;
  private int k;
  private SyncVectorEnv vector;
  private float[][] vectorActions;

  @Setup(Level.Trial)
  public void setUp() {
    env = EnvRegistry.make(envId);
    obs = new float[env.observationSize()];
    actionSize = env.actionSize();
    limit = env.spec().maxEpisodeSteps();
    RandomSource rng = RandomSource.of(1);
    actions = new float[TABLE * actionSize];
    for (int i = 0; i < TABLE; i++) FlatEnvs.sampleAction(env.actionSpace(), rng, actions, i * actionSize);
    env.reset(0, obs, 0);
    vector = new SyncVectorEnv(EnvRegistry.make(envId), VEC);
    vector.reset(0);
    vectorActions = new float[TABLE][VEC * actionSize];
    for (int i = 0; i < TABLE; i++) {
      for (int j = 0; j < VEC; j++) FlatEnvs.sampleAction(env.actionSpace(), rng, vectorActions[i], j * actionSize);
    }
  }

  @Benchmark
  public double single() {
    double r = env.step(actions, (k++ & (TABLE - 1)) * actionSize, obs, 0);
    if (env.terminated() || ++t >= limit) {
      env.reset(obs, 0);
      t = 0;
    }
    return r;
  }

  @Benchmark
  @OperationsPerInvocation(VEC)
  public double vector8() {
    vector.step(vectorActions[k++ & (TABLE - 1)]);
    return vector.rewards()[0];
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(ClassicEnvBenchmark.class.getSimpleName()).build()).run();
  }
}
