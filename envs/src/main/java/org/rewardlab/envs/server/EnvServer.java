package org.rewardlab.envs.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.HasState;
import org.rewardlab.core.run.DoubleRepr;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.Space;
import org.rewardlab.envs.EnvRegistry;

/**
 * Serves one environment over JSON lines, so that any language can drive a RewardLab env (and so
 * that Python can cross-check it against Gymnasium step for step). The protocol is documented in
 * {@code docs/env-server.md}; in short, one request object per input line and one response object
 * per output line, flushed:
 *
 * <ul>
 *   <li>{@code {"op":"spec"}} → id, observation/action space, max_episode_steps, reward_threshold;
 *   <li>{@code {"op":"reset","seed":N}} (seed optional) → obs, info, state;
 *   <li>{@code {"op":"step","action":A}} → obs, reward, terminated, truncated, info, state;
 *   <li>{@code {"op":"set_state","state":[...]}} → obs, state;
 *   <li>{@code {"op":"close"}} → {@code {"ok":true}}, then {@link #serve} returns.
 * </ul>
 *
 * <p>The spec's TimeLimit is applied as Gymnasium's {@code gym.make} does: {@code truncated} once
 * the steps since the last reset reach {@code max_episode_steps}. {@code set_state} writes the
 * simulator state like {@code env.unwrapped.state = ...} and does not restart that count.
 *
 * <p>Numbers round-trip exactly: doubles are written as their shortest round-trip decimal, float32
 * values (observations, MountainCarContinuous's state) as the float widened to double, non-finite
 * numbers as the strings {@code "inf"}, {@code "-inf"}, {@code "nan"} (as in the golden files). A
 * bad request gets {@code {"error":"..."}} naming the problem and the fix, and serving goes on; the
 * error echoes at most 80 characters of any part of the request (with its length), and a request
 * line longer than {@link #MAX_LINE_CHARS} characters is skipped to its end and answered with an
 * error, so no request can make the server hold or send back more than about a megabyte.
 *
 * <p>Not thread-safe: one server per connection.
 */
public final class EnvServer {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private final FlatEnv env;
  private final float[] obs;
  private final float[] action;
  private boolean hasReset;

  /**
   * A server for the registered env {@code envId}.
   *
   * @throws org.rewardlab.core.UserInputException if the id is unknown
   */
  public EnvServer(String envId) {
    this(EnvRegistry.make(envId));
  }

  /** A server for {@code env} (which it owns from now on). */
  public EnvServer(FlatEnv env) {
    this.env = env;
    this.obs = new float[env.observationSize()];
    this.action = new float[env.actionSize()];
  }

  /**
   * Answers requests from {@code in} on {@code out} until the end of input or a {@code close}
   * request.
   *
   * @throws IOException if reading or writing fails
   */
  public void serve(BufferedReader in, Writer out) throws IOException {
    StringBuilder line = new StringBuilder(256);
    for (int read; (read = readLine(in, line, MAX_LINE_CHARS)) != EOF; ) {
      boolean close = false;
      if (read == TOO_LONG) {
        error(out, "request line longer than " + MAX_LINE_CHARS + " characters; it was skipped"
            + " (send one JSON object per line, e.g. {\"op\":\"reset\",\"seed\":0})");
      } else if (isBlank(line)) {
        continue;
      } else {
        close = handle(line.toString(), out);
      }
      out.write('\n');
      out.flush();
      if (close) return;
    }
  }

  /** The longest request line read; a longer one is skipped (to its end) and answered with an error. */
  public static final int MAX_LINE_CHARS = 1 << 20;

  private static final int EOF = -1;
  private static final int LINE = 0;
  private static final int TOO_LONG = 1;

  /**
   * Reads one line (ended by \n, \r\n or \r, like {@link BufferedReader#readLine}) into
   * {@code line}, holding at most {@code max} characters: a longer line is read to its end and dropped.
   */
  private static int readLine(BufferedReader in, StringBuilder line, int max) throws IOException {
    line.setLength(0);
    boolean tooLong = false;
    int c = in.read();
    if (c < 0) return EOF;
    for (; c >= 0; c = in.read()) {
      if (c == '\n') break;
      if (c == '\r') {
        in.mark(1);
        if (in.read() != '\n') in.reset();
        break;
      }
      if (line.length() < max) {
        line.append((char) c);
      } else {
        tooLong = true;
      }
    }
    if (tooLong) {
      line.setLength(0);
      return TOO_LONG;
    }
    return LINE;
  }

