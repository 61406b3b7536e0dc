package org.rewardlab.search.qd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

class SchedulerTest {
  /** A 2-D "sphere" toy: measures are the first two genes, objective −|x|². */
  static Evaluation toy(double[] x) {
    double s = 0;
    for (double v : x) s += v * v;
    return new Evaluation(-s, new double[] {x[0], x[1]}, null, 1);
  }

  static Scheduler mapElites(long seed) {
    RandomSource rng = RandomSource.of(seed);
    GridArchive a = GridArchive.mapElites(4, new int[] {10, 10}, new double[] {-1, -1}, new double[] {1, 1});
    GridArchive truth = GridArchive.mapElites(4, new int[] {10, 10}, new double[] {-1, -1}, new double[] {1, 1});
    Bounds b = new Bounds(-1, 1);
    return new Scheduler(a, List.of(new GaussianEmitter(a, 0.2, new double[4], b, 8, rng.derive("g")),
        new IsoLineEmitter(a, 0.05, 0.2, new double[4], b, 8, rng.derive("iso"))), truth);
  }

  static Scheduler noveltySearch(long seed) {
    RandomSource rng = RandomSource.of(seed);
    Bounds b = new Bounds(-1, 1);
    UnstructuredArchive a = UnstructuredArchive.noveltySearch(4, 2, 5, 3, rng.derive("a"));
    GridArchive truth = GridArchive.mapElites(4, new int[] {10, 10}, new double[] {-1, -1}, new double[] {1, 1});
    return new Scheduler(a, List.of(new PopulationEmitter(a, PopulationEmitter.Criterion.NOVELTY,
        PopulationEmitter.uniformPopulation(10, 4, b, rng.derive("init")), 2, 0.1, b, null, rng.derive("e"))), truth);
  }

  @Test
  void mapElitesFillsTheGridAndRoutesSlicesToEachEmitter() {
    Scheduler s = mapElites(1);
    QdRun.History h = QdRun.run(s, SchedulerTest::toy, 800);
    assertThat(s.evaluations()).isEqualTo(800);
    assertThat(s.iterations()).isEqualTo(50);
    assertThat(h.finalCoverage()).isGreaterThan(0.3);
    assertThat(h.coverage()).isSorted();
  }

  @Test
  void noveltySearchSpreadsFurtherThanRandomDriftOnTheSameBudget() {
    QdRun.History ns = QdRun.run(noveltySearch(2), SchedulerTest::toy, 1000);
    RandomSource rng = RandomSource.of(2);
    GridArchive a = GridArchive.mapElites(4, new int[] {10, 10}, new double[] {-1, -1}, new double[] {1, 1});
    GridArchive truth = GridArchive.mapElites(4, new int[] {10, 10}, new double[] {-1, -1}, new double[] {1, 1});
    Bounds b = new Bounds(-1, 1);
    Scheduler drift = new Scheduler(a, List.of(new PopulationEmitter(a, PopulationEmitter.Criterion.OBJECTIVE,
        PopulationEmitter.uniformPopulation(10, 4, b, rng.derive("init")), 2, 0.1, b, null, rng.derive("e"))), truth);
    QdRun.History es = QdRun.run(drift, SchedulerTest::toy, 1000);
    assertThat(ns.finalCoverage()).isGreaterThan(es.finalCoverage());
  }

  @Test
  void sameSeedSameSearchAndOtherSeedsDiffer() {
    QdRun.History a = QdRun.run(noveltySearch(7), SchedulerTest::toy, 300);
    QdRun.History b = QdRun.run(noveltySearch(7), SchedulerTest::toy, 300);
    QdRun.History c = QdRun.run(noveltySearch(8), SchedulerTest::toy, 300);
    assertThat(b.finalMeasures()).usingRecursiveComparison().isEqualTo(a.finalMeasures());
    assertThat(c.finalMeasures()).usingRecursiveComparison().isNotEqualTo(a.finalMeasures());
  }

