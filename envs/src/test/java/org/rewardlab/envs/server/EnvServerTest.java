package org.rewardlab.envs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.HasState;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.testkit.Golden;

class EnvServerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Runs the server for {@code envId} on {@code input} and parses each output line. */
  private static List<JsonNode> serve(String envId, String input) throws IOException {
    StringWriter out = new StringWriter();
    new EnvServer(envId).serve(new BufferedReader(new StringReader(input)), out);
    List<JsonNode> responses = new ArrayList<>();
    String text = out.toString();
    assertThat(text.isEmpty() || text.endsWith("\n")).as("every response ends with a newline").isTrue();
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) responses.add(MAPPER.readTree(line));
    }
    return responses;
  }

  @ParameterizedTest
  @ValueSource(strings = {"CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1"})
  void specUsesTheGoldenFormat(String id) throws IOException {
    JsonNode g = Golden.gym(id);
    JsonNode spec = serve(id, "{\"op\":\"spec\"}\n").get(0);
    assertThat(spec.get("id").asText()).isEqualTo(id);
    assertThat(spec.get("observation_space")).isEqualTo(g.get("observation_space"));
    assertThat(spec.get("action_space")).isEqualTo(g.get("action_space"));
    assertThat(spec.get("max_episode_steps")).isEqualTo(g.get("max_episode_steps"));
    assertThat(spec.get("reward_threshold")).isEqualTo(g.get("reward_threshold"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1"})
  void goldenTransitionsAreReproducedThroughTheServer(String id) throws IOException {
    JsonNode g = Golden.gym(id);
    StringBuilder in = new StringBuilder();
    for (JsonNode t : g.get("transitions")) {
      in.append("{\"op\":\"reset\",\"seed\":0}\n");
      in.append("{\"op\":\"set_state\",\"state\":").append(t.get("state")).append("}\n");
      in.append("{\"op\":\"step\",\"action\":").append(t.get("action")).append("}\n");
    }
    List<JsonNode> out = serve(id, in.toString());
    assertThat(out).hasSize(3 * g.get("transitions").size());
    FlatEnv direct = EnvRegistry.make(id);
    float[] obs = new float[direct.observationSize()];
    int i = 0;
    for (JsonNode t : g.get("transitions")) {
      JsonNode step = out.get(3 * i + 2);
      assertThat(step.has("error")).as(step.toString()).isFalse();
      // What the server wrote is exactly what the env computes...
      direct.reset(0, obs, 0);
      ((HasState) direct.unwrapped()).setState(Golden.doubles(t.get("state")));
      float[] a = t.get("action").isArray() ? Golden.floats(t.get("action")) : new float[] {t.get("action").asInt()};
      double reward = direct.step(a, 0, obs, 0);
      assertThat(Golden.floats(step.get("obs"))).containsExactly(obs);
      assertThat(Golden.doubles(step.get("state"))).containsExactly(((HasState) direct.unwrapped()).state());
      assertThat(Golden.number(step.get("reward"))).isEqualTo(reward);
      // ...and matches Gymnasium.
      assertThat(Golden.number(step.get("reward"))).isEqualTo(Golden.number(t.get("reward")));
      assertThat(step.get("terminated").asBoolean()).isEqualTo(t.get("terminated").asBoolean());
      assertThat(step.get("truncated").asBoolean()).isFalse();
      double[] expected = Golden.doubles(t.get("next_state"));
      double[] actual = Golden.doubles(step.get("state"));
      for (int k = 0; k < expected.length; k++) assertThat(actual[k]).isCloseTo(expected[k], within(1e-9));
      float[] expectedObs = Golden.floats(t.get("obs"));
      float[] actualObs = Golden.floats(step.get("obs"));
      for (int k = 0; k < expectedObs.length; k++) {
        assertThat((double) actualObs[k]).isCloseTo(expectedObs[k], within(1e-6));
      }
      i++;
    }
  }

  @Test
  void numbersRoundTripExactly() throws IOException {
    String input = "{\"op\":\"reset\",\"seed\":1}\n"
        + "{\"op\":\"set_state\",\"state\":[0.1,1e23,\"-inf\",\"nan\"]}\n"
        + "{\"op\":\"set_state\",\"state\":[2e-3,4.9E-324,1.7976931348623157E308,-0.0]}\n"
        + "{\"op\":\"set_state\",\"state\":[0.3333333333333333,9.007199254740994E15,123456.789,5e-5]}\n";
    StringWriter out = new StringWriter();
    new EnvServer("CartPole-v1").serve(new BufferedReader(new StringReader(input)), out);
    String[] lines = out.toString().split("\n");
    assertThat(lines[1]).contains("[0.1,1.0E23,\"-inf\",\"nan\"]");
    double[] s2 = Golden.doubles(MAPPER.readTree(lines[2]).get("state"));
    assertThat(s2).containsExactly(2e-3, Double.MIN_VALUE, Double.MAX_VALUE, -0.0);
    assertThat(Double.doubleToRawLongBits(s2[3])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(Golden.doubles(MAPPER.readTree(lines[3]).get("state")))
        .containsExactly(1.0 / 3, 9.007199254740994E15, 123456.789, 5e-5);
    // float32 observations are written widened to double: (float) of the number is the float.
    float[] obs = Golden.floats(MAPPER.readTree(lines[1]).get("obs"));
    assertThat(obs[0]).isEqualTo(0.1f);
    assertThat(lines[1]).contains("0.10000000149011612");
  }

  @Test
  void badRequestsGetAnErrorAndServingGoesOn() throws IOException {
    String input = String.join("\n",
        "this is not json",
        "[1,2,3]",
        "{\"seed\":1}",
        "{\"op\":\"jump\"}",
        "{\"op\":\"step\",\"action\":0}",
        "{\"op\":\"set_state\",\"state\":[0,0,0,0]}",
        "{\"op\":\"reset\",\"seed\":\"zero\"}",
        "{\"op\":\"reset\",\"seed\":0}",
        "{\"op\":\"step\"}",
        "{\"op\":\"step\",\"action\":2}",
        "{\"op\":\"step\",\"action\":-1}",
        "{\"op\":\"step\",\"action\":0.5}",
        "{\"op\":\"step\",\"action\":\"left\"}",
        "{\"op\":\"step\",\"action\":[0]}",
        "{\"op\":\"set_state\",\"state\":[0,0,0]}",
        "{\"op\":\"set_state\",\"state\":[0,0,\"x\",0]}",
        "{\"op\":\"step\",\"action\":1}",
        "{\"op\":\"close\"}",
        "{\"op\":\"spec\"}") + "\n";
    List<JsonNode> out = serve("CartPole-v1", input);
    assertThat(out).hasSize(18); // nothing after close
    for (int i = 0; i < 18; i++) {
      boolean ok = i == 7 || i == 16 || i == 17;
      assertThat(out.get(i).has("error")).as("response %d: %s", i, out.get(i)).isEqualTo(!ok);
    }
    assertThat(out.get(0).get("error").asText()).contains("malformed JSON");
    assertThat(out.get(2).get("error").asText()).contains("\"op\"");
    assertThat(out.get(3).get("error").asText()).contains("unknown op \"jump\"").contains("spec, reset, step");
    assertThat(out.get(4).get("error").asText()).contains("step before reset");
    assertThat(out.get(6).get("error").asText()).contains("seed");
    assertThat(out.get(8).get("error").asText()).contains("needs an \"action\"");
    assertThat(out.get(9).get("error").asText()).contains("out of range").contains("0..1");
    assertThat(out.get(11).get("error").asText()).contains("integer");
    assertThat(out.get(14).get("error").asText()).contains("4 numbers");
    assertThat(out.get(15).get("error").asText()).contains("state[2]");
    assertThat(out.get(16).get("reward").asDouble()).isEqualTo(1.0);
    assertThat(out.get(17).get("ok").asBoolean()).isTrue();
  }

  @Test
  void boxActionsMustBeListsOfTheRightLength() throws IOException {
    List<JsonNode> out = serve("Pendulum-v1", "{\"op\":\"reset\",\"seed\":3}\n{\"op\":\"step\",\"action\":1.0}\n"
        + "{\"op\":\"step\",\"action\":[1.0,2.0]}\n{\"op\":\"step\",\"action\":[\"a\"]}\n{\"op\":\"step\",\"action\":[2.5]}\n");
    assertThat(out.get(1).get("error").asText()).contains("list of 1 numbers");
    assertThat(out.get(2).get("error").asText()).contains("list of 1 numbers");
    assertThat(out.get(3).get("error").asText()).contains("action[0]");
    assertThat(out.get(4).has("reward")).isTrue(); // out-of-bounds Box actions are clipped, as in Gymnasium
  }

  @Test
  void tenThousandRequestsAndTheTimeLimit() throws IOException {
    StringBuilder in = new StringBuilder("{\"op\":\"reset\",\"seed\":7}\n");
    for (int i = 1; i < 10_000; i++) in.append("{\"op\":\"step\",\"action\":[1.0]}\n");
    List<JsonNode> out = serve("Pendulum-v1", in.toString());
    assertThat(out).hasSize(10_000);
    for (int i = 1; i < 10_000; i++) {
      assertThat(out.get(i).has("error")).isFalse();
      // Never reset after the first: Gymnasium's TimeLimit keeps reporting truncated from step 200 on.
      assertThat(out.get(i).get("truncated").asBoolean()).as("step %d", i).isEqualTo(i >= 200);
    }
  }

  @Test
  void resetRestartsTheTimeLimitAndSameSeedIsDeterministic() throws IOException {
    StringBuilder in = new StringBuilder();
    for (int ep = 0; ep < 2; ep++) {
      in.append("{\"op\":\"reset\",\"seed\":5}\n");
      for (int i = 0; i < 200; i++) in.append("{\"op\":\"step\",\"action\":[0.25]}\n");
    }
    List<JsonNode> out = serve("Pendulum-v1", in.toString());
    assertThat(out).hasSize(402);
    for (int i = 0; i < 201; i++) assertThat(out.get(i + 201)).isEqualTo(out.get(i));
    assertThat(out.get(200).get("truncated").asBoolean()).isTrue();
    assertThat(out.get(199).get("truncated").asBoolean()).isFalse();
  }

  @Test
  void abruptEndOfInputEndsServing() throws IOException {
    List<JsonNode> out = serve("MountainCar-v0", "{\"op\":\"reset\",\"seed\":1}\n{\"op\":\"step\",\"action\":2}");
    assertThat(out).hasSize(2);
    assertThat(out.get(1).get("reward").asDouble()).isEqualTo(-1.0);
    assertThat(serve("MountainCar-v0", "")).isEmpty();
    assertThat(serve("MountainCar-v0", "{\"op\":\"reset\"")).hasSize(1).first().matches(n -> n.has("error"));
  }

  @Test
  void unknownEnvIdIsAUserError() {
    assertThatThrownBy(() -> new EnvServer("CartPole-v9")).isInstanceOf(UserInputException.class).hasMessageContaining("CartPole-v1");
  }
}
