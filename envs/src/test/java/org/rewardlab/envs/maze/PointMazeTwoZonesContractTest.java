package org.rewardlab.envs.maze;

import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.testkit.FlatEnvContractTest;

class PointMazeTwoZonesContractTest extends FlatEnvContractTest {
  @Override
  protected FlatEnv createEnv() {
    return new PointMaze(Mazes.TWO_ZONES);
  }
}
