package org.rewardlab.envs.nav;

import java.util.List;
import org.rewardlab.core.env.EnvSpec;

/**
 * A warehouse scene for {@link AgvNav}: a square world, axis-aligned shelves, a start and a goal, and
 * optionally obstacles moving back and forth along aisles. Our reconstruction of the scenes of
 * arXiv 2404.12594 (GEN §8): the paper's exact geometry and reward numbers were not available.
 *
 * @param id registered env id
 * @param size side of the world in metres (walls at 0 and size)
 * @param shelves rectangles {@code {x0, y0, x1, y1}} (x0 &lt; x1, y0 &lt; y1)
 * @param startX start centre x; the episode starts within {@code startJitter} of it
 * @param startY start centre y
 * @param startJitter half-width of the uniform start box (m)
 * @param goalX goal x
 * @param goalY goal y
 * @param movers moving obstacles {@code {x0, y0, x1, y1}}: each a disc of radius {@link
 *     AgvNav#MOVER_RADIUS} going back and forth on the segment at {@link AgvNav#MOVER_SPEED}
 * @param horizon time limit in steps
 */
public record NavScene(
    String id,
    double size,
    List<double[]> shelves,
    double startX,
    double startY,
    double startJitter,
    double goalX,
    double goalY,
    List<double[]> movers,
    int horizon) {

  public NavScene {
    shelves = List.copyOf(shelves);
    movers = List.copyOf(movers);
    for (double[] s : shelves) {
      if (s.length != 4 || !(s[0] < s[2]) || !(s[1] < s[3])) throw new IllegalArgumentException("a shelf is {x0, y0, x1, y1} with x0 < x1, y0 < y1");
    }
    for (double[] m : movers) if (m.length != 4) throw new IllegalArgumentException("a mover is a segment {x0, y0, x1, y1}");
    if (!(size > 0) || horizon < 1) throw new IllegalArgumentException("scene " + id + " needs size > 0 and horizon >= 1");
  }

  /** The spec: the scene's horizon as the time limit, no reward threshold. */
  public EnvSpec spec() {
    return new EnvSpec(id, horizon, null);
  }
}
