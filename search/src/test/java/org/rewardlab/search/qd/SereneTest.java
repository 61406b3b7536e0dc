package org.rewardlab.search.qd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;

class SereneTest {
  /**
   * A toy task: measures = the first two genes (clipped to [-1, 1]); reward only in a disc of
   * radius 0.3 around (0.7, 0.7), rising to 1 at its centre.
   */
  static Evaluation toy(double[] x) {
    double mx = Math.max(-1, Math.min(1, x[0]));
    double my = Math.max(-1, Math.min(1, x[1]));
    double d = Math.hypot(mx - 0.7, my - 0.7);
    double r = d < 0.3 ? 1 - d / 0.3 : 0;
    return new Evaluation(r, new double[] {mx, my}, null, 1);
  }

  static Serene.Result run(boolean emitters, long seed) {
    Serene.Config c = new Serene.Config(20, 2, 0.05, new Bounds(-1, 1), 5, 3, 200, emitters, 6, 5,
        Serene.Selection.NOVELTY, false, 1);
    GridArchive truth = GridArchive.mapElites(3, new int[] {20, 20}, new double[] {-1, -1}, new double[] {1, 1});
    return new Serene(c, SereneTest::toy, BehaviourSpace.handDesigned(2), truth, RandomSource.of(seed)).run(3000, 3);
  }

  @Test
  void emittersPushTheRewardTowardsItsMaximumWhereNoveltyAloneDoesNot() {
    Serene.Result ns = run(false, 1);
    Serene.Result serene = run(true, 1);
    assertThat(serene.emittersCreated()).isPositive();
    assertThat(serene.emitterEvaluations()).isPositive();
    assertThat(serene.history().bestObjective()).isGreaterThan(0.9);
    assertThat(serene.history().bestObjective()).isGreaterThan(ns.history().bestObjective());
    assertThat(ns.emitterEvaluations()).isZero();
    assertThat(serene.history().evaluations().get(serene.history().evaluations().size() - 1)).isGreaterThanOrEqualTo(3000);
  }

  @Test
  void sameSeedSameRun() {
    Serene.Result a = run(true, 4);
    Serene.Result b = run(true, 4);
    assertThat(b.history().finalMeasures()).usingRecursiveComparison().isEqualTo(a.history().finalMeasures());
    assertThat(b.bestCurve()).isEqualTo(a.bestCurve());
  }

  @Test
  void improvementComparesTheLastThreeArraysWithTheFirstThree() {
    List<double[]> arrays = List.of(new double[] {0, 0}, new double[] {0, 1}, new double[] {1, 1}, new double[] {2, 2},
        new double[] {2, 3}, new double[] {3, 3});
    assertThat(Serene.improvement(arrays)).isEqualTo(15.0 / 6 - 3.0 / 6);
    assertThat(Serene.improvement(List.of(new double[] {5}, new double[] {1}))).isZero();
  }
}
