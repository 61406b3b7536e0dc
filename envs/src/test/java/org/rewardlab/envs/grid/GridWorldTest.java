package org.rewardlab.envs.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.rewardlab.envs.grid.GridMap.DOWN;
import static org.rewardlab.envs.grid.GridMap.LEFT;
import static org.rewardlab.envs.grid.GridMap.RIGHT;
import static org.rewardlab.envs.grid.GridMap.UP;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.FlatTimeLimit;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.envs.EnvChecker;
import org.rewardlab.envs.EnvRegistry;

/** Hand-checked transitions, the exported model against the kernel, checkpoints and configs. */
class GridWorldTest {

  /** A one-env harness: put the agent somewhere, step, read what came back. */
  static final class Probe {
    final GridWorld env;
    final float[] obs;
    final float[] a = new float[1];
    double reward;

    Probe(GridConfig cfg) {
      env = new GridWorld(cfg);
      obs = new float[env.observationSize()];
      env.reset(0, obs, 0);
    }

    Probe at(int row, int col, boolean key) {
      env.setState(new double[] {env.map().state(row, col, key)});
      return this;
    }

    Probe at(int row, int col) {
      return at(row, col, false);
    }

    Probe step(int action) {
      a[0] = action;
      reward = env.step(a, 0, obs, 0);
      return this;
    }

    int row() {
      return env.map().row(env.stateIndex());
    }

    int col() {
      return env.map().col(env.stateIndex());
    }

    boolean key() {
      return env.map().holdsKey(env.stateIndex());
    }
  }

  @Test
  void wallsAndTheMapEdgeKeepTheAgentInPlace() {
    Probe p = new Probe(GridWorlds.GRID_GOAL).at(1, 1);
    p.step(UP);
    assertThat(new int[] {p.row(), p.col()}).containsExactly(1, 1);
    assertThat(p.reward).isZero();
    assertThat(p.env.terminated()).isFalse();
    p.step(LEFT);
    assertThat(new int[] {p.row(), p.col()}).containsExactly(1, 1);
    p.step(RIGHT);
    assertThat(new int[] {p.row(), p.col()}).containsExactly(1, 2);
    p.step(DOWN);
    assertThat(new int[] {p.row(), p.col()}).containsExactly(2, 2);
    // a map without border walls: off the map is a wall too
    GridConfig open = new GridConfig("Open-v0", List.of("S.", ".G"), 1, -1, -0.1, 0, GridConfig.ONEHOT, 10, null);
    Probe q = new Probe(open).at(0, 0);
    q.step(UP);
    assertThat(new int[] {q.row(), q.col()}).containsExactly(0, 0);
    assertThat(q.reward).as("the step cost is paid for bumping too").isEqualTo(-0.1);
  }

  @Test
  void enteringTheGoalPaysOnceAndEnds() {
    Probe p = new Probe(GridWorlds.GRID_GOAL).at(10, 9);
    p.step(RIGHT);
    assertThat(p.reward).isEqualTo(1.0);
    assertThat(p.env.terminated()).isTrue();
    assertThat(p.env.map().isGoal(p.env.stateIndex())).isTrue();
    p.step(LEFT);
    assertThat(p.reward).as("a terminal state is absorbing with reward 0").isZero();
    assertThat(p.env.terminated()).isTrue();
    assertThat(new int[] {p.row(), p.col()}).containsExactly(10, 10);
  }

  @Test
  void lavaEndsTheEpisodeWithMinusOne() {
    Probe p = new Probe(GridWorlds.GRID_LAVA).at(4, 1);
    p.step(RIGHT);
    assertThat(p.reward).isEqualTo(-1.0);
    assertThat(p.env.terminated()).isTrue();
    assertThat(p.env.map().isLava(p.env.stateIndex())).isTrue();
    Probe q = new Probe(GridWorlds.GRID_LAVA).at(3, 12);
    q.step(DOWN);
    assertThat(q.reward).isEqualTo(1.0);
    assertThat(q.env.terminated()).isTrue();
  }

  @Test
  void theDoorOpensOnlyWithTheKey() {
    Probe p = new Probe(GridWorlds.KEY_DOOR).at(3, 5);
    p.step(RIGHT);
    assertThat(new int[] {p.row(), p.col()}).as("locked").containsExactly(3, 5);
    p.at(3, 2).step(RIGHT);
    assertThat(new int[] {p.row(), p.col()}).containsExactly(3, 3);
    assertThat(p.key()).as("entering K picks up the key").isTrue();
    int withKey = p.env.stateIndex();
    assertThat(withKey).isEqualTo(p.env.map().numCells() + p.env.map().state(3, 3));
    assertThat(p.obs[withKey]).isEqualTo(1f);
    p.step(RIGHT).step(RIGHT);
    assertThat(p.key()).as("the key is kept").isTrue();
    p.step(RIGHT);
    assertThat(new int[] {p.row(), p.col()}).as("through the door").containsExactly(3, 6);
    p.step(RIGHT).step(RIGHT).step(RIGHT);
    assertThat(p.reward).isEqualTo(1.0);
    assertThat(p.env.terminated()).isTrue();
    assertThat(p.env.numStates()).isEqualTo(82);
  }

