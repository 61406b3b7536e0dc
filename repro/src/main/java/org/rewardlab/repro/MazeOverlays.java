package org.rewardlab.repro;

import java.util.ArrayList;
import java.util.List;
import org.rewardlab.envs.maze.MazeConfig;
import org.rewardlab.search.qd.QdPictures;

/** The walls and reward zones of a point maze as a picture overlay (shared by the QD repros). Thread-safe. */
public final class MazeOverlays {
  private MazeOverlays() {}

  /** Walls as rectangles and zones as discs, in maze coordinates. */
  public static QdPictures.Overlay of(MazeConfig maze) {
    List<double[]> walls = new ArrayList<>();
    for (MazeConfig.Wall w : maze.walls()) walls.add(new double[] {w.x0(), w.y0(), w.x1(), w.y1()});
    List<double[]> discs = new ArrayList<>();
    for (MazeConfig.Zone z : maze.zones()) discs.add(new double[] {z.x(), z.y(), z.radius()});
    return new QdPictures.Overlay(walls, discs);
  }
}
