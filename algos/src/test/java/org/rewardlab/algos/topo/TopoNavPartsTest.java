package org.rewardlab.algos.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.envs.grid.GridWorld;
import org.rewardlab.envs.grid.GridWorlds;

class TopoNavPartsTest {
  @Test
  void graphAddsNodesBeyondDNewAndEdgesAlongTheWay() {
    TopoGraph g = new TopoGraph(4);
    assertThat(g.observe(1, 1)).isZero();
    assertThat(g.lastCreated()).isTrue();
    assertThat(g.observe(1, 4)).isZero(); // 3 cells away: same node
    assertThat(g.lastCreated()).isFalse();
    assertThat(g.observe(1, 6)).isEqualTo(1); // 5 > 4: a new node, and the edge 0-1
    assertThat(g.connected(0, 1)).isTrue();
    assertThat(g.observe(1, 2)).isZero(); // back: node 0 entered again
    assertThat(g.visits(0)).isEqualTo(2);
    assertThat(g.visits(1)).isEqualTo(1);
    assertThat(g.numEdges()).isEqualTo(1);
  }

  @Test
  void knownMapFindsFrontiersAndShortestPathsThroughKnownCells() {
    KnownMap m = new KnownMap(3, 4);
    for (int c = 0; c < 3; c++) m.mark(1, c, true);
    m.mark(0, 1, false);
    assertThat(m.isFrontier(1, 0)).isTrue(); // (0, 0) unknown
    assertThat(m.freeCount()).isEqualTo(3);
    m.search(1, 0);
    assertThat(m.distance(1, 2)).isEqualTo(2);
    assertThat(m.firstStep(1, 2)).isEqualTo(1); // right
    assertThat(m.distance(0, 1)).isEqualTo(-1); // blocked
    assertThat(m.nearestFrontier()).containsExactly(1, 0);
    assertThat(m.cell(-1, 0)).isEqualTo(KnownMap.BLOCKED);
  }

  @Test
  void subgoalScoreAndOptionRewardFollowTheFormulas() {
    SubgoalScore s = SubgoalScore.defaults();
    assertThat(s.score(3, true, 10, Double.NaN)).isCloseTo(0.5 + 0.5 - 0.5, within(1e-12));
    assertThat(s.score(0, false, 0, 2)).isCloseTo(1 - 2, within(1e-12));
    OptionReward o = OptionReward.defaults();
    assertThat(o.controller(0.5, false)).isCloseTo(1 - 0.01, within(1e-12));
    assertThat(o.controller(3, true)).isCloseTo(-1.01, within(1e-12));
    assertThat(o.meta(1, 2)).isEqualTo(2.0);
  }

  @Test
  void topoNavFindsTheMazeGoalAndIsDeterministic() {
    TopoNavAgent.Result a = TopoNavAgent.run(new GridWorld(GridWorlds.MAZE), 3000, 7, RandomSource.of(3), TopoNavAgent.Config.defaults());
    TopoNavAgent.Result b = TopoNavAgent.run(new GridWorld(GridWorlds.MAZE), 3000, 7, RandomSource.of(3), TopoNavAgent.Config.defaults());
    assertThat(a.firstSuccess()).isPositive().isLessThan(3000);
    assertThat(a.successes()).isGreaterThan(1);
    assertThat(a.nodes()).isGreaterThan(3);
    assertThat(a.coverage()).isGreaterThan(0.3).isLessThanOrEqualTo(1.0);
    assertThat(b).usingRecursiveComparison().isEqualTo(a);
  }
}
