package org.rewardlab.search.qd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;

class GridArchiveTest {
  private static GridArchive grid() {
    return GridArchive.mapElites(1, new int[] {4, 2}, new double[] {0, 0}, new double[] {1, 1});
  }

  @Test
  void cellsAreRowMajorAndOutOfRangeMeasuresFallIntoBorderCells() {
    GridArchive a = grid();
    assertThat(a.cells()).isEqualTo(8);
    assertThat(a.index(new double[] {0.0, 0.0})).isEqualTo(0);
    assertThat(a.index(new double[] {0.3, 0.7})).isEqualTo(1 * 2 + 1);
    assertThat(a.index(new double[] {0.999, 0.2})).isEqualTo(3 * 2);
    assertThat(a.index(new double[] {-5, 9})).isEqualTo(1);
    assertThat(a.index(new double[] {1.0, 1.0})).isEqualTo(7);
  }

  @Test
  void mapElitesKeepsTheBestPerCellWithPyribsStatuses() {
    GridArchive a = grid();
    AddInfo[] r = a.add(new double[][] {{1}, {2}, {3}, {4}}, new double[] {1.0, 0.5, 2.0, 5.0},
        new double[][] {{0.1, 0.1}, {0.1, 0.2}, {0.15, 0.3}, {0.9, 0.9}});
    assertThat(r[0]).isEqualTo(new AddInfo(AddStatus.NEW, 1.0));
    assertThat(r[1].status()).isEqualTo(AddStatus.NOT_ADDED);
    assertThat(r[1].value()).isCloseTo(-0.5, within(1e-12));
    assertThat(r[2].status()).isEqualTo(AddStatus.IMPROVE_EXISTING);
    assertThat(r[2].value()).isCloseTo(1.0, within(1e-12));
    assertThat(r[3].status()).isEqualTo(AddStatus.NEW);
    ArchiveStats s = a.stats();
    assertThat(s.numElites()).isEqualTo(2);
    assertThat(s.coverage()).isEqualTo(0.25);
    assertThat(s.qdScore()).isEqualTo(7.0);
    assertThat(s.normQdScore()).isEqualTo(7.0 / 8);
    assertThat(s.objMax()).isEqualTo(5.0);
    assertThat(a.elites().get(0).solution()).containsExactly(3.0);
  }

  @Test
  void cmaMaeThresholdMovesByTheLearningRate() {
    GridArchive a = new GridArchive(1, new int[] {1}, new double[] {0}, new double[] {1}, 0.5, 0.0, 0.0);
    AddInfo first = a.add(new double[][] {{0}}, new double[] {2.0}, new double[][] {{0.5}})[0];
    assertThat(first).isEqualTo(new AddInfo(AddStatus.NEW, 2.0)); // threshold 0 -> 1
    AddInfo second = a.add(new double[][] {{0}}, new double[] {1.5}, new double[][] {{0.5}})[0];
    assertThat(second.status()).isEqualTo(AddStatus.IMPROVE_EXISTING); // 1.5 > 1; threshold -> 1.25
    assertThat(second.value()).isCloseTo(0.5, within(1e-12));
    AddInfo third = a.add(new double[][] {{0}}, new double[] {1.2}, new double[][] {{0.5}})[0];
    assertThat(third.status()).isEqualTo(AddStatus.NOT_ADDED);
  }

  @Test
  void badInputIsRefusedWithTheFix() {
    assertThatThrownBy(() -> GridArchive.mapElites(1, new int[] {2}, new double[] {1}, new double[] {0}))
        .hasMessageContaining("lower < upper");
    assertThatThrownBy(() -> grid().add(new double[][] {{1}}, new double[] {Double.NaN}, new double[][] {{0, 0}}))
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> grid().add(new double[][] {{1, 2}}, new double[] {0}, new double[][] {{0, 0}}))
        .hasMessageContaining("solutionDim");
    assertThatThrownBy(() -> grid().sample(RandomSource.of(1))).hasMessageContaining("empty");
  }

  @Test
  void stateRoundTripsExactly() {
    GridArchive a = grid();
    RandomSource rng = RandomSource.of(3);
    for (int i = 0; i < 50; i++) {
      a.add(new double[][] {{rng.nextDouble()}}, new double[] {rng.nextGaussian()},
          new double[][] {{rng.nextDouble(), rng.nextDouble()}});
    }
    StateBuffer b = new StateBuffer();
    a.saveState(b);
    GridArchive c = grid();
    c.loadState(StateBuffer.of(b.toArray()));
    assertThat(c.stats()).isEqualTo(a.stats());
    assertThat(c.elites()).usingRecursiveFieldByFieldElementComparator().isEqualTo(a.elites());
  }
}
