package org.rewardlab.envs.grid;

import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.testkit.FlatEnvContractTest;

class FourRoomsSparseContractTest extends FlatEnvContractTest {
  @Override
  protected FlatEnv createEnv() {
    return new GridWorld(GridWorlds.FOUR_ROOMS_SPARSE);
  }
}
