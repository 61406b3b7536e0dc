package org.rewardlab.algos.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.lm.grpo.GroupAdvantageConfig;
import org.rewardlab.algos.lm.grpo.GrpoLoss;
import org.rewardlab.algos.lm.grpo.GrpoLossConfig;
import org.rewardlab.algos.lm.grpo.LossAggregation;
import org.rewardlab.algos.lm.grpo.LossResult;
import org.rewardlab.algos.lm.grpo.TokenBatch;
import org.rewardlab.core.UserInputException;
import org.rewardlab.envs.text.AnswerFormat;
import org.rewardlab.envs.text.ArithOp;
import org.rewardlab.envs.text.ArithProblem;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.Problem;

/** COPO's global advantage, answer entropy and gate against numbers worked out by hand (PO §4(b)). */
class CopoAdvantageTest {
  static final double EPS = 1e-6;

  /**
   * Three prompts, G = 4: p0 all right (answers 08 ×4), p1 all wrong (07 ×4), p2 half right with answers
   * 08, 07, 05, 08 → H = −(½ log₂ ½ + 2·¼ log₂ ¼) = 1.5 bits. R = [1, 0, 0.5], mean 0.5, unbiased std 0.5,
   * so Â^G = [0.5, −0.5, 0] / (0.5 + ε).
   */
  static final double[] R = {1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1};
  static final List<String> ANSWERS = List.of("08", "08", "08", "08", "07", "07", "07", "07", "08", "07", "05", "08");

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  static double[] local() {
    // TRL defaults: p2 = (r − 0.5) / (√(1/3) + 1e-4); p0, p1: 0
    double[] a = new double[12];
    double s = Math.sqrt(1.0 / 3) + 1e-4;
    a[8] = 0.5 / s;
    a[9] = -0.5 / s;
    a[10] = -0.5 / s;
    a[11] = 0.5 / s;
    return a;
  }

  @Test
  void softWithForcedMatchesTheHandComputedNumbers() {
    CopoAdvantage.Result r = new CopoAdvantage(Copo.defaults()).compute(R, 4, ANSWERS, ANSWERS, local());
    assertThat(r.entropy()).containsExactly(new double[] {0, 0, 1.5}, within(1e-12));
    assertThat(r.globalReward()).containsExactly(1, 0, 0.5);
    double[] expectedGlobal = {0.5 / (0.5 + EPS), -0.5 / (0.5 + EPS), 0};
    for (int b = 0; b < 12; b++) assertThat(r.global()[b]).isCloseTo(expectedGlobal[b / 4], within(1e-12));
    assertThat(r.softGate()[0]).isCloseTo(sigmoid(20 * (0 - 0.5)), within(1e-15));
    assertThat(r.softGate()[2]).isCloseTo(sigmoid(20 * (1.5 - 0.5)), within(1e-15));
    // forced: the all-same groups (local advantage 0) use the global loss only
    for (int b = 0; b < 8; b++) assertThat(r.localWeight()[b]).isZero();
    for (int b = 8; b < 12; b++) assertThat(r.localWeight()[b]).isCloseTo(sigmoid(20), within(1e-15));
    assertThat(r.effectiveGradFraction()).isEqualTo(1.0);
    assertThat(r.localNonZeroFraction()).isCloseTo(1.0 / 3, within(1e-15));
  }

  @Test
  void softKeepsTheGateOnAllSameGroupsAndOnlyGlobalDropsTheLocalLoss() {
    CopoAdvantage.Result soft = new CopoAdvantage(Copo.defaults().withBlend(Copo.Blend.SOFT)).compute(R, 4, ANSWERS, ANSWERS, local());
    assertThat(soft.localWeight()[0]).isCloseTo(sigmoid(-10), within(1e-15)).isPositive();
    CopoAdvantage.Result global = new CopoAdvantage(Copo.defaults().withBlend(Copo.Blend.ONLY_GLOBAL))
        .compute(R, 4, ANSWERS, ANSWERS, local());
    assertThat(global.localWeight()).containsOnly(0.0);
    // p2's global advantage is 0 and the local loss is off: only two prompts carry a gradient
    assertThat(global.effectiveGradFraction()).isCloseTo(2.0 / 3, within(1e-15));
    CopoAdvantage.Result forced = new CopoAdvantage(Copo.defaults().withBlend(Copo.Blend.ONLY_FORCED))
        .compute(R, 4, ANSWERS, ANSWERS, local());
    assertThat(Arrays.copyOfRange(forced.localWeight(), 8, 12)).containsOnly(1.0);
    assertThat(Arrays.copyOfRange(forced.localWeight(), 0, 8)).containsOnly(0.0);
  }

