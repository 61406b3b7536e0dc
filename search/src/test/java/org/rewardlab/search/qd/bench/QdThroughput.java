package org.rewardlab.search.qd.bench;

import java.util.Locale;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.search.qd.Archive;
import org.rewardlab.search.qd.GridArchive;
import org.rewardlab.search.qd.UnstructuredArchive;

/**
 * Archive insertions per second (docs/BENCHMARKS.md, "Quality-diversity archives"): batches of 200
 * solutions (57 genes, 2 measures, uniform in [-1, 1]²) offered to a 100 × 100 {@link GridArchive}
 * and to {@link UnstructuredArchive}s (novelty k = 15, 5 random additions per batch) pre-filled to a
 * given size. Not a test: run {@code main}.
 */
public final class QdThroughput {
  private QdThroughput() {}

  static double rate(Archive a, int batches, RandomSource rng) {
    double[][] sols = new double[200][57];
    double[] obj = new double[200];
    double[][] meas = new double[200][2];
    long t0 = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      for (int i = 0; i < 200; i++) {
        meas[i][0] = rng.uniform(-1, 1);
        meas[i][1] = rng.uniform(-1, 1);
        obj[i] = rng.nextDouble();
      }
      a.add(sols, obj, meas);
    }
    return 200.0 * batches / ((System.nanoTime() - t0) / 1e9);
  }

  public static void main(String[] args) {
    RandomSource rng = RandomSource.of(1);
    GridArchive grid = GridArchive.mapElites(57, new int[] {100, 100}, new double[] {-1, -1}, new double[] {1, 1});
    rate(grid, 2000, rng);
    System.out.printf(Locale.ROOT, "GridArchive 100x100: %.3g insertions/s%n", rate(grid, 20000, rng));
    for (int size : new int[] {1000, 10000}) {
      UnstructuredArchive fill = new UnstructuredArchive(57, 2, 15, UnstructuredArchive.Rule.RANDOM, 200, 0, 0, rng.derive("fill"));
      while (fill.size() < size) rate(fill, 1, rng);
      UnstructuredArchive a = new UnstructuredArchive(57, 2, 15, UnstructuredArchive.Rule.RANDOM, 5, 0, 0, rng.derive("a"));
      for (var e : fill.elites()) a.add(new double[][] {e.solution()}, new double[] {e.objective()}, new double[][] {e.measures()});
      rate(a, 5, rng);
      // 40 batches add 200 entries: the archive stays within 2% (10k) to 20% (1k) of its size.
      System.out.printf(Locale.ROOT, "UnstructuredArchive, novelty k=15 against %d entries: %.3g insertions/s%n", a.size(),
          rate(a, 40, rng));
    }
  }
}
