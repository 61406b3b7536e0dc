package org.rewardlab.envs.soccer;

import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.testkit.FlatEnvContractTest;

class Soccer2DContractTest extends FlatEnvContractTest {
  @Override
  protected FlatEnv createEnv() {
    return new Soccer2D();
  }
}