  @Test
  void aSavedSearchResumesExactly(@TempDir Path dir) {
    for (boolean ns : new boolean[] {true, false}) {
      Scheduler whole = ns ? noveltySearch(3) : mapElites(3);
      QdRun.run(whole, SchedulerTest::toy, 200);
      QdRun.History tailWhole = QdRun.run(whole, SchedulerTest::toy, 200);

      Scheduler first = ns ? noveltySearch(3) : mapElites(3);
      QdRun.run(first, SchedulerTest::toy, 200);
      Path file = dir.resolve("qd-" + ns + ".ckpt");
      first.save(file);
      Scheduler resumed = ns ? noveltySearch(3) : mapElites(3);
      resumed.load(file);
      assertThat(resumed.evaluations()).isEqualTo(first.evaluations());
      QdRun.History tailResumed = QdRun.run(resumed, SchedulerTest::toy, 200);
      assertThat(tailResumed.finalMeasures()).usingRecursiveComparison().isEqualTo(tailWhole.finalMeasures());
      assertThat(resumed.archive().stats()).isEqualTo(whole.archive().stats());
    }
  }

  @Test
  void protocolMisuseAndForeignCheckpointsAreRefused(@TempDir Path dir) throws Exception {
    Scheduler s = mapElites(1);
    assertThatThrownBy(() -> s.tell(new double[0], new double[0][])).hasMessageContaining("without ask");
    s.ask();
    assertThatThrownBy(s::ask).hasMessageContaining("twice");
    assertThatThrownBy(() -> s.tell(new double[3], new double[3][])).hasMessageContaining("asked 16");
    GridArchive a = GridArchive.mapElites(1, new int[] {2}, new double[] {0}, new double[] {1});
    GaussianEmitter e = new GaussianEmitter(a, 0.1, new double[1], Bounds.unbounded(), 2, RandomSource.of(1));
    assertThatThrownBy(() -> new Scheduler(a, List.of(e, e), null)).hasMessageContaining("same emitter instance");
    Path junk = dir.resolve("junk.ckpt");
    java.nio.file.Files.writeString(junk, "not a checkpoint");
    assertThatThrownBy(() -> mapElites(1).load(junk)).isInstanceOf(UserInputException.class);
    Scheduler ns = noveltySearch(1);
    QdRun.run(ns, SchedulerTest::toy, 50);
    Path nsFile = dir.resolve("ns.ckpt");
    ns.save(nsFile);
    assertThatThrownBy(() -> mapElites(1).load(nsFile)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("same archive");
  }

  @Test
  void theRecorderRoundByRoundIsTheSearchLoopAndResumesFromItsState() {
    QdRun.History whole = QdRun.run(noveltySearch(5), SchedulerTest::toy, 300);
    Scheduler s = noveltySearch(5);
    QdRun.Recorder r = new QdRun.Recorder();
    QdRun.Round first = r.round(s, SchedulerTest::toy);
    assertThat(first.size()).isEqualTo((int) r.evaluations());
    while (r.evaluations() < 150) r.round(s, SchedulerTest::toy);
    org.rewardlab.core.env.StateBuffer sb = new org.rewardlab.core.env.StateBuffer();
    s.saveState(sb);
    org.rewardlab.core.env.StateBuffer hb = new org.rewardlab.core.env.StateBuffer();
    r.saveState(hb);
    Scheduler s2 = noveltySearch(5);
    s2.loadState(org.rewardlab.core.env.StateBuffer.of(sb.toArray()));
    QdRun.Recorder r2 = new QdRun.Recorder();
    r2.loadState(org.rewardlab.core.env.StateBuffer.of(hb.toArray()));
    while (r2.evaluations() < 300) r2.round(s2, SchedulerTest::toy);
    QdRun.History resumed = r2.history();
    assertThat(resumed.evaluations()).isEqualTo(whole.evaluations());
    assertThat(resumed.coverage()).isEqualTo(whole.coverage());
    assertThat(resumed.finalMeasures()).usingRecursiveComparison().isEqualTo(whole.finalMeasures());
    assertThat(resumed.firstHit()).isEqualTo(whole.firstHit());
    assertThat(resumed.hits()).isEqualTo(whole.hits());
  }
}
