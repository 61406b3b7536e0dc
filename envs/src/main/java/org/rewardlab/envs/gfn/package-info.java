/**
 * GFlowNet environments (GEN §0–§2): {@link org.rewardlab.envs.gfn.GfnEnv} (states, forward and
 * backward actions with masks, rewards, enumeration), {@link org.rewardlab.envs.gfn.HyperGrid},
 * {@link org.rewardlab.envs.gfn.BitSequence}, {@link org.rewardlab.envs.gfn.SetGeneration}, and
 * {@link org.rewardlab.envs.gfn.ExactDistribution} for exact targets, induced distributions and
 * L1 / JSD. The learning parts live in {@code org.rewardlab.algos.gfn}.
 */
package org.rewardlab.envs.gfn;
