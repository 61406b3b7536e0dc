package org.rewardlab.algos.rm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.algos.rm.SelfEnsemble.NoisyJudge;
import org.rewardlab.algos.rm.SelfEnsemble.Pass;
import org.rewardlab.algos.rm.SelfEnsemble.Reduction;
import org.rewardlab.core.random.RandomSource;

class SelfEnsembleTest {
  @Test
  void aPassIsTheGeometricMeanOfItsMinimaMappedToTen() {
    Pass p = new Pass(new double[] {20, 10}, new double[] {25});
    // SC = min(20, 10) / 2.5 = 4, PQ = 25 / 2.5 = 10, O = sqrt(40)
    assertThat(SelfEnsemble.overall(p, 25)).isCloseTo(Math.sqrt(40), offset(1e-12));
    // an unparseable score falls back to range / 2 = 12.5 -> 5 on [0, 10]
    assertThat(SelfEnsemble.parts(new Pass(new double[] {Double.NaN}, new double[] {25}), 25)).containsExactly(5.0, 10.0);
  }

  @Test
  void averageLastAndAverageFirstDifferAsTheCodeDefinesThem() {
    List<Pass> two = List.of(new Pass(new double[] {25}, new double[] {0}), new Pass(new double[] {0}, new double[] {25}));
    assertThat(SelfEnsemble.reduce(two, 25, Reduction.AVERAGE_LAST)).isZero(); // each pass scores 0
    assertThat(SelfEnsemble.reduce(two, 25, Reduction.AVERAGE_FIRST)).isCloseTo(5, offset(1e-12)); // sqrt(5 * 5)
    assertThatThrownBy(() -> SelfEnsemble.reduce(List.of(), 25, Reduction.AVERAGE_LAST)).hasMessageContaining("one pass");
  }

  @Test
  void averagingPassesOfTheNoisyJudgeShrinksItsError() {
    NoisyJudge j = new NoisyJudge(25, 5, 0.0);
    RandomSource rng = RandomSource.of(7);
    double[] sc = {6, 6};
    double[] pq = {6};
    double err1 = 0;
    double err8 = 0;
    for (int i = 0; i < 400; i++) {
      List<Pass> p = new java.util.ArrayList<>();
      for (int k = 0; k < 8; k++) p.add(j.judge(sc, pq, rng));
      err1 += Math.pow(SelfEnsemble.reduce(p.subList(0, 1), 25, Reduction.AVERAGE_FIRST) - 6, 2);
      err8 += Math.pow(SelfEnsemble.reduce(p, 25, Reduction.AVERAGE_FIRST) - 6, 2);
    }
    assertThat(err8).isLessThan(err1 / 3);
    Pass q = new NoisyJudge(25, 0, 1.0).judge(sc, pq, rng);
    assertThat(q.sc()).containsOnly(Double.NaN);
    assertThat(new NoisyJudge(25, 0, 0).judge(new double[] {10, 0}, pq, rng).sc()).containsExactly(25, 0);
    assertThatThrownBy(() -> new NoisyJudge(0, 1, 0)).hasMessageContaining("range");
  }
}
