package org.rewardlab.algos.prefgame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rewardlab.algos.prefgame.TreeDaa.Loss;

class TreeDaaTest {
  private final TreeDaa tree = new TreeDaa(3, 3);

  @Test
  void shapesAndProbabilitiesOfTheTree() {
    assertThat(tree.sequences()).isEqualTo(27);
    assertThat(tree.nodes()).isEqualTo(13);
    double[] theta = new double[tree.parameters()];
    Random r = new Random(1);
    for (int i = 0; i < theta.length; i++) theta[i] = r.nextGaussian();
    assertThat(Arrays.stream(tree.sequenceProbs(theta)).sum()).isCloseTo(1, within(1e-12));
    assertThat(tree.sequenceProbs(new double[tree.parameters()])[5]).isCloseTo(1.0 / 27, within(1e-12));
  }

  @Test
  void gradientMatchesFiniteDifferencesForEveryLoss() {
    Random r = new Random(2);
    double[] theta = new double[tree.parameters()];
    double[] ref = new double[tree.parameters()];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = r.nextGaussian();
      ref[i] = 0.5 * r.nextGaussian();
    }
    int[] w = {0, 5, 13, 26};
    int[] l = {1, 17, 2, 25};
    for (Loss loss : Loss.values()) {
      double beta = loss == Loss.SLIC ? 0.05 : 0.3; // SLiC: stay on the hinge's sloped side
      double[] g = new double[theta.length];
      tree.loss(loss, beta, theta, ref, w, l, g);
      for (int i = 0; i < theta.length; i++) {
        double[] p = theta.clone();
        double[] m = theta.clone();
        p[i] += 1e-6;
        m[i] -= 1e-6;
        double fd = (tree.loss(loss, beta, p, ref, w, l, new double[theta.length])
            - tree.loss(loss, beta, m, ref, w, l, new double[theta.length])) / 2e-6;
        assertThat(g[i]).as(loss + " θ" + i).isCloseTo(fd, within(1e-5));
      }
    }
  }

  @Test
  void adamOnDpoRaisesTheWinnersMarginAndMovesMassOnlyAlongThePairsPaths() {
    double[] theta = new double[tree.parameters()];
    double[] ref = new double[tree.parameters()];
    TreeDaa.Adam adam = new TreeDaa.Adam(theta.length, 0.05);
    int[] w = {0};
    int[] l = {1};
    for (int s = 0; s < 200; s++) {
      double[] g = new double[theta.length];
      tree.loss(Loss.DPO, 0.1, theta, ref, w, l, g);
      adam.step(theta, g);
    }
    assertThat(tree.margin(theta, ref, 0, 1)).isGreaterThan(5);
    double[] p = tree.sequenceProbs(theta);
    assertThat(p[0]).isGreaterThan(0.1); // the leaf node alone moves: at most 1/9
    // sequence 2 shares the last node with 0 and 1 and is never in a pair: pushing 1 down moved mass onto it too
    assertThat(p[2]).isGreaterThan(p[1]);
    // nodes off the pair's path keep their (uniform) conditionals
    assertThat(p[10] / p[9]).isCloseTo(1, within(1e-9));
  }
}
