package org.rewardlab.algos.rl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.Space;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;

class PpoLearnerTest {
  private static final PpoConfig SMALL = PpoConfig.defaults().withRollout(4, 32);

  /**
   * A synthetic rollout: obs ~ N(0,1); action = the sign of obs[0] earns reward 1, else 0; logprobs
   * and values come from the current snapshot, so the batch is on-policy.
   */
  static RolloutBuffer syntheticBatch(PolicySnapshot snap, int t, int n, int obsSize, long seed) {
    RandomSource r = RandomSource.of(seed);
    RolloutBuffer buf = new RolloutBuffer(t, n, obsSize, snap.actionSize());
    for (int i = 0; i < buf.obs.length; i++) buf.obs[i] = (float) r.nextGaussian();
    snap.act(buf.obs, t * n, r.derive("act"), buf.actions, buf.logProbs, buf.values);
    for (int k = 0; k < t * n; k++) {
      boolean right = buf.obs[k * obsSize] > 0;
      if (snap.isDiscrete()) {
        buf.rewards[k] = (buf.actions[k] == 1f) == right ? 1f : 0f;
      } else {
        buf.rewards[k] = -Math.abs(buf.actions[k * snap.actionSize()] - (right ? 1f : -1f));
      }
      buf.dones[k] = 1f; // one-step episodes: every step starts a new one
    }
    java.util.Arrays.fill(buf.nextDone, 1f);
    buf.computeAdvantages(0.99, 0.95);
    return buf;
  }

  static double expectedReward(PolicySnapshot snap, int obsSize, long seed) {
    RolloutBuffer b = syntheticBatch(snap, 64, 8, obsSize, seed);
    double s = 0;
    for (float x : b.rewards) s += x;
    return s / b.rewards.length;
  }

