package org.rewardlab.reward.preference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.rewardlab.core.UserFiles;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.data.Message;
import org.rewardlab.core.data.Text;

/**
 * Single completions as JSON lines in TRL's prompt-completion format, one per line, plain or conversational:
 *
 * <pre>
 * {"prompt": "The sky is", "completion": " blue."}
 * {"prompt": [{"role": "user", "content": "What color is the sky?"}],
 *  "completion": [{"role": "assistant", "content": "It is blue."}]}
 * </pre>
 *
 * {@code prompt} may be left out (an empty prompt). Every key of a line is kept, so a line can be written back
 * with added keys (e.g. a {@code score}) in input order. A line that cannot be read is refused with a
 * {@link UserInputException} naming the file and line, or skipped and reported with its line number. Blank lines
 * are skipped silently. Thread-safe (stateless).
 */
public final class PromptCompletionJsonl {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PromptCompletionJsonl() {}

  /**
   * One readable line.
   *
   * @param line the 1-based line number
   * @param prompt the prompt (empty when left out)
   * @param completion the completion, in the prompt's form
   * @param source the line's JSON object, every key kept
   */
  public record Row(int line, Text prompt, Text completion, ObjectNode source) {}

  /**
   * The readable lines in input order and the lines skipped.
   *
   * @param source the file name
   * @param rows readable lines
   * @param malformed lines skipped, by line number
   */
  public record Data(String source, List<Row> rows, List<MalformedLine> malformed) {
    /** E.g. {@code f.jsonl: 12 completions; skipped 1 malformed line (line 3: ...)}. */
    public String summary() {
      StringBuilder sb = new StringBuilder(source).append(": ").append(rows.size()).append(" completions");
      if (!malformed.isEmpty()) {
        sb.append("; skipped ").append(malformed.size()).append(" malformed line")
            .append(malformed.size() == 1 ? "" : "s").append(" (");
        for (int i = 0; i < malformed.size(); i++) {
          if (i > 0) sb.append("; ");
          sb.append(malformed.get(i));
        }
        sb.append(')');
      }
      return sb.toString();
    }
  }

  /**
   * Whether {@code text} holds prompt-completion lines: its first non-blank line is a JSON object with a
   * {@code completion} key and no {@code chosen} key (a preference file otherwise).
   */
  public static boolean looksLikePromptCompletion(String text) {
    for (String line : text.split("\n", -1)) {
      String l = line.strip();
      if (l.isEmpty()) continue;
      try {
        JsonNode n = JSON.readTree(l);
        return n != null && n.isObject() && n.has("completion") && !n.has("chosen");
      } catch (JsonProcessingException e) {
        return false;
      }
    }
    return false;
  }

  /** Reads {@code file}; see the class comment. */
  public static Data read(Path file, PreferenceJsonl.OnMalformed onMalformed) {
    return parse(UserFiles.readUtf8(file, "prompt-completion data"), file.toString(), onMalformed);
  }

  /** Parses JSON-lines {@code text} from {@code source} (a name for messages). */
  public static Data parse(String text, String source, PreferenceJsonl.OnMalformed onMalformed) {
    List<Row> rows = new ArrayList<>();
    List<MalformedLine> malformed = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) continue;
      String problem;
      try {
        rows.add(parseLine(line, i + 1));
        continue;
      } catch (LineException e) {
        problem = e.getMessage();
      }
      if (onMalformed == PreferenceJsonl.OnMalformed.FAIL) {
        throw new UserInputException(source + ":" + (i + 1), problem,
            "fix the line, or skip malformed lines (rm score: --skip-malformed)");
      }
      malformed.add(new MalformedLine(i + 1, problem));
    }
    return new Data(source, List.copyOf(rows), List.copyOf(malformed));
  }

  /** The JSON-lines text of {@code rows}, each line's keys kept, letting {@code extra} add keys to row i. */
  public static String format(List<Row> rows, BiConsumer<Integer, ObjectNode> extra) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      ObjectNode o = rows.get(i).source().deepCopy();
      extra.accept(i, o);
      try {
        sb.append(JSON.writeValueAsString(o)).append('\n');
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return sb.toString();
  }

  private static final class LineException extends Exception {
    private static final long serialVersionUID = 1L;

    LineException(String message) {
      super(message, null, false, false);
    }
  }

  private static Row parseLine(String line, int number) throws LineException {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new LineException("not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (node == null || !node.isObject()) throw new LineException("not a JSON object");
    JsonNode c = node.get("completion");
    if (c == null || c.isNull()) {
      throw new LineException("needs \"completion\" (TRL's prompt-completion format: {\"prompt\": ..., \"completion\": ...})");
    }
    Text completion = text(c, "completion");
    JsonNode p = node.get("prompt");
    Text prompt = p == null || p.isNull()
        ? (completion.conversational() ? Text.messages(List.of()) : Text.plain(""))
        : text(p, "prompt");
    if (prompt.conversational() != completion.conversational()) {
      throw new LineException("mixes the plain-text and the conversational form (use strings for both, "
          + "or lists of {\"role\", \"content\"} messages for both)");
    }
    return new Row(number, prompt, completion, (ObjectNode) node);
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
        + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
  }
}
