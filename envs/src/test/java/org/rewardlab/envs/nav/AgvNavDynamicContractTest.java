package org.rewardlab.envs.nav;

import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.testkit.FlatEnvContractTest;

class AgvNavDynamicContractTest extends FlatEnvContractTest {
  @Override
  protected FlatEnv createEnv() {
    return new AgvNav(NavScenes.DYNAMIC);
  }
}
