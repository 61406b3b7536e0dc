package org.rewardlab.algos.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rewardlab.algos.rl.GaeGoldenTest.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rewardlab.nn.Categorical;
import org.rewardlab.nn.DiagGaussian;
import org.rewardlab.nn.Torch;

/** PPO loss terms and gradients against CleanRL (golden/ppo_loss.json), in float32 via DJL autograd. */
class PpoLossGoldenTest {
  private static final double REL = 1e-5;
  private static final double ABS = 1e-6;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : Golden.load("ppo_loss.json").get("cases")) out.add(Arguments.of(c.get("name").asText(), c));
    return out.stream();
  }

  @Test
  void hasTenCases() {
    assertThat(cases().count()).isEqualTo(10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesCleanRl(String name, JsonNode c) {
    int b = c.get("batch").asInt();
    int a = c.get("action_dim").asInt();
    boolean categorical = c.get("dist").asText().equals("categorical");
    JsonNode h = c.get("hyperparameters");
    PpoLoss.Coefficients coef = new PpoLoss.Coefficients(h.get("clip_coef").asDouble(), h.get("norm_adv").asBoolean(),
        h.get("clip_vloss").asBoolean(), h.get("ent_coef").asDouble(), h.get("vf_coef").asDouble());
    JsonNode in = c.get("inputs");
    JsonNode f32 = c.get("f32");
    JsonNode f64 = c.get("f64");
    try (NDManager m = Torch.manager();
        GradientCollector gc = Torch.init().newGradientCollector()) {
      NDArray newValue = m.create(Golden.floats(in.get("newvalue")), new Shape(b));
      newValue.setRequiresGradient(true);
      NDArray head;
      NDArray logstd = null;
      NDArray newLogProb;
      NDArray entropy;
      if (categorical) {
        head = m.create(Golden.floats(in.get("logits")), new Shape(b, a));
        head.setRequiresGradient(true);
        double[] actD = Golden.doubles(in.get("actions"));
        long[] act = new long[b];
        for (int i = 0; i < b; i++) act[i] = (long) actD[i];
        NDArray lp = Categorical.logProbs(head);
        newLogProb = Categorical.logProb(lp, m.create(act));
        entropy = Categorical.entropy(lp);
      } else {
        head = m.create(Golden.floats(in.get("action_mean")), new Shape(b, a));
        head.setRequiresGradient(true);
        logstd = m.create(Golden.floats(in.get("logstd")), new Shape(a));
        logstd.setRequiresGradient(true);
        NDArray act = m.create(Golden.floats(in.get("actions")), new Shape(b, a));
        newLogProb = DiagGaussian.logProb(head, logstd, act);
        entropy = DiagGaussian.entropy(head, logstd);
      }
      PpoLoss.Terms t = PpoLoss.compute(newLogProb, entropy, newValue,
          m.create(Golden.floats(in.get("old_logprobs"))), m.create(Golden.floats(in.get("advantages"))),
          m.create(Golden.floats(in.get("returns"))), m.create(Golden.floats(in.get("old_values"))), coef);
      check(name, "newlogprob", newLogProb, f32, f64);
      check(name, "entropy", entropy, f32, f64);
      check(name, "logratio", t.logratio(), f32, f64);
      check(name, "ratio", t.ratio(), f32, f64);
      check(name, "old_approx_kl", t.oldApproxKl(), f32, f64);
      check(name, "approx_kl", t.approxKl(), f32, f64);
      check(name, "clipfrac", t.clipfrac(), f32, f64);
      check(name, "mb_advantages", t.mbAdvantages(), f32, f64);
      check(name, "pg_loss1", t.pgLoss1(), f32, f64);
      check(name, "pg_loss2", t.pgLoss2(), f32, f64);
      check(name, "pg_loss", t.pgLoss(), f32, f64);
      check(name, "v_loss_unclipped", t.vLossUnclipped(), f32, f64);
      check(name, "v_clipped", t.vClipped(), f32, f64);
      check(name, "v_loss_clipped", t.vLossClipped(), f32, f64);
      check(name, "v_loss", t.vLoss(), f32, f64);
      check(name, "entropy_loss", t.entropyLoss(), f32, f64);
      check(name, "loss", t.loss(), f32, f64);

      gc.backward(t.loss());
      JsonNode g32 = f32.get("grad");
      JsonNode g64 = f64.get("grad");
      checkGrad(name, categorical ? "logits" : "action_mean", head.getGradient(), g32, g64);
      checkGrad(name, "newvalue", newValue.getGradient(), g32, g64);
      if (logstd != null) checkGrad(name, "logstd", logstd.getGradient(), g32, g64);
    }
  }

  private static void check(String name, String key, NDArray got, JsonNode f32, JsonNode f64) {
    compare(name + " " + key, got.toFloatArray(), Golden.doubles(f32.get(key)), Golden.doubles(f64.get(key)));
  }

  private static void checkGrad(String name, String key, NDArray got, JsonNode g32, JsonNode g64) {
    compare(name + " grad " + key, got.toFloatArray(), Golden.doubles(g32.get(key)), Golden.doubles(g64.get(key)));
  }

  private static void compare(String what, float[] got, double[] e32, double[] e64) {
    assertThat(got.length).as(what + " size").isEqualTo(e32.length);
    for (int i = 0; i < got.length; i++) {
      assertClose(got[i], e32[i], REL, ABS, what + "[" + i + "] vs f32");
      // float32 vs float64 reference: the f32/f64 gap itself is ~1e-6 relative
      assertClose(got[i], e64[i], 1e-4, 1e-5, what + "[" + i + "] vs f64");
    }
  }
}
