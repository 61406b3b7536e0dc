package org.rewardlab.algos.rl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** GAE against CleanRL's ppo.py loop (golden/gae.json), float64 and float32 results. */
class GaeGoldenTest {
  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : Golden.load("gae.json").get("cases")) out.add(Arguments.of(c.get("name").asText(), c));
    return out.stream();
  }

  @Test
  void hasAllTwentyCases() {
    assertThat(cases().count()).isEqualTo(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesCleanRl(String name, JsonNode c) {
    int t = c.get("T").asInt();
    int n = c.get("num_envs").asInt();
    double gamma = c.get("gamma").asDouble();
    double lambda = c.get("gae_lambda").asDouble();
    JsonNode in = c.get("inputs");
    float[] rewards = Golden.floats(in.get("rewards"));
    float[] values = Golden.floats(in.get("values"));
    float[] dones = Golden.floats(in.get("dones"));
    float[] nextDone = Golden.floats(in.get("next_done"));
    float[] nextValue = Golden.floats(in.get("next_value"));
    assertThat(rewards).hasSize(t * n);

    double[] adv64 = new double[t * n];
    double[] ret64 = new double[t * n];
    Gae.compute(rewards, values, dones, nextValue, nextDone, t, n, gamma, lambda, adv64, ret64);
    double[] eAdv64 = Golden.doubles(c.get("f64").get("advantages"));
    double[] eRet64 = Golden.doubles(c.get("f64").get("returns"));
    for (int k = 0; k < t * n; k++) {
      assertClose(adv64[k], eAdv64[k], 1e-9, 1e-12, name + " f64 adv[" + k + "]");
      assertClose(ret64[k], eRet64[k], 1e-9, 1e-12, name + " f64 ret[" + k + "]");
    }

    RolloutBuffer buf = new RolloutBuffer(t, n, 1, 1);
    System.arraycopy(rewards, 0, buf.rewards, 0, t * n);
    System.arraycopy(values, 0, buf.values, 0, t * n);
    System.arraycopy(dones, 0, buf.dones, 0, t * n);
    System.arraycopy(nextDone, 0, buf.nextDone, 0, n);
    System.arraycopy(nextValue, 0, buf.nextValue, 0, n);
    buf.computeAdvantages(gamma, lambda);
    double[] eAdv32 = Golden.doubles(c.get("f32").get("advantages"));
    double[] eRet32 = Golden.doubles(c.get("f32").get("returns"));
    for (int k = 0; k < t * n; k++) {
      assertClose(buf.advantages[k], eAdv32[k], 1e-5, 1e-5, name + " f32 adv[" + k + "]");
      assertClose(buf.returns[k], eRet32[k], 1e-5, 1e-5, name + " f32 ret[" + k + "]");
    }
  }

  static void assertClose(double got, double expected, double rel, double abs, String what) {
    double tol = Math.max(abs, rel * Math.abs(expected));
    assertThat(Math.abs(got - expected)).as("%s: got %s expected %s", what, got, expected).isLessThanOrEqualTo(tol);
  }
}
