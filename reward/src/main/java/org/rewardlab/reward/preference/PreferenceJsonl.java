package org.rewardlab.reward.preference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import org.rewardlab.core.UserFiles;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.data.Message;
import org.rewardlab.core.data.PreferencePair;
import org.rewardlab.core.data.Text;
import org.rewardlab.core.run.AtomicFiles;

/**
 * Preference pairs as JSON lines in TRL's preference format, one pair per line:
 *
 * <pre>
 * {"prompt": "The sky is", "chosen": " blue.", "rejected": " green."}
 * {"prompt": [{"role": "user", "content": "What color is the sky?"}],
 *  "chosen": [{"role": "assistant", "content": "It is blue."}],
 *  "rejected": [{"role": "assistant", "content": "It is green."}], "margin": 1.5}
 * </pre>
 *
 * The plain-text and the conversational form are both read and written back in the form they came in.
 * {@code prompt} may be left out (TRL's implicit prompt; the pair then has an empty prompt);
 * {@code margin} (≥ 0, TRL's {@code RewardTrainer} column) is optional. RewardLab adds two optional
 * keys: {@code tie} ({@code true} when neither response is preferred) and {@code category} (a string,
 * for accuracy by category). Other keys are ignored on reading.
 *
 * <p>A line that cannot be read is either skipped and reported with its line number in
 * {@link PreferenceData#malformed()} or, with {@code failOnMalformed}, refused with a
 * {@link UserInputException} that names the file and the line. Blank lines are skipped silently.
 *
 * <p>Thread-safe (stateless).
 */
public final class PreferenceJsonl {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PreferenceJsonl() {}

  /** What to do with a line that cannot be read. */
  public enum OnMalformed {
    /** Skip it and report it with its line number. */
    SKIP,
    /** Refuse the file at the first such line. */
    FAIL
  }

  /** Reads {@code file}; see the class comment. */
  public static PreferenceData read(Path file, OnMalformed onMalformed) {
    String text = UserFiles.readUtf8(file, "preference data");
    return parse(text, file.toString(), onMalformed);
  }

