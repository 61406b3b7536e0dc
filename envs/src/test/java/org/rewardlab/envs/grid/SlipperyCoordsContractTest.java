package org.rewardlab.envs.grid;

import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.testkit.FlatEnvContractTest;

/**
 * The contract on the other options: slip from the env's stream, (row, col, has_key) observations, a
 * step cost. (The HasState round trip steps two envs with different streams once after copying the
 * state; with these seeds neither slips on that step — a slip there would be the env's randomness,
 * not a broken state.)
 */
class SlipperyCoordsContractTest extends FlatEnvContractTest {
  @Override
  protected FlatEnv createEnv() {
    return new GridWorld(GridWorlds.KEY_DOOR.withId("SlipperyKeyDoor-v0").withSlip(0.2).withObservation(GridConfig.COORDS)
        .withStepReward(-0.01));
  }
}
