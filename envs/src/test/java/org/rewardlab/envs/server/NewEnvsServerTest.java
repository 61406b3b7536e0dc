package org.rewardlab.envs.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.envs.EnvRegistry;

/** The 2-D envs of the reward-design papers (Soccer2D, Route2D) through the JSONL env server. */
class NewEnvsServerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"Soccer2D-v0", "Route2D-v0"})
  void serverStepsMatchTheKernel(String id) throws IOException {
    StringBuilder in = new StringBuilder("{\"op\":\"spec\"}\n{\"op\":\"reset\",\"seed\":3}\n");
    int[] actions = {5, 5, 8, 2, 5, 4, 0, 5, 5, 5};
    for (int a : actions) in.append("{\"op\":\"step\",\"action\":").append(a).append("}\n");
    StringWriter out = new StringWriter();
    new EnvServer(id).serve(new BufferedReader(new StringReader(in.toString())), out);
    List<JsonNode> r = new ArrayList<>();
    for (String line : out.toString().split("\n")) r.add(MAPPER.readTree(line));
    assertThat(r.get(0).get("id").asText()).isEqualTo(id);
    assertThat(r.get(0).get("action_space").get("n").asInt()).isEqualTo(9);

    FlatEnv env = EnvRegistry.make(id);
    float[] obs = new float[env.observationSize()];
    env.reset(3, obs, 0);
    assertThat(floats(r.get(1).get("obs"))).containsExactly(obs);
    for (int i = 0; i < actions.length && !env.terminated(); i++) {
      double reward = env.step(new float[] {actions[i]}, 0, obs, 0);
      JsonNode s = r.get(2 + i);
      assertThat(floats(s.get("obs"))).containsExactly(obs);
      assertThat(s.get("reward").asDouble()).isEqualTo(reward);
      assertThat(s.get("terminated").asBoolean()).isEqualTo(env.terminated());
    }
  }

  private static float[] floats(JsonNode a) {
    float[] f = new float[a.size()];
    for (int i = 0; i < f.length; i++) f[i] = (float) a.get(i).asDouble();
    return f;
  }
}