  /** Parses JSON-lines {@code text} from {@code source} (a name for messages). */
  public static PreferenceData parse(String text, String source, OnMalformed onMalformed) {
    List<PreferencePair> pairs = new ArrayList<>();
    List<MalformedLine> malformed = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) continue;
      try {
        pairs.add(parseLine(line));
      } catch (LineException e) {
        if (onMalformed == OnMalformed.FAIL) {
          throw new UserInputException(source + ":" + (i + 1), e.getMessage(),
              "fix the line, or skip malformed lines (rm commands: --skip-malformed)");
        }
        malformed.add(new MalformedLine(i + 1, e.getMessage()));
      }
    }
    return PreferenceData.of(source, pairs, malformed);
  }

  /** A problem in one line, reported with its number by the caller. */
  private static final class LineException extends Exception {
    private static final long serialVersionUID = 1L;

    LineException(String message) {
      super(message, null, false, false);
    }
  }

  private static PreferencePair parseLine(String line) throws LineException {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new LineException("not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (node == null || !node.isObject()) throw new LineException("not a JSON object");
    JsonNode chosenNode = node.get("chosen");
    JsonNode rejectedNode = node.get("rejected");
    if (chosenNode == null || rejectedNode == null) {
      throw new LineException("needs \"chosen\" and \"rejected\" (TRL's preference format)");
    }
    Text chosen = text(chosenNode, "chosen");
    Text rejected = text(rejectedNode, "rejected");
    JsonNode promptNode = node.get("prompt");
    Text prompt = promptNode == null || promptNode.isNull()
        ? (chosen.conversational() ? Text.messages(List.of()) : Text.plain(""))
        : text(promptNode, "prompt");
    if (chosen.conversational() != rejected.conversational() || prompt.conversational() != chosen.conversational()) {
      throw new LineException("mixes the plain-text and the conversational form (use strings everywhere, "
          + "or lists of {\"role\", \"content\"} messages everywhere)");
    }
    double margin = 0;
    JsonNode m = node.get("margin");
    if (m != null && !m.isNull()) {
      if (!m.isNumber()) throw new LineException("\"margin\" must be a number, got " + m.getNodeType());
      margin = m.asDouble();
      if (!(margin >= 0) || Double.isInfinite(margin)) {
        throw new LineException("\"margin\" must be finite and >= 0, got " + margin);
      }
    }
    boolean tie = false;
    JsonNode t = node.get("tie");
    if (t != null && !t.isNull()) {
      if (!t.isBoolean()) throw new LineException("\"tie\" must be true or false");
      tie = t.asBoolean();
      if (tie && margin != 0) throw new LineException("a tie cannot have a margin");
    }
    String category = null;
    JsonNode c = node.get("category");
    if (c != null && !c.isNull()) {
      if (!c.isTextual()) throw new LineException("\"category\" must be a string");
      category = c.asText();
    }
    return new PreferencePair(prompt, chosen, rejected, margin, tie, category);
  }

  private static Text text(JsonNode n, String key) throws LineException {
    if (n.isTextual()) return Text.plain(n.asText());
    if (n.isArray()) {
      List<Message> messages = new ArrayList<>();
      for (int i = 0; i < n.size(); i++) {
        JsonNode m = n.get(i);
        JsonNode role = m.get("role");
        JsonNode content = m.get("content");
        if (!m.isObject() || role == null || !role.isTextual() || role.asText().isBlank()
            || content == null || !content.isTextual()) {
          throw new LineException("\"" + key + "\"[" + i + "] must be {\"role\": string, \"content\": string}");
        }
        messages.add(new Message(role.asText(), content.asText()));
      }
      return Text.messages(messages);
    }
    throw new LineException("\"" + key + "\" must be a string or a list of messages, got "
        + nodeType(n.getNodeType()));
  }

  private static String nodeType(JsonNodeType t) {
    return t.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The JSON object of one pair: {@code prompt} (left out when empty), {@code chosen}, {@code rejected},
   * then {@code margin} when it is not 0, {@code tie} when true, {@code category} when set.
   */
  public static ObjectNode toJson(PreferencePair p) {
    ObjectNode o = JSON.createObjectNode();
    if (!p.prompt().isEmpty()) o.set("prompt", json(p.prompt()));
    o.set("chosen", json(p.chosen()));
    o.set("rejected", json(p.rejected()));
    if (p.margin() != 0) o.put("margin", p.margin());
    if (p.tie()) o.put("tie", true);
    if (p.category() != null) o.put("category", p.category());
    return o;
  }

  private static JsonNode json(Text t) {
    if (!t.conversational()) return JSON.getNodeFactory().textNode(t.plain());
    ArrayNode a = JSON.createArrayNode();
    for (Message m : t.messages()) a.addObject().put("role", m.role()).put("content", m.content());
    return a;
  }

  /** The JSON-lines text of {@code pairs}, one line each, each line ending in a newline. */
  public static String format(List<PreferencePair> pairs) {
    return format(pairs, (p, o) -> {});
  }

  /** Like {@link #format(List)}, letting {@code extraByIndex} add keys (e.g. scores) to pair i's object. */
  public static String format(List<PreferencePair> pairs, BiConsumer<Integer, ObjectNode> extraByIndex) {
    StringBuilder sb = new StringBuilder();
    Iterator<PreferencePair> it = pairs.iterator();
    int i = 0;
    while (it.hasNext()) {
      ObjectNode o = toJson(it.next());
      extraByIndex.accept(i++, o);
      try {
        sb.append(JSON.writeValueAsString(o)).append('\n');
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return sb.toString();
  }

  /** Writes {@code pairs} to {@code file} atomically. */
  public static void write(Path file, List<PreferencePair> pairs) {
    AtomicFiles.writeString(file, format(pairs));
  }
}