  private static boolean isBlank(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isWhitespace(s.charAt(i))) return false;
    }
    return true;
  }

  /**
   * Serves the env named by {@code args[0]} on standard input and output (the CLI's
   * {@code rewardlab env serve --env <id>} does the same with its own error handling).
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: EnvServer <env-id>   (known: " + String.join(", ", EnvRegistry.ids()) + ")");
      System.exit(2);
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    new EnvServer(args[0]).serve(in, out);
    out.flush();
  }

  /** Writes the response to one request line; returns whether the request was {@code close}. */
  private boolean handle(String line, Writer out) throws IOException {
    JsonNode req;
    try {
      req = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      error(out, "malformed JSON (" + UserInputException.bounded(e.getOriginalMessage()) + "); send one JSON object per line, e.g. {\"op\":\"reset\",\"seed\":0}");
      return false;
    }
    if (req == null || !req.isObject()) {
      error(out, "a request must be a JSON object such as {\"op\":\"spec\"}, got " + abbreviate(line));
      return false;
    }
    JsonNode op = req.get("op");
    if (op == null || !op.isTextual()) {
      error(out, "missing \"op\" (a string): use one of spec, reset, step, set_state, close");
      return false;
    }
    try {
      switch (op.textValue()) {
        case "spec":
          spec(out);
          return false;
        case "reset":
          reset(req, out);
          return false;
        case "step":
          step(req, out);
          return false;
        case "set_state":
          setState(req, out);
          return false;
        case "close":
          try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeBooleanField("ok", true);
            g.writeEndObject();
          }
          return true;
        default:
          error(out, "unknown op " + abbreviate(op.toString()) + ": use one of spec, reset, step, set_state, close");
          return false;
      }
    } catch (BadRequest | IllegalArgumentException | IllegalStateException e) {
      // The env rejected the request (e.g. an action it validates itself): report it, keep serving.
      error(out, e.getMessage());
      return false;
    }
  }

  private void spec(Writer out) throws IOException {
    EnvSpec spec = env.spec();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", spec.id());
      g.writeFieldName("observation_space");
      writeSpace(g, env.observationSpace());
      g.writeFieldName("action_space");
      writeSpace(g, env.actionSpace());
      g.writeNumberField("max_episode_steps", spec.maxEpisodeSteps());
      g.writeFieldName("reward_threshold");
      if (spec.rewardThreshold() == null) g.writeNull();
      else writeDouble(g, spec.rewardThreshold());
      g.writeEndObject();
    }
  }

  private void reset(JsonNode req, Writer out) throws IOException {
    JsonNode seed = req.get("seed");
    if (seed == null || seed.isNull()) {
      env.reset(obs, 0);
    } else if (seed.isIntegralNumber() && seed.canConvertToLong()) {
      env.reset(seed.longValue(), obs, 0);
    } else {
      throw new BadRequest("\"seed\" must be an integer (or left out to continue the env's random stream), got " + abbreviate(seed.toString()));
    }
    hasReset = true;
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      writeObs(g);
      writeInfo(g, env.info());
      writeState(g);
      g.writeEndObject();
    }
  }

  private void step(JsonNode req, Writer out) throws IOException {
    if (!hasReset) throw new BadRequest("step before reset: send {\"op\":\"reset\",\"seed\":0} first");
    JsonNode a = req.get("action");
    if (a == null) throw new BadRequest("step needs an \"action\": " + actionHint());
    decodeAction(a);
    double reward = env.step(action, 0, obs, 0);
    boolean truncated = env.truncated();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      writeObs(g);
      g.writeFieldName("reward");
      writeDouble(g, reward);
      g.writeBooleanField("terminated", env.terminated());
      g.writeBooleanField("truncated", truncated);
      writeInfo(g, env.info());
      writeState(g);
      g.writeEndObject();
    }
  }

  private void decodeAction(JsonNode a) {
    Space<?> space = env.actionSpace();
    if (space instanceof Discrete d) {
      if (!a.isIntegralNumber() || !a.canConvertToInt()) {
        throw new BadRequest("action must be an integer for Discrete(" + d.n() + "), got " + abbreviate(a.toString()) + ": " + actionHint());
      }
      int v = a.intValue();
      if (v < d.start() || v >= d.start() + d.n()) {
        throw new BadRequest("action " + v + " is out of range: " + actionHint());
      }
      action[0] = v - d.start();
    } else if (space instanceof Box b) {
      if (!a.isArray() || a.size() != b.flatSize()) {
        throw new BadRequest("action must be a list of " + b.flatSize() + " numbers, got " + abbreviate(a.toString()) + ": " + actionHint());
      }
      for (int i = 0; i < b.flatSize(); i++) {
        JsonNode x = a.get(i);
        if (!x.isNumber()) throw new BadRequest("action[" + i + "] must be a number, got " + abbreviate(x.toString()) + ": " + actionHint());
        action[i] = (float) x.doubleValue();
      }
    } else {
      throw new BadRequest("this server cannot decode actions of " + space);
    }
  }

  private String actionHint() {
    Space<?> space = env.actionSpace();
    if (space instanceof Discrete d) {
      return "send an integer in " + d.start() + ".." + (d.start() + d.n() - 1) + ", e.g. {\"op\":\"step\",\"action\":" + d.start() + "}";
    }
    Box b = (Box) space;
    StringBuilder sb = new StringBuilder("send a list of ").append(b.flatSize()).append(" numbers, e.g. {\"op\":\"step\",\"action\":[");
    for (int i = 0; i < b.flatSize(); i++) sb.append(i == 0 ? "0.0" : ",0.0");
    return sb.append("]}").toString();
  }

  private void setState(JsonNode req, Writer out) throws IOException {
    if (!(env.unwrapped() instanceof HasState hs)) {
      throw new BadRequest(env.spec().id() + " does not expose its state; set_state is unavailable");
    }
    if (!hasReset) throw new BadRequest("set_state before reset: send {\"op\":\"reset\",\"seed\":0} first");
    JsonNode s = req.get("state");
    int n = hs.state().length;
    if (s == null || !s.isArray() || s.size() != n) {
      throw new BadRequest("set_state needs \"state\": a list of " + n + " numbers for " + env.spec().id());
    }
    double[] state = new double[n];
    for (int i = 0; i < n; i++) state[i] = number(s.get(i), "state[" + i + "]");
    hs.setState(state);
    hs.observe(obs, 0);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      writeObs(g);
      writeState(g);
      g.writeEndObject();
    }
  }

  private static double number(JsonNode x, String where) {
    try {
      return DoubleRepr.fromJson(x);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(where + " must be a number (or \"inf\", \"-inf\", \"nan\"), got " + abbreviate(x.toString()));
    }
  }

  private void writeObs(JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("obs");
    for (float v : obs) writeDouble(g, v);
    g.writeEndArray();
  }

  private void writeState(JsonGenerator g) throws IOException {
    if (env.unwrapped() instanceof HasState hs) {
      g.writeArrayFieldStart("state");
      for (double v : hs.state()) writeDouble(g, v);
      g.writeEndArray();
    }
  }

  private static void writeInfo(JsonGenerator g, Map<String, Object> info) throws IOException {
    g.writeFieldName("info");
    writeValue(g, info);
  }

  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Number n) {
      writeDouble(g, n.doubleValue());
    } else if (v instanceof float[] f) {
      g.writeStartArray();
      for (float x : f) writeDouble(g, x);
      g.writeEndArray();
    } else if (v instanceof double[] d) {
      g.writeStartArray();
      for (double x : d) writeDouble(g, x);
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else {
      g.writeString(v.toString());
    }
  }

  /** A double as its shortest round-trip decimal, or "inf" / "-inf" / "nan". */
  private static void writeDouble(JsonGenerator g, double v) throws IOException {
    if (Double.isNaN(v)) g.writeString("nan");
    else if (v == Double.POSITIVE_INFINITY) g.writeString("inf");
    else if (v == Double.NEGATIVE_INFINITY) g.writeString("-inf");
    else g.writeNumber(v);
  }

  private static void writeSpace(JsonGenerator g, Space<?> space) throws IOException {
    g.writeStartObject();
    if (space instanceof Discrete d) {
      g.writeStringField("type", "Discrete");
      g.writeNumberField("n", d.n());
      g.writeNumberField("start", d.start());
    } else if (space instanceof Box b) {
      g.writeStringField("type", "Box");
      g.writeArrayFieldStart("shape");
      for (int s : b.shape()) g.writeNumber(s);
      g.writeEndArray();
      g.writeStringField("dtype", "float32");
      g.writeArrayFieldStart("low");
      for (int i = 0; i < b.flatSize(); i++) writeDouble(g, b.low(i));
      g.writeEndArray();
      g.writeArrayFieldStart("high");
      for (int i = 0; i < b.flatSize(); i++) writeDouble(g, b.high(i));
      g.writeEndArray();
    } else {
      g.writeStringField("type", space.getClass().getSimpleName());
    }
    g.writeEndObject();
  }

  private static void error(Writer out, String message) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      // bounded whatever an env's own message echoes back of the request
      g.writeStringField("error", UserInputException.bounded(message));
      g.writeEndObject();
    }
  }

  /** A fragment of the request for an error message: at most 80 characters, with the full length. */
  private static String abbreviate(String s) {
    return UserInputException.abbreviate(s);
  }

  /** A request the server cannot serve; its message goes back as {"error": ...}. */
  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message, null, false, false);
    }
  }
}
