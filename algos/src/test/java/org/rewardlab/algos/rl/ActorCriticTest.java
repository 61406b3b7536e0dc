package org.rewardlab.algos.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;

class ActorCriticTest {
  private static float[] randomObs(int n, int size, long seed) {
    RandomSource r = RandomSource.of(seed);
    float[] x = new float[n * size];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    return x;
  }

  @Test
  void categoricalSnapshotAgreesWithTensorHead() {
    try (ActorCritic ac = ActorCritic.create(4, new Discrete(3), new int[] {64, 64}, RandomSource.of(1))) {
      perturb(ac, 2);
      int n = 16;
      float[] obs = randomObs(n, 4, 3);
      PolicySnapshot snap = ac.snapshot();
      float[] act = new float[n];
      float[] lp = new float[n];
      float[] v = new float[n];
      snap.act(obs, n, RandomSource.of(4), act, lp, v);
      try (NDManager m = ac.manager().newSubManager()) {
        ActorCritic.Evaluation e = ac.evaluate(m.create(obs, new Shape(n, 4)), ac.actionTensor(m, act, n));
        float[] elp = e.logProb().toFloatArray();
        float[] ev = e.value().toFloatArray();
        for (int i = 0; i < n; i++) {
          assertThat(act[i]).isIn(0f, 1f, 2f);
          assertThat(lp[i]).isCloseTo(elp[i], within(1e-5f));
          assertThat(v[i]).isCloseTo(ev[i], within(1e-5f));
        }
      }
      float[] det = new float[n];
      snap.actDeterministic(obs, n, det);
      float[] logits = new float[n * 3];
      snap.actorOutput(obs, n, logits);
      for (int i = 0; i < n; i++) {
        int a = (int) det[i];
        for (int k = 0; k < 3; k++) assertThat(logits[i * 3 + a]).isGreaterThanOrEqualTo(logits[i * 3 + k]);
      }
    }
  }

  @Test
  void categoricalSamplingFollowsTheSoftmax() {
    try (ActorCritic ac = ActorCritic.create(2, new Discrete(2), new int[] {8}, RandomSource.of(1))) {
      Map<String, float[]> w = ac.exportState();
      w.put("actor.layer1.bias", new float[] {0f, (float) Math.log(3)}); // p = (0.25, 0.75) when weights are 0
      w.put("actor.layer1.weight", new float[w.get("actor.layer1.weight").length]);
      ac.importState(w);
      PolicySnapshot snap = ac.snapshot();
      RandomSource rng = RandomSource.of(9);
      float[] a = new float[1];
      float[] lp = new float[1];
      float[] v = new float[1];
      int ones = 0;
      int draws = 20000;
      for (int i = 0; i < draws; i++) {
        snap.act(new float[] {0.3f, -0.2f}, 1, rng, a, lp, v);
        if (a[0] == 1f) {
          ones++;
          assertThat(lp[0]).isCloseTo((float) Math.log(0.75), within(1e-6f));
        }
      }
      assertThat(ones / (double) draws).isCloseTo(0.75, within(0.015));
    }
  }

  @Test
  void gaussianSnapshotAgreesWithTensorHead() {
    try (ActorCritic ac = ActorCritic.create(3, Box.uniform(-2f, 2f, 2), new int[] {16, 16}, RandomSource.of(5))) {
      Map<String, float[]> w = ac.exportState();
      assertThat(w.get("actor.logstd")).containsExactly(0f, 0f);
      w.put("actor.logstd", new float[] {-0.5f, 0.3f});
      ac.importState(w);
      perturb(ac, 6);
      int n = 12;
      float[] obs = randomObs(n, 3, 7);
      float[] act = new float[n * 2];
      float[] lp = new float[n];
      float[] v = new float[n];
      ac.snapshot().act(obs, n, RandomSource.of(8), act, lp, v);
      try (NDManager m = ac.manager().newSubManager()) {
        ActorCritic.Evaluation e = ac.evaluate(m.create(obs, new Shape(n, 3)), ac.actionTensor(m, act, n));
        float[] elp = e.logProb().toFloatArray();
        for (int i = 0; i < n; i++) assertThat(lp[i]).isCloseTo(elp[i], within(1e-5f));
        float[] ent = e.entropy().toFloatArray();
        double expected = 2 * (0.5 + 0.5 * Math.log(2 * Math.PI)) - 0.5 + 0.3;
        assertThat((double) ent[0]).isCloseTo(expected, within(1e-5));
      }
      float[] mean = new float[n * 2];
      ac.snapshot().actDeterministic(obs, n, mean);
      float[] out = new float[n * 2];
      ac.snapshot().actorOutput(obs, n, out);
      assertThat(mean).containsExactly(out);
    }
  }

  @Test
  void sameSeedSameWeightsAndNoLeakIntoParameterManager() {
    try (ActorCritic a = ActorCritic.create(4, new Discrete(2), new int[] {64, 64}, RandomSource.of(11));
        ActorCritic b = ActorCritic.create(4, new Discrete(2), new int[] {64, 64}, RandomSource.of(11))) {
      Map<String, float[]> wa = a.exportState();
      Map<String, float[]> wb = b.exportState();
      assertThat(wa.keySet()).containsExactlyElementsOf(wb.keySet());
      for (String k : wa.keySet()) assertThat(wa.get(k)).as(k).containsExactly(wb.get(k));
      int before = a.manager().getManagedArrays().size();
      try (NDManager m = a.manager().newSubManager()) {
        NDArray obs = m.create(randomObs(5, 4, 1), new Shape(5, 4));
        a.evaluate(obs, a.actionTensor(m, new float[5], 5));
      }
      assertThat(a.manager().getManagedArrays()).hasSize(before);
    }
  }

  /** Small random changes to every weight so that biases and all paths are exercised. */
  static void perturb(ActorCritic ac, long seed) {
    RandomSource r = RandomSource.of(seed);
    Map<String, float[]> w = ac.exportState();
    for (Map.Entry<String, float[]> e : w.entrySet()) {
      if (e.getKey().endsWith("logstd")) continue;
      float[] v = e.getValue();
      for (int i = 0; i < v.length; i++) v[i] += (float) (0.1 * r.nextGaussian());
    }
    ac.importState(w);
  }
}
