package org.rewardlab.envs.route;

import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.testkit.FlatEnvContractTest;

class Route2DContractTest extends FlatEnvContractTest {
  @Override
  protected FlatEnv createEnv() {
    return new Route2D();
  }
}