  @Test
  void discretePolicyLearnsTheSyntheticTask() {
    try (ActorCritic ac = ActorCritic.create(4, new Discrete(2), new int[] {64, 64}, RandomSource.of(1))) {
      PpoLearner learner = new PpoLearner(ac, SMALL, RandomSource.of(2));
      double before = expectedReward(learner.snapshot(), 4, 99);
      UpdateStats first = null;
      UpdateStats last = null;
      for (int u = 0; u < 25; u++) {
        last = learner.update(syntheticBatch(learner.snapshot(), 32, 4, 4, 100 + u), 2.5e-3);
        if (first == null) first = last;
      }
      double after = expectedReward(learner.snapshot(), 4, 99);
      assertThat(before).isBetween(0.35, 0.65);
      assertThat(after).isGreaterThan(before + 0.25);
      assertThat(last.valueLoss()).isLessThan(first.valueLoss());
      assertThat(last.epochsRun()).isEqualTo(4);
      assertThat(last.learningRate()).isEqualTo(2.5e-3);
      assertThat(last.gradNorm()).isPositive();
      assertThat(last.clipfrac()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void gaussianPolicyLowersItsLoss() {
    Space<?> box = Box.uniform(-1f, 1f, 1);
    PpoConfig cfg = PpoConfig.continuousDefaults().withRollout(4, 64).withMinibatches(4, 4);
    try (ActorCritic ac = ActorCritic.create(3, box, new int[] {32, 32}, RandomSource.of(3))) {
      PpoLearner learner = new PpoLearner(ac, cfg, RandomSource.of(4));
      double before = expectedReward(learner.snapshot(), 3, 7);
      for (int u = 0; u < 25; u++) learner.update(syntheticBatch(learner.snapshot(), 64, 4, 3, 200 + u), 3e-3);
      double after = expectedReward(learner.snapshot(), 3, 7);
      assertThat(after).isGreaterThan(before + 0.1);
    }
  }

  @Test
  void sameSeedsGiveBitIdenticalWeights() {
    Map<String, float[]> a = trainBriefly(5);
    Map<String, float[]> b = trainBriefly(5);
    Map<String, float[]> c = trainBriefly(6);
    for (String k : a.keySet()) assertThat(a.get(k)).as(k).containsExactly(b.get(k));
    assertThat(a.get("actor.layer0.weight")).isNotEqualTo(c.get("actor.layer0.weight"));
  }

  private static Map<String, float[]> trainBriefly(long minibatchSeed) {
    try (ActorCritic ac = ActorCritic.create(4, new Discrete(2), new int[] {64, 64}, RandomSource.of(1))) {
      PpoLearner learner = new PpoLearner(ac, SMALL, RandomSource.of(minibatchSeed));
      for (int u = 0; u < 3; u++) learner.update(syntheticBatch(learner.snapshot(), 32, 4, 4, 300 + u), 1e-3);
      return ac.exportState();
    }
  }

  @Test
  void updateFreesItsTensorsAndRefreshesTheSnapshot() {
    try (ActorCritic ac = ActorCritic.create(4, new Discrete(2), new int[] {16}, RandomSource.of(1))) {
      PpoLearner learner = new PpoLearner(ac, SMALL, RandomSource.of(2));
      NDManager root = ac.manager();
      int before = root.getManagedArrays().size();
      PolicySnapshot old = learner.snapshot();
      RolloutBuffer buf = syntheticBatch(old, 32, 4, 4, 1);
      learner.update(buf, 1e-3);
      assertThat(root.getManagedArrays()).hasSize(before);
      assertThat(learner.snapshot()).isNotSameAs(old);
      float[] v = new float[4];
      learner.snapshot().value(buf.obs, 4, v);
      try (NDManager m = root.newSubManager()) {
        NDArray tv = ac.value(m.create(java.util.Arrays.copyOf(buf.obs, 16), new Shape(4, 4)));
        float[] e = tv.toFloatArray();
        for (int i = 0; i < 4; i++) assertThat(v[i]).isCloseTo(e[i], org.assertj.core.api.Assertions.within(1e-5f));
      }
    }
  }

  @Test
  void targetKlStopsEpochsEarly() {
    try (ActorCritic ac = ActorCritic.create(4, new Discrete(2), new int[] {16}, RandomSource.of(1))) {
      PpoLearner learner = new PpoLearner(ac, SMALL.withTargetKl(1e-9), RandomSource.of(2));
      UpdateStats s = learner.update(syntheticBatch(learner.snapshot(), 32, 4, 4, 1), 1e-2);
      assertThat(s.epochsRun()).isEqualTo(1);
      assertThat(s.approxKl()).isGreaterThan(1e-9);
    }
  }

  @Test
  void checkpointResumeEqualsUninterrupted(@TempDir Path dir) {
    Map<String, float[]> uninterrupted;
    try (ActorCritic ac = ActorCritic.create(4, new Discrete(2), new int[] {16}, RandomSource.of(1))) {
      PpoLearner l = new PpoLearner(ac, SMALL, RandomSource.of(2));
      for (int u = 0; u < 4; u++) l.update(syntheticBatch(l.snapshot(), 32, 4, 4, u), 1e-3);
      uninterrupted = ac.exportState();
    }
    Path file = dir.resolve("ckpt.bin");
    try (ActorCritic ac = ActorCritic.create(4, new Discrete(2), new int[] {16}, RandomSource.of(1))) {
      PpoLearner l = new PpoLearner(ac, SMALL, RandomSource.of(2));
      for (int u = 0; u < 2; u++) l.update(syntheticBatch(l.snapshot(), 32, 4, 4, u), 1e-3);
      Checkpoint.Builder b = Checkpoint.builder().counter("update", 2).json("{}");
      l.writeState(b);
      Checkpoints.save(file, b.build());
    }
    try (ActorCritic ac = ActorCritic.create(4, new Discrete(2), new int[] {16}, RandomSource.of(77))) {
      PpoLearner l = new PpoLearner(ac, SMALL, RandomSource.of(2));
      Checkpoint c = Checkpoints.load(file);
      l.readState(c);
      for (int u = (int) c.counter("update"); u < 4; u++) l.update(syntheticBatch(l.snapshot(), 32, 4, 4, u), 1e-3);
      Map<String, float[]> resumed = ac.exportState();
      for (String k : uninterrupted.keySet()) assertThat(resumed.get(k)).as(k).containsExactly(uninterrupted.get(k));
      assertThat(l.optimizer().stepCount()).isEqualTo(4 * 4 * 4);
    }
  }

  @Test
  void explainedVarianceFollowsCleanRl() {
    assertThat(PpoLearner.explainedVariance(new float[] {1, 2, 3}, new float[] {1, 2, 3}, 3)).isEqualTo(1.0);
    assertThat(PpoLearner.explainedVariance(new float[] {0, 0, 0}, new float[] {1, 2, 3}, 3)).isEqualTo(0.0);
    assertThat(PpoLearner.explainedVariance(new float[] {0, 0}, new float[] {1, 1}, 2)).isNaN();
  }
}