  @Test
  void consistencyCoefficientScalesTheGlobalReward() {
    // λ = (1 − 1/4) / log₂ 4 = 0.375; c = 1 − 0.375 H = [1, 1, 0.4375]; R = [1, 0, 0.21875]
    CopoAdvantage.Result r = new CopoAdvantage(Copo.defaults().withRewardCoef(true)).compute(R, 4, ANSWERS, ANSWERS, local());
    assertThat(r.globalReward()).containsExactly(new double[] {1, 0, 0.21875}, within(1e-15));
    double mean = (1 + 0.21875) / 3;
    double sd = Math.sqrt(((1 - mean) * (1 - mean) + mean * mean + (0.21875 - mean) * (0.21875 - mean)) / 2);
    assertThat(r.global()[8]).isCloseTo((0.21875 - mean) / (sd + EPS), within(1e-12));
  }

  @Test
  void aMissingAnswerFallsBackToTheCompletionText() {
    List<String> answers = new ArrayList<>(ANSWERS);
    List<String> texts = new ArrayList<>(ANSWERS);
    for (int b = 4; b < 8; b++) {
      answers.set(b, null);
      texts.set(b, "1" + b); // four distinct texts: H = 2 bits
    }
    CopoAdvantage.Result r = new CopoAdvantage(Copo.defaults()).compute(R, 4, answers, texts, local());
    assertThat(r.entropy()[1]).isCloseTo(2.0, within(1e-12));
    // one prompt in the batch: no batch std, the global advantage is 0
    CopoAdvantage.Result single = new CopoAdvantage(Copo.defaults())
        .compute(Arrays.copyOf(R, 4), 4, ANSWERS.subList(0, 4), ANSWERS.subList(0, 4), new double[4]);
    assertThat(single.global()).containsOnly(0.0);
  }

  @Test
  void variantReturnsGlobalAndLocalComponentsWithComplementaryWeights() {
    CopoVariant v = new CopoVariant(Copo.defaults(), GroupAdvantageConfig.defaults());
    ScoredBatch batch = batch(R, ANSWERS, 4);
    List<GrpoVariant.Component> cs = v.advantages(batch, batch.rewards());
    assertThat(cs).extracting(GrpoVariant.Component::name).containsExactly("global", "local");
    double[] local = local();
    for (int b = 0; b < 12; b++) {
      assertThat(cs.get(0).rowWeights()[b] + cs.get(1).rowWeights()[b]).isCloseTo(1.0, within(1e-15));
      assertThat(cs.get(1).advantages()[b]).isCloseTo(local[b], within(1e-12));
    }
    assertThat(v.metrics().get("variant/effective_grad_frac")).isEqualTo(1.0);
    assertThat(v.metrics().get("variant/local_nonzero_frac")).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(v.metrics().get("variant/gate_mean")).isCloseTo(sigmoid(20) / 3, within(1e-12));
    assertThat(v.metrics().get("variant/answer_entropy_mean")).isCloseTo(0.5, within(1e-12));
    CopoVariant global = new CopoVariant(Copo.defaults().withBlend(Copo.Blend.ONLY_GLOBAL), GroupAdvantageConfig.defaults());
    assertThat(global.advantages(batch, batch.rewards())).singleElement()
        .satisfies(c -> assertThat(c.rowWeights()).containsOnly(1.0));
  }

