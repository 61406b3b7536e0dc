package org.rewardlab.envs.grid;

import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.testkit.FlatEnvContractTest;

class MazeContractTest extends FlatEnvContractTest {
  @Override
  protected FlatEnv createEnv() {
    return new GridWorld(GridWorlds.MAZE);
  }
}
