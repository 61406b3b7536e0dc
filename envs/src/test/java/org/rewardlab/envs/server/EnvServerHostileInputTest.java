package org.rewardlab.envs.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests meant to hurt: huge lines, huge fields, newlines and escapes in fields. Serving goes on. */
class EnvServerHostileInputTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A reader of {@code head}, then {@code n} copies of {@code fill}, then {@code tail}, never held whole. */
  private static final class Generated extends Reader {
    private final String head;
    private final char fill;
    private final String tail;
    private long fillLeft;
    private int headPos;
    private int tailPos;

    Generated(String head, char fill, long n, String tail) {
      this.head = head;
      this.fill = fill;
      this.fillLeft = n;
      this.tail = tail;
    }

    @Override
    public int read(char[] buf, int off, int len) {
      int k = 0;
      while (k < len) {
        if (headPos < head.length()) {
          buf[off + k++] = head.charAt(headPos++);
        } else if (fillLeft > 0) {
          buf[off + k++] = fill;
          fillLeft--;
        } else if (tailPos < tail.length()) {
          buf[off + k++] = tail.charAt(tailPos++);
        } else {
          break;
        }
      }
      return k == 0 ? -1 : k;
    }

    @Override
    public void close() {}
  }

  private static List<JsonNode> serve(Reader input) throws IOException {
    StringWriter out = new StringWriter();
    new EnvServer("CartPole-v1").serve(new BufferedReader(input), out);
    List<JsonNode> responses = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      assertThat(line.length()).as("a response stays small").isLessThan(4000);
      if (!line.isEmpty()) responses.add(MAPPER.readTree(line));
    }
    return responses;
  }

  @Test
  void aHugeUnknownOpIsEchoedCutAndServingGoesOn() throws IOException {
    // an op of 900k characters: the line is under the cap, the echo is not the op
    List<JsonNode> r = serve(new Generated("{\"op\":\"", 'x', 900_000, "\"}\n{\"op\":\"spec\"}\n"));
    assertThat(r).hasSize(2);
    String error = r.get(0).get("error").asText();
    assertThat(error).startsWith("unknown op \"xxxx").contains("(900002 chars)", "use one of spec").hasSizeLessThan(300);
    assertThat(r.get(1).get("id").asText()).isEqualTo("CartPole-v1");
  }

  @Test
  void aLineOverTheCapIsSkippedWithAnErrorAndServingGoesOn() throws IOException {
    List<JsonNode> r = serve(new Generated("{\"op\":\"step\",\"action\":\"", 'y', 10L << 20,
        "\"}\n{\"op\":\"reset\",\"seed\":0}\r\n{\"op\":\"close\"}\n{\"op\":\"spec\"}\n"));
    assertThat(r).hasSize(3);
    assertThat(r.get(0).get("error").asText()).startsWith("request line longer than " + EnvServer.MAX_LINE_CHARS + " characters");
    assertThat(r.get(1).has("obs")).isTrue();
    assertThat(r.get(2).get("ok").asBoolean()).as("close is answered and ends serving").isTrue();
  }

  @Test
  void fieldsAreEchoedCutAndOnOneLine() throws IOException {
    String big = "z".repeat(5000);
    List<JsonNode> r = serve(new java.io.StringReader(
        "{\"op\":\"reset\",\"seed\":\"" + big + "\"}\n"
            + "{\"op\":\"reset\",\"seed\":0}\n"
            + "{\"op\":\"step\",\"action\":\"" + big + "\"}\n"
            + "{\"op\":\"set_state\",\"state\":[\"a\\nb\\u001b\", 0, 0, 0]}\n"
            + "[\"" + big + "\"]\n"
            + "{\"op\":\"sp\\nec\"}\n"));
    assertThat(r).hasSize(6);
    assertThat(r.get(0).get("error").asText()).contains("(5002 chars)").hasSizeLessThan(300);
    assertThat(r.get(2).get("error").asText()).contains("(5002 chars)").hasSizeLessThan(400);
    assertThat(r.get(3).get("error").asText()).contains("state[0] must be a number").doesNotContain("\n", "\u001b");
    assertThat(r.get(4).get("error").asText()).contains("a request must be a JSON object", "(5004 chars)");
    assertThat(r.get(5).get("error").asText()).contains("unknown op").doesNotContain("\n");
  }
}
