package org.rewardlab.envs.classic;

import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.testkit.FlatEnvContractTest;

class AcrobotContractTest extends FlatEnvContractTest {
  @Override
  protected FlatEnv createEnv() {
    return new Acrobot();
  }
}
