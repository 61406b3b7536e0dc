/**
 * The 2-D point maze of quality-diversity search (GEN §3–§6): a point in [-1, 1]² moved by a
 * bounded velocity, axis-aligned walls, sparse reward zones. {@link org.rewardlab.envs.maze.PointMaze}
 * is the kernel, {@link org.rewardlab.envs.maze.MazeConfig} its parameters,
 * {@link org.rewardlab.envs.maze.Mazes} the registered layouts, and
 * {@link org.rewardlab.envs.maze.MazeImages} renders a position as the small image TAXONS learns from.
 */
package org.rewardlab.envs.maze;
