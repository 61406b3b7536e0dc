/**
 * Gridworlds for tabular reward experiments: an empty room with a goal ({@code GridGoal-v0}), a lava
 * cliff ({@code GridLava-v0}), Sutton, Precup and Singh's four rooms ({@code FourRooms-v0}) and a
 * key-door world ({@code KeyDoor-v0}), all instances of one {@link org.rewardlab.envs.grid.GridWorld}
 * kernel built from an ASCII map ({@link org.rewardlab.envs.grid.GridConfig}), so that a
 * reproduction can draw its own map.
 *
 * <p>Each env is a {@link org.rewardlab.core.env.FlatEnv} with Discrete(4) actions and, by default, a
 * one-hot observation of its state index; it decodes observations back to state indices ({@link
 * org.rewardlab.envs.grid.TabularStates}, what tabular learners read) and exports its exact MDP as
 * plain arrays ({@link org.rewardlab.envs.grid.TabularModel}): {@code envs} depends on {@code core}
 * only, so the conversion to the {@code reward} module's {@code TabularMdp} lives in
 * {@code org.rewardlab.algos.tabular.ExactMdp}. Guide: {@code docs/grid.md}.
 */
package org.rewardlab.envs.grid;