  @Test
  void coordinateObservationsShowRowColumnAndKey() {
    Probe p = new Probe(GridWorlds.KEY_DOOR.withObservation(GridConfig.COORDS)).at(3, 2);
    assertThat(p.env.observationSize()).isEqualTo(3);
    p.step(RIGHT);
    assertThat(p.obs).containsExactly(3f, 3f, 1f);
    assertThat(p.env.stateIndex(p.obs, 0)).isEqualTo(p.env.stateIndex());
    Probe q = new Probe(GridWorlds.FOUR_ROOMS.withObservation(GridConfig.COORDS)).at(6, 2);
    q.step(DOWN);
    assertThat(q.obs).containsExactly(7f, 2f);
    assertThatThrownBy(() -> q.env.stateIndex(new float[] {0f, 0f}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a cell");
  }

  @Test
  void oneHotObservationsDecodeToTheStateIndex() {
    Probe p = new Probe(GridWorlds.FOUR_ROOMS);
    assertThat(p.env.observationSize()).isEqualTo(104);
    for (int s = 0; s < p.env.numStates(); s++) {
      p.env.setState(new double[] {s});
      p.env.observe(p.obs, 0);
      assertThat(p.env.stateIndex(p.obs, 0)).isEqualTo(s);
    }
    p.obs[0] = 1f;
    p.obs[1] = 1f;
    assertThatThrownBy(() -> p.env.stateIndex(p.obs, 0)).hasMessageContaining("not a one-hot");
  }

  @Test
  void fourRoomsHasSuttonsLayout() {
    GridMap m = GridMap.of(GridWorlds.FOUR_ROOMS);
    assertThat(m.numStates()).isEqualTo(104);
    assertThat(m.starts()).hasSize(25);
    for (int[] hallway : new int[][] {{3, 6}, {10, 6}, {6, 2}, {7, 9}}) {
      assertThat(m.cell(hallway[0], hallway[1])).isEqualTo('.');
    }
    int[] steps = m.stepsToGoal();
    // from the top-left corner: right through the top hallway (3, 6), down the right rooms
    assertThat(steps[m.state(1, 1)]).isEqualTo(20);
    assertThat(steps[m.state(11, 11)]).isZero();
  }

  @Test
  void slipReplacesTheActionWithAUniformOneAtItsRate() {
    GridConfig cfg = GridWorlds.GRID_GOAL.withSlip(0.4);
    Probe p = new Probe(cfg);
    int n = 40_000;
    int[] counts = new int[4];
    int center = p.env.map().state(5, 5);
    for (int i = 0; i < n; i++) {
      p.env.setState(new double[] {center});
      p.step(RIGHT);
      int r = p.row();
      int c = p.col();
      counts[r < 5 ? UP : c > 5 ? RIGHT : r > 5 ? DOWN : LEFT]++;
    }
    double[] expected = {0.1, 0.7, 0.1, 0.1};
    for (int a = 0; a < 4; a++) {
      double sd = Math.sqrt(expected[a] * (1 - expected[a]) / n);
      assertThat(counts[a] / (double) n).as("direction %d", a).isCloseTo(expected[a], within(4 * sd));
    }
  }

  @Test
  void theModelMatchesHandComputedRowsAndTheKernel() {
    GridConfig cfg = GridWorlds.GRID_GOAL.withSlip(0.2).withStepReward(-0.01);
    GridWorld env = new GridWorld(cfg);
    GridMap m = env.map();
    TabularModel model = env.model();
    int corner = m.state(1, 1);
    // UP into the wall: stays unless it slips right or down (0.05 each); slipping up or left also stays
    assertThat(model.p(corner, UP, corner)).isCloseTo(0.9, within(1e-12));
    assertThat(model.p(corner, UP, m.state(1, 2))).isCloseTo(0.05, within(1e-12));
    assertThat(model.p(corner, UP, m.state(2, 1))).isCloseTo(0.05, within(1e-12));
    assertThat(model.p(corner, RIGHT, m.state(1, 2))).isCloseTo(0.85, within(1e-12));
    assertThat(model.r(corner, RIGHT, m.state(1, 2))).isEqualTo(-0.01);
    int goal = m.state(10, 10);
    int beside = m.state(10, 9);
    assertThat(model.p(beside, RIGHT, goal)).isCloseTo(0.85, within(1e-12));
    assertThat(model.r(beside, RIGHT, goal)).isEqualTo(1.0);
    assertThat(model.isTerminal(goal)).isTrue();
    for (int a = 0; a < 4; a++) {
      assertThat(model.p(goal, a, goal)).as("absorbing").isEqualTo(1.0);
      assertThat(model.r(goal, a, goal)).isZero();
    }
    assertThat(model.initial(goal)).isZero();
    assertThat(model.initial(corner)).isCloseTo(1.0 / 99, within(1e-15));
    // the kernel's transition frequencies from a few states agree with the model
    RandomSource actions = RandomSource.of(3);
    float[] obs = new float[env.observationSize()];
    float[] a = new float[1];
    env.reset(5, obs, 0);
    for (int s : new int[] {corner, beside, m.state(5, 5)}) {
      int act = actions.nextInt(4);
      int[] counts = new int[m.numStates()];
      int n = 20_000;
      for (int i = 0; i < n; i++) {
        env.setState(new double[] {s});
        a[0] = act;
        double r = env.step(a, 0, obs, 0);
        counts[env.stateIndex()]++;
        assertThat(r).isEqualTo(model.r(s, act, env.stateIndex()));
      }
      for (int t = 0; t < m.numStates(); t++) {
        double p = model.p(s, act, t);
        double sd = Math.sqrt(Math.max(p * (1 - p), 1e-12) / n);
        assertThat(counts[t] / (double) n).as("τ(%d|%d,%d)", t, s, act).isCloseTo(p, within(5 * sd + 1e-12));
      }
    }
  }

  @Test
  void startsAreUniformOnTheStartCells() {
    GridWorld env = new GridWorld(GridWorlds.FOUR_ROOMS);
    float[] obs = new float[env.observationSize()];
    int[] counts = new int[env.numStates()];
    for (long seed = 0; seed < 5000; seed++) {
      env.reset(seed, obs, 0);
      counts[env.stateIndex()]++;
    }
    for (int s : env.map().starts()) {
      assertThat(env.map().row(s)).isBetween(1, 5);
      assertThat(env.map().col(s)).isBetween(1, 5);
      assertThat(counts[s]).isBetween(120, 280);
    }
    assertThat(java.util.Arrays.stream(counts).sum()).isEqualTo(5000);
    GridConfig single = new GridConfig("One-v0", List.of("S.G"), 1, -1, 0, 0, GridConfig.ONEHOT, 5, null);
    GridWorld one = new GridWorld(single);
    float[] o = new float[one.observationSize()];
    one.reset(1, o, 0);
    assertThat(o).containsExactly(1f, 0f, 0f);
  }

  @Test
  void aCheckpointRestoresStateFlagAndStream() {
    GridConfig cfg = GridWorlds.KEY_DOOR.withSlip(0.3);
    GridWorld a = new GridWorld(cfg);
    float[] obs = new float[a.observationSize()];
    float[] act = new float[1];
    RandomSource pi = RandomSource.of(1);
    a.reset(8, obs, 0);
    for (int i = 0; i < 17; i++) {
      act[0] = pi.nextInt(4);
      a.step(act, 0, obs, 0);
      if (a.terminated()) a.reset(obs, 0);
    }
    StateBuffer saved = new StateBuffer();
    a.saveState(saved);
    GridWorld b = new GridWorld(cfg);
    b.reset(99, new float[b.observationSize()], 0);
    b.loadState(StateBuffer.of(saved.toArray()));
    float[] ob = new float[b.observationSize()];
    for (int i = 0; i < 300; i++) {
      act[0] = pi.nextInt(4);
      double ra = a.step(act, 0, obs, 0);
      double rb = b.step(act, 0, ob, 0);
      assertThat(ob).containsExactly(obs);
      assertThat(rb).isEqualTo(ra);
      assertThat(b.terminated()).isEqualTo(a.terminated());
      if (a.terminated()) {
        a.reset(obs, 0);
        b.reset(ob, 0);
      }
    }
  }

  @Test
  void registeredIdsComeWithTheirTimeLimitAndPotentials() {
    for (GridConfig cfg : GridWorlds.registered()) {
      FlatEnv env = EnvRegistry.make(cfg.id());
      assertThat(env).isInstanceOf(FlatTimeLimit.class);
      assertThat(((FlatTimeLimit) env).maxEpisodeSteps()).isEqualTo(cfg.maxEpisodeSteps());
      assertThat(env.unwrapped()).isInstanceOf(GridWorld.class);
      assertThat(env.actionSpace()).isEqualTo(new Discrete(4));
      assertThat(EnvRegistry.potentials(cfg.id())).containsOnlyKeys(GridWorlds.DISTANCE, GridWorlds.MANHATTAN);
      assertThat(EnvChecker.check(env, 5)).isEmpty();
    }
    assertThat(EnvRegistry.ids()).contains("GridGoal-v0", "GridLava-v0", "FourRooms-v0", "KeyDoor-v0");
  }

  @Test
  void potentialsReadTheObservation() {
    GridWorld env = new GridWorld(GridWorlds.FOUR_ROOMS);
    float[] obs = new float[env.observationSize()];
    env.setState(new double[] {env.map().state(1, 1)});
    env.observe(obs, 0);
    var phi = GridWorlds.potentials(GridWorlds.FOUR_ROOMS);
    assertThat(phi.get(GridWorlds.DISTANCE).value(obs, 0)).isEqualTo(-20.0);
    assertThat(phi.get(GridWorlds.MANHATTAN).value(obs, 0)).isEqualTo(-20.0);
    env.setState(new double[] {env.map().state(1, 7)});
    env.observe(obs, 0);
    assertThat(phi.get(GridWorlds.DISTANCE).value(obs, 0)).as("around the wall").isEqualTo(-14.0);
    assertThat(phi.get(GridWorlds.MANHATTAN).value(obs, 0)).isEqualTo(-14.0);
    GridWorld lava = new GridWorld(GridWorlds.GRID_LAVA);
    float[] lo = new float[lava.observationSize()];
    lava.setState(new double[] {lava.map().state(4, 1)});
    lava.observe(lo, 0);
    var lphi = GridWorlds.potentials(GridWorlds.GRID_LAVA);
    assertThat(lphi.get(GridWorlds.DISTANCE).value(lo, 0)).as("around the lava").isEqualTo(-13.0);
    assertThat(lphi.get(GridWorlds.MANHATTAN).value(lo, 0)).isEqualTo(-11.0);
  }

  @Test
  void steppingAllocatesNothing() {
    var bean = ManagementFactory.getThreadMXBean();
    if (!(bean instanceof com.sun.management.ThreadMXBean threads) || !threads.isThreadAllocatedMemorySupported()) return;
    for (GridConfig cfg : List.of(GridWorlds.FOUR_ROOMS, GridWorlds.KEY_DOOR.withSlip(0.1).withObservation(GridConfig.COORDS))) {
      GridWorld env = new GridWorld(cfg);
      float[] obs = new float[env.observationSize()];
      float[] a = new float[1];
      env.reset(0, obs, 0);
      for (int k = 0; k < 50_000; k++) {
        a[0] = k & 3;
        env.step(a, 0, obs, 0);
        if (env.terminated()) env.reset(obs, 0);
      }
      long tid = Thread.currentThread().getId();
      long before = threads.getThreadAllocatedBytes(tid);
      for (int k = 0; k < 50_000; k++) {
        a[0] = (k * 7 >> 2) & 3;
        env.step(a, 0, obs, 0);
        if (env.terminated()) env.reset(obs, 0);
      }
      assertThat(threads.getThreadAllocatedBytes(tid) - before).as(cfg.id()).isLessThan(4096);
    }
  }

  @Test
  void badMapsAreRefusedWithTheFieldAndTheFix() {
    assertThatThrownBy(() -> new GridConfig("X-v0", List.of("S..", ".G"), 1, -1, 0, 0, null, 10, null))
        .isInstanceOf(UserInputException.class).hasMessageContaining("map[1]").hasMessageContaining("equally long");
    assertThatThrownBy(() -> new GridConfig("X-v0", List.of("S.x", "..G"), 1, -1, 0, 0, null, 10, null))
        .isInstanceOf(UserInputException.class).hasMessageContaining("'x'");
    assertThatThrownBy(() -> new GridConfig("X-v0", List.of("S..", "..."), 1, -1, 0, 0, null, 10, null))
        .hasMessageContaining("no goal");
    assertThatThrownBy(() -> new GridConfig("X-v0", List.of("S.D", "..G"), 1, -1, 0, 0, null, 10, null))
        .hasMessageContaining("door but no key");
    assertThatThrownBy(() -> GridWorlds.GRID_GOAL.withSlip(1.5)).isInstanceOf(UserInputException.class)
        .extracting(e -> ((UserInputException) e).where()).isEqualTo("slip");
    assertThatThrownBy(() -> GridWorlds.GRID_GOAL.withObservation("pixels")).hasMessageContaining("onehot or coords");
    assertThat(GridConfig.defaults().spec().id()).isEqualTo("GridWorld-v0");
    assertThat(new GridConfig("X-v0", List.of("S.G"), 1, -1, 0, 0, null, 10, null).observation()).isEqualTo(GridConfig.ONEHOT);
  }
}
