package org.rewardlab.envs.classic;

import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.testkit.FlatEnvContractTest;

class PendulumContractTest extends FlatEnvContractTest {
  @Override
  protected FlatEnv createEnv() {
    return new Pendulum();
  }
}
