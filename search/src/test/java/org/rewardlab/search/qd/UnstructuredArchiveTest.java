package org.rewardlab.search.qd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;

class UnstructuredArchiveTest {
  @Test
  void noveltyIsTheMeanDistanceToTheKNearestSkippingItself() {
    List<double[]> refs = List.of(new double[] {0, 0}, new double[] {1, 0}, new double[] {0, 2}, new double[] {3, 0});
    assertThat(Novelty.of(new double[] {0, 0}, refs, 2, true)).isCloseTo(1.5, within(1e-12));
    assertThat(Novelty.of(new double[] {0, 0}, refs, 2, false)).isCloseTo(0.5, within(1e-12));
    assertThat(Novelty.of(new double[] {0, 0}, refs, 10, true)).isCloseTo(2.0, within(1e-12));
    assertThat(Novelty.of(new double[] {0, 0}, List.of(), 3, false)).isInfinite();
  }

  @Test
  void randomRuleAddsLambdaPerBatchAndBestRuleTheMostNovel() {
    UnstructuredArchive random = UnstructuredArchive.noveltySearch(1, 1, 2, 2, RandomSource.of(1));
    double[][] sols = {{0}, {1}, {2}, {3}, {4}};
    double[][] meas = {{0}, {0.1}, {0.2}, {5}, {0.3}};
    AddInfo[] r = random.add(sols, new double[5], meas);
    assertThat(random.size()).isEqualTo(2);
    assertThat(java.util.Arrays.stream(r).filter(a -> a.status() == AddStatus.NEW).count()).isEqualTo(2);
    UnstructuredArchive best = new UnstructuredArchive(1, 1, 2, UnstructuredArchive.Rule.BEST, 1, 0, 0, RandomSource.of(1));
    AddInfo[] b = best.add(sols, new double[5], meas);
    assertThat(b[3].status()).isEqualTo(AddStatus.NEW);
    assertThat(best.elite(0).measures()).containsExactly(5.0);
    assertThat(b[3].value()).isCloseTo((4.7 + 4.8) / 2, within(1e-12));
  }

  @Test
  void thresholdRuleAddsOnlyNovelEnoughSolutions() {
    UnstructuredArchive a = new UnstructuredArchive(1, 2, 1, UnstructuredArchive.Rule.THRESHOLD, 0, 0.5, 0, RandomSource.of(1));
    AddInfo[] r = a.add(new double[][] {{0}, {0}, {0}}, new double[3], new double[][] {{0, 0}, {0.1, 0}, {1, 0}});
    assertThat(r[0].status()).isEqualTo(AddStatus.NEW);
    assertThat(r[1].status()).isEqualTo(AddStatus.NOT_ADDED);
    assertThat(r[1].value()).isCloseTo(0.1, within(1e-12));
    assertThat(r[2].status()).isEqualTo(AddStatus.NEW);
    assertThat(a.size()).isEqualTo(2);
  }

  @Test
  void stateWithExtrasRoundTrips() {
    UnstructuredArchive a = UnstructuredArchive.noveltySearch(2, 1, 3, 2, RandomSource.of(5));
    a.add(new double[][] {{1, 2}, {3, 4}, {5, 6}}, new double[] {0, 1, 2}, new double[][] {{1}, {2}, {3}},
        new float[][] {{1f}, {2f}, {3f}});
    StateBuffer b = new StateBuffer();
    a.saveState(b);
    UnstructuredArchive c = UnstructuredArchive.noveltySearch(2, 1, 3, 2, RandomSource.of(99));
    c.loadState(StateBuffer.of(b.toArray()));
    assertThat(c.elites()).usingRecursiveFieldByFieldElementComparator().isEqualTo(a.elites());
    assertThat(c.extra(1)).isEqualTo(a.extra(1));
    double[][] more = {{0, 0}, {1, 1}, {2, 2}};
    a.add(more, new double[3], new double[][] {{7}, {8}, {9}});
    c.add(more, new double[3], new double[][] {{7}, {8}, {9}});
    assertThat(c.elites()).usingRecursiveFieldByFieldElementComparator().isEqualTo(a.elites());
  }
}