  /**
   * COPO's loss is agg((1 − w)ℓ^G + wℓ^L) with verl's {@code seq-mean-token-mean}. The trainer sums the
   * components' gradients with their row weights; because the aggregation is linear this is that loss's
   * exact gradient, even where the ratios are clipped (checked by central differences).
   */
  @Test
  void weightedComponentsHaveTheGradientOfTheBlendedLoss() {
    int rows = 3;
    int width = 4;
    double[] mask = TokenBatch.prefixMask(new int[] {4, 2, 3}, width);
    double[] logp = {-0.3, -1.2, -0.7, -2.0, -0.5, -0.9, 0, 0, -1.5, -0.2, -0.8, 0};
    double[] old = {-0.6, -1.0, -0.2, -1.1, -0.5, -1.6, 0, 0, -1.0, -0.9, -0.8, 0}; // ratios well outside 1 ± 0.2
    double[] aG = {0.8, -1.1, 0.3};
    double[] aL = {-0.4, 0.9, 1.3};
    double[] w = {0.25, 0.9, 0.0};
    GrpoLossConfig cfg = GrpoLossConfig.verlDefaults().withAggregation(LossAggregation.SEQ_MEAN_TOKEN_MEAN);
    GrpoLoss loss = new GrpoLoss(cfg);
    double[] grad = new double[rows * width];
    for (int c = 0; c < 2; c++) {
      double[] adv = c == 0 ? aG : aL;
      LossResult part = loss.compute(TokenBatch.of(rows, width, logp, mask, TokenBatch.broadcast(adv, width)).withOld(old));
      for (int k = 0; k < grad.length; k++) grad[k] += (c == 0 ? 1 - w[k / width] : w[k / width]) * part.gradLogp()[k];
    }
    double h = 1e-6;
    for (int k = 0; k < grad.length; k++) {
      if (mask[k] == 0) continue;
      double[] up = logp.clone();
      double[] down = logp.clone();
      up[k] += h;
      down[k] -= h;
      double numeric = (blended(loss, up, old, mask, aG, aL, w, rows, width) - blended(loss, down, old, mask, aG, aL, w, rows, width)) / (2 * h);
      assertThat(grad[k]).as("token %d", k).isCloseTo(numeric, within(1e-6));
    }
  }

  /** seq-mean-token-mean of (1 − w_b)ℓ^G + w_b ℓ^L, from the per-token losses. */
  private static double blended(GrpoLoss loss, double[] logp, double[] old, double[] mask, double[] aG, double[] aL, double[] w,
      int rows, int width) {
    double[] lg = loss.compute(TokenBatch.of(rows, width, logp, mask, TokenBatch.broadcast(aG, width)).withOld(old)).perTokenLoss();
    double[] ll = loss.compute(TokenBatch.of(rows, width, logp, mask, TokenBatch.broadcast(aL, width)).withOld(old)).perTokenLoss();
    double total = 0;
    for (int b = 0; b < rows; b++) {
      double n = 0;
      double s = 0;
      for (int t = 0; t < width; t++) {
        int k = b * width + t;
        n += mask[k];
        s += mask[k] * ((1 - w[b]) * lg[k] + w[b] * ll[k]);
      }
      total += s / (n + 1e-8);
    }
    return total / rows;
  }

  @Test
  void yamlSelectsTheVariantAndNamesBadFields() {
    String yaml = """
        algo:
          type: grpo
          task: {type: arith, digits: [1, 3], ops: [add], answerFormat: fixed_width}
          variant: {type: copo, blend: only-global}
        """;
    ExperimentSpec spec = ExperimentSpecs.read(yaml);
    assertThat(((GrpoConfig) spec.algo()).variant()).isEqualTo(Copo.defaults().withBlend(Copo.Blend.ONLY_GLOBAL));
    assertThat(ExperimentSpecs.read(ExperimentSpecs.toJson(spec))).isEqualTo(spec);
    assertThatThrownBy(() -> ExperimentSpecs.read(yaml.replace("blend: only-global", "blend: hard")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.variant.blend");
    assertThatThrownBy(() -> ExperimentSpecs.read(yaml.replace("blend: only-global", "gateSharpness: 0")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.variant.gateSharpness");
    assertThatThrownBy(() -> ExperimentSpecs.read(yaml.replace("blend: only-global", "gateCenter: -1")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.variant.gateCenter");
  }

  static ScoredBatch batch(double[] r, List<String> answers, int g) {
    int prompts = r.length / g;
    List<Problem> problems = new ArrayList<>();
    List<Completion> completions = new ArrayList<>();
    boolean[] correct = new boolean[r.length];
    int[] lengths = new int[r.length];
    for (int p = 0; p < prompts; p++) {
      ArithProblem prob = new ArithProblem(3, 5, ArithOp.ADD, 1, AnswerFormat.FIXED_WIDTH, false); // 3+5=08
      problems.add(prob);
      for (int j = 0; j < g; j++) {
        int b = p * g + j;
        completions.add(new Completion(prob, answers.get(b)));
        correct[b] = r[b] > 0;
        lengths[b] = 3;
      }
    }
    return new ScoredBatch(g, problems, completions, r, correct, lengths, 1, 1, 10);
  }
}
