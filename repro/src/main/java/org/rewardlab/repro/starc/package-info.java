/**
 * Paper #28, STARC reward distances (Skalse et al., ICLR 2024) with EPIC and DARD as baselines: the
 * interpolated-rewards experiment relating distances to regret, built on {@code reward.compare}.
 */
package org.rewardlab.repro.starc;
