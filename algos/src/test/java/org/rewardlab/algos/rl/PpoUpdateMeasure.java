package org.rewardlab.algos.rl;

import java.util.Arrays;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Discrete;

/**
 * Micro-measure (not a test): wall time of {@link PpoLearner#update} on one CartPole-sized batch
 * (obs 4, Discrete(2), hidden 64x64, 4 envs x 128 steps, 4 minibatches x 4 epochs), and of the
 * pure-Java snapshot's {@code act} for 4 envs. Run:
 *
 * <pre>
 *   ./mvnw -q -o -pl algos -am install -DskipTests
 *   ./mvnw -q -o -pl algos test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 *   java -cp "algos/target/test-classes:algos/target/classes:$(cat cp.txt)" org.rewardlab.algos.rl.PpoUpdateMeasure
 * </pre>
 */
public final class PpoUpdateMeasure {
  private PpoUpdateMeasure() {}

  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    PpoConfig cfg = PpoConfig.defaults();
    try (ActorCritic ac = ActorCritic.create(4, new Discrete(2), cfg.hidden(), RandomSource.of(1))) {
      PpoLearner learner = new PpoLearner(ac, cfg, RandomSource.of(2));
      RolloutBuffer buf = PpoLearnerTest.syntheticBatch(learner.snapshot(), 128, 4, 4, 3);
      for (int i = 0; i < 20; i++) learner.update(buf, 2.5e-4);
      double[] ms = new double[reps];
      java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
      long cpu0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < reps; i++) {
        long t0 = System.nanoTime();
        learner.update(buf, 2.5e-4);
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      double cpuMs = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / reps;
      System.out.printf("update CPU time of this thread: %.2f ms per update (load average shares the cores)%n", cpuMs);
      Arrays.sort(ms);
      System.out.printf("update(512 samples, 16 minibatches): median %.2f ms, p10 %.2f, p90 %.2f (%d reps)%n",
          ms[reps / 2], ms[reps / 10], ms[reps * 9 / 10], reps);
      System.out.printf("  => %.1f s for CartPole 500k steps (976 updates)%n", ms[reps / 2] * 976 / 1000);

      PolicySnapshot snap = learner.snapshot();
      float[] obs = Arrays.copyOf(buf.obs, 16);
      float[] a = new float[4];
      float[] lp = new float[4];
      float[] v = new float[4];
      RandomSource rng = RandomSource.of(5);
      int steps = 500_000 / 4;
      for (int i = 0; i < steps; i++) snap.act(obs, 4, rng, a, lp, v);
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) snap.act(obs, 4, rng, a, lp, v);
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("snapshot act (4 envs): %.2f us per vector step => %.2f s for 500k env steps%n",
          s / steps * 1e6, s);
    }
  }
}
