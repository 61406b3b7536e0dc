package org.rewardlab.envs.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.vector.SyncVectorEnv;
import org.rewardlab.envs.EnvRegistry;

class CoverageTest {
  @TempDir Path tmp;

  @Test
  void mapCountsCellsAndCoverageOfReachableCells() {
    CoverageMap m = new CoverageMap(4, 2);
    m.visit(0.1, 0.1);
    m.visit(0.1, 0.2);
    m.visit(0.99, 0.99);
    m.visit(1.5, -3); // clamped into the corner cell (3, 0)
    assertThat(m.count(0, 0)).isEqualTo(2);
    assertThat(m.count(3, 1)).isEqualTo(1);
    assertThat(m.count(3, 0)).isEqualTo(1);
    assertThat(m.distinctCells()).isEqualTo(3);
    assertThat(m.coverage()).isEqualTo(3 / 8.0);
    boolean[] reach = new boolean[8];
    reach[0] = true;
    reach[1] = true;
    assertThat(m.coverage(reach)).isEqualTo(0.5);
    CoverageMap snap = m.copy();
    m.visitCell(1, 0);
    assertThat(snap.count(1, 0)).isZero();
    assertThat(m.visits()).isEqualTo(5);
    m.clear();
    assertThat(m.visits()).isZero();
    assertThat(m.distinctCells()).isZero();
  }

  @Test
  void recorderCopiesShareTheMapAndTheFirstKeepsItsLastPath() throws Exception {
    CoverageMap map = new CoverageMap(20, 20);
    VisitRecorder first = new VisitRecorder(EnvRegistry.make("AgvNav-simple-v0"), map, 0, 1);
    SyncVectorEnv v = new SyncVectorEnv(List.<FlatEnv>of(first, first.copy(), first.copy()));
    v.reset(5);
    float[] actions = new float[3 * 2];
    for (int i = 0; i < 3; i++) actions[2 * i] = 1f;
    for (int k = 0; k < 600; k++) v.step(actions);
    // one visit per reset and per step: 3 initial resets, 1800 steps, and a reset per ended episode
    assertThat(map.visits()).isGreaterThan(3 + 3 * 600);
    assertThat(first.lastTrajectory()).isNotEmpty();
    float[] p0 = first.lastTrajectory().get(0);
    assertThat(p0[0]).isBetween(0.17f, 0.23f); // start near x = 4 of 20
    assertThat(map.distinctCells()).isGreaterThan(3);
    Path png = tmp.resolve("c.png");
    CoveragePictures.write(png, "test", new CoveragePictures.Scene(List.of(new double[] {0, 0.475, 0.5, 0.525}), List.of(new double[] {0.2, 0.7})),
        List.of(List.of(new CoveragePictures.Panel("a", map.copy(), first.lastTrajectory()),
            new CoveragePictures.Panel("b", map, List.of()))));
    assertThat(Files.size(png)).isPositive();
    assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(400);
  }
}
