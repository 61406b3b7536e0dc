package org.rewardlab.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.rewardlab.core.UserInputException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML text to a Jackson tree, with the scalar rules of RewardLab configs. SnakeYAML composes the
 * node graph (so anchors and aliases are resolved: {@code name: *e} is the anchored value, not the
 * text {@code e}); this class turns it into {@link JsonNode}s:
 *
 * <ul>
 *   <li>plain scalars follow the YAML 1.2 core schema: {@code null ~} and empty are null; only
 *       {@code true}/{@code false} (any case style) are booleans ({@code yes}, {@code on} stay text);
 *       integers are decimal ({@code 1_000} allowed), {@code 0x}, {@code 0o} or {@code 0b}; a decimal
 *       with a leading zero ({@code 017}: octal in YAML 1.1, 17 in YAML 1.2) is not a number but an
 *       {@link Unreadable} text (an error where a number is asked for); floats have a point or an
 *       exponent; {@code .inf -.inf .nan} (YAML 1.1 and 1.2) are ±Infinity and NaN; numbers and
 *       booleans remember how they were written ({@link Written}), for keys that ask for a string;
 *   <li>quoted and block scalars are text; tags {@code !!str !!int !!float !!bool !!null !!map !!seq}
 *       are honoured, any other tag is an error;
 *   <li>{@code <<: *base} merges mappings (keys written beside it win);
 *   <li>duplicate keys, keys that are not scalars, a second document ({@code ---}), recursive aliases
 *       and alias expansions beyond {@value #MAX_VALUES} values are errors.
 * </ul>
 *
 * Every error is a {@link UserInputException} whose place is {@code source:line:column}. Stateless and
 * thread-safe.
 */
final class YamlTrees {
  /** Alias expansion beyond this many values is refused (a "billion laughs" document). */
  static final int MAX_VALUES = 1_000_000;
  /** Longest document read, in code points. */
  static final int MAX_CODE_POINTS = 16 << 20;
  /** Integers with more digits are refused outright (no setting is that large). */
  private static final int MAX_DIGITS = 400;

  /** The tag our resolver gives plain scalars without an explicit tag; converted by {@link #plain}. */
  private static final Tag PLAIN = new Tag("tag:rewardlab.org,2025:plain");

  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9][0-9_]*");
  private static final Pattern HEX = Pattern.compile("[-+]?0x[0-9a-fA-F_]+");
  private static final Pattern OCTAL = Pattern.compile("[-+]?0o[0-7_]+");
  private static final Pattern BINARY = Pattern.compile("[-+]?0b[01_]+");
  private static final Pattern FLOAT = Pattern.compile(
      "[-+]?(?:[0-9][0-9_]*\\.[0-9_]*|\\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+");

  private YamlTrees() {}

  /**
   * Parses one YAML document.
   *
   * @param source the name of the text (a file, {@code --set ...}) for messages
   * @return the document's tree; {@link com.fasterxml.jackson.databind.node.MissingNode} for a
   *     stream without a document (empty, or only comments)
   * @throws UserInputException for any problem, naming the line and column
   */
  static JsonNode parse(String text, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // checked here, with both lines in the message
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setProcessComments(false);
    ParserImpl parser = new ParserImpl(new StreamReader(text), options);
    Composer composer = new Composer(parser, new TaggingResolver(), options);
    try {
      Node root = composer.checkNode() ? composer.getNode() : null;
      Event next = parser.peekEvent();
      if (next instanceof DocumentStartEvent) {
        throw error(source, next.getStartMark(), "a second YAML document starts here ('---'); a config is one document",
            "remove the '---' line and what follows, or merge the documents into one mapping");
      }
      return root == null ? JsonNodeFactory.instance.missingNode() : new Converter(source).convert(root);
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String context = e.getContext() == null ? "" : e.getContext() + ": ";
      String problem = "malformed YAML: " + context + (e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem());
      if (m == null) throw new UserInputException(source, problem, "fix the YAML syntax", e);
      throw error(source, m, problem, "fix the YAML syntax at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1));
    } catch (ReaderException e) {
      int[] lc = lineColumn(text, e.getPosition());
      throw new UserInputException(source + ":" + lc[0] + ":" + lc[1],
          String.format(java.util.Locale.ROOT, "malformed YAML: character U+%04X is not allowed in YAML text", e.getCodePoint()),
          "remove it (control characters must be escaped inside double quotes)", e);
    } catch (YAMLException e) {
      // limits without a position: too many aliases, a document that is too long
      throw new UserInputException(source, "cannot read the YAML: " + firstLine(e.getMessage()),
          "simplify the document", e);
    }
  }

  /** Plain scalars get {@link #PLAIN} (or merge); everything else keeps YAML's meaning of its style. */
  private static final class TaggingResolver extends Resolver {
    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
      if (kind == NodeId.scalar) {
        if (!implicit) return Tag.STR;
        return "<<".equals(value) ? Tag.MERGE : PLAIN;
      }
      return kind == NodeId.sequence ? Tag.SEQ : Tag.MAP;
    }
  }

  /** Walks one composed document; aliases are shared nodes, so they are converted once per use. */
  private static final class Converter {
    private final String source;
    private final IdentityHashMap<Node, Boolean> open = new IdentityHashMap<>();
    private int values;

    Converter(String source) {
      this.source = source;
    }

    JsonNode convert(Node n) {
      if (++values > MAX_VALUES) {
        throw error(source, n.getStartMark(), "the document expands to more than " + MAX_VALUES + " values (through aliases)",
            "use fewer aliases");
      }
      if (n instanceof ScalarNode s) return scalar(s);
      if (open.put(n, Boolean.TRUE) != null) {
        throw error(source, n.getStartMark(), "a recursive alias: this value contains itself", "remove the alias that points back into its own anchor");
      }
      try {
        if (n instanceof SequenceNode seq) {
          requireTag(n, Tag.SEQ, "a list");
          ArrayNode a = JsonNodeFactory.instance.arrayNode();
          for (Node c : seq.getValue()) a.add(convert(c));
          return a;
        }
        if (n instanceof MappingNode map) {
          requireTag(n, Tag.MAP, "a mapping");
          return mapping(map);
        }
        throw error(source, n.getStartMark(), "unsupported YAML node " + n.getNodeId(), "write plain keys, values and lists");
      } finally {
        open.remove(n);
      }
    }

    private void requireTag(Node n, Tag expected, String what) {
      if (!n.getTag().equals(expected)) {
        throw error(source, n.getStartMark(), "unsupported tag " + UserInputException.quote(n.getTag().getValue()) + " on " + what,
            "remove the tag");
      }
    }

    private ObjectNode mapping(MappingNode map) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      Map<String, Mark> seen = new LinkedHashMap<>();
      List<Node> merges = new ArrayList<>();
      for (NodeTuple t : map.getValue()) {
        Node k = t.getKeyNode();
        if (!(k instanceof ScalarNode ks)) {
          throw error(source, k.getStartMark(), "a key must be a name, not " + (k instanceof SequenceNode ? "a list" : "a mapping"),
              "write 'name: value'");
        }
        if (ks.getTag().equals(Tag.MERGE)) {
          merges.add(t.getValueNode());
          continue;
        }
        String key = ks.getValue();
        Mark first = seen.putIfAbsent(key, ks.getStartMark());
        if (first != null) {
          throw error(source, ks.getStartMark(), "duplicate key " + UserInputException.quote(key) + " (first at line "
              + (first.getLine() + 1) + ")", "keep one of them");
        }
        o.set(key, convert(t.getValueNode()));
      }
      // YAML's merge key: the keys written in this mapping win, then earlier merged mappings win
      for (Node m : merges) {
        List<Node> sources = m instanceof SequenceNode seq ? seq.getValue() : List.of(m);
        for (Node src : sources) {
          JsonNode merged = convert(src);
          if (!merged.isObject()) {
            throw error(source, src.getStartMark(), "'<<' merges mappings, but this is not a mapping",
                "write '<<: *anchor' where the anchor names a mapping");
          }
          merged.fields().forEachRemaining(f -> {
            if (!o.has(f.getKey())) o.set(f.getKey(), f.getValue());
          });
        }
      }
      return o;
    }

    private JsonNode scalar(ScalarNode s) {
      Tag tag = s.getTag();
      String v = s.getValue();
      if (tag == PLAIN) return plain(v);
      if (tag.equals(Tag.STR) || tag.equals(Tag.MERGE)) return JsonNodeFactory.instance.textNode(v);
      String t = v.trim();
      if (tag.equals(Tag.NULL)) {
        if (t.isEmpty() || t.equals("~") || t.equalsIgnoreCase("null")) return JsonNodeFactory.instance.nullNode();
      } else if (tag.equals(Tag.BOOL)) {
        if (t.equals("true") || t.equals("false")) return JsonNodeFactory.instance.booleanNode(t.equals("true"));
      } else if (tag.equals(Tag.INT)) {
        JsonNode n = number(t);
        if (n instanceof Unreadable u) throw error(source, s.getStartMark(), u.problem(), u.fix());
        if (n != null && n.isIntegralNumber()) return n;
      } else if (tag.equals(Tag.FLOAT)) {
        JsonNode n = special(t);
        if (n == null) n = number(t);
        if (n instanceof Unreadable u) throw error(source, s.getStartMark(), u.problem(), u.fix());
        if (n != null) return JsonNodeFactory.instance.numberNode(n.doubleValue());
      } else {
        throw error(source, s.getStartMark(), "unsupported tag " + UserInputException.quote(tag.getValue()),
            "remove the tag; a value is read as the type of its key");
      }
      throw error(source, s.getStartMark(), UserInputException.quote(v) + " does not fit its tag " + UserInputException.quote(tag.getValue()),
          "remove the tag or fix the value");
    }

    private static JsonNode plain(String v) {
      switch (v) {
        case "", "~", "null", "Null", "NULL":
          return JsonNodeFactory.instance.nullNode();
        case "true", "True", "TRUE":
          return new WrittenBoolean(true, v);
        case "false", "False", "FALSE":
          return new WrittenBoolean(false, v);
        default:
          break;
      }
      JsonNode n = special(v);
      if (n == null) n = number(v);
      if (n instanceof Unreadable) return n;
      return n != null ? written(n, v) : JsonNodeFactory.instance.textNode(v);
    }

    /** {@code .inf}, {@code -.inf}, {@code .nan} in their three spellings, or null. */
    private static JsonNode special(String v) {
      switch (v) {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
          return JsonNodeFactory.instance.numberNode(Double.POSITIVE_INFINITY);
        case "-.inf", "-.Inf", "-.INF":
          return JsonNodeFactory.instance.numberNode(Double.NEGATIVE_INFINITY);
        case ".nan", ".NaN", ".NAN":
          return JsonNodeFactory.instance.numberNode(Double.NaN);
        default:
          return null;
      }
    }

    /** An integer or float node for number syntax, null for anything else. */
    private static JsonNode number(String v) {
      if (v.isEmpty() || "+-.0123456789".indexOf(v.charAt(0)) < 0) return null;
      String digits;
      int radix;
      if (DECIMAL.matcher(v).matches()) {
        digits = v.replace("_", "");
        String unsigned = digits.startsWith("-") || digits.startsWith("+") ? digits.substring(1) : digits;
        if (unsigned.length() > 1 && unsigned.charAt(0) == '0') {
          return new Unreadable(v, UserInputException.quote(v) + " has a leading zero: YAML 1.1 reads it as octal, YAML 1.2 as decimal",
              "write it without the leading zero (or with 0o for octal)");
        }
        radix = 10;
      } else if (HEX.matcher(v).matches() || OCTAL.matcher(v).matches() || BINARY.matcher(v).matches()) {
        String sign = v.startsWith("-") ? "-" : "";
        String body = v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v;
        radix = body.charAt(1) == 'x' ? 16 : body.charAt(1) == 'o' ? 8 : 2;
        digits = sign + body.substring(2).replace("_", "");
        if (digits.isEmpty() || digits.equals("-")) return null;
      } else if (FLOAT.matcher(v).matches()) {
        double d = Double.parseDouble(v.replace("_", ""));
        if (Double.isInfinite(d)) {
          return new Unreadable(v, UserInputException.quote(v) + " is beyond the range of a double (about ±1.8e308)",
              "write a smaller number, or .inf for infinity");
        }
        return JsonNodeFactory.instance.numberNode(d);
      } else {
        return null;
      }
      if (digits.length() > MAX_DIGITS) {
        return new Unreadable(v, "an integer with " + digits.length() + " digits is beyond the range of every setting",
            "write a smaller number");
      }
      BigInteger b = new BigInteger(digits, radix);
      if (b.bitLength() < 32) return JsonNodeFactory.instance.numberNode(b.intValue());
      if (b.bitLength() < 64) return JsonNodeFactory.instance.numberNode(b.longValue());
      return JsonNodeFactory.instance.numberNode(b);
    }
  }

  // ---------------------------------------------------------------- plain scalars as written

  /**
   * A number or boolean read from a plain scalar, with the text it was written as: where a config
   * asks for a string, the text is taken ({@code name: 1e5} names the run {@code 1e5}, not
   * {@code 100000.0}). Otherwise the node is the number or boolean it extends.
   */
  interface Written {
    /** The scalar as it stood in the YAML. */
    String written();
  }

  /**
   * A plain scalar that looks like a number but cannot be read as one without guessing ({@code 017})
   * or losing it ({@code 1e400}): the text where a string is asked for, an error naming the config
   * path where a number is.
   */
  static final class Unreadable extends com.fasterxml.jackson.databind.node.TextNode implements Written {
    private final String problem;
    private final String fix;

    Unreadable(String text, String problem, String fix) {
      super(text);
      this.problem = problem;
      this.fix = fix;
    }

    @Override
    public String written() {
      return textValue();
    }

    /** Why it is not a number. */
    String problem() {
      return problem;
    }

    /** How to write it. */
    String fix() {
      return fix;
    }
  }

  private static JsonNode written(JsonNode n, String text) {
    if (n instanceof com.fasterxml.jackson.databind.node.IntNode) return new WrittenInt(n.intValue(), text);
    if (n instanceof com.fasterxml.jackson.databind.node.LongNode) return new WrittenLong(n.longValue(), text);
    if (n instanceof com.fasterxml.jackson.databind.node.BigIntegerNode) return new WrittenBigInteger(n.bigIntegerValue(), text);
    return new WrittenDouble(n.doubleValue(), text);
  }

  private static final class WrittenInt extends com.fasterxml.jackson.databind.node.IntNode implements Written {
    private final String text;

    WrittenInt(int v, String text) {
      super(v);
      this.text = text;
    }

    @Override
    public String written() {
      return text;
    }
  }

  private static final class WrittenLong extends com.fasterxml.jackson.databind.node.LongNode implements Written {
    private final String text;

    WrittenLong(long v, String text) {
      super(v);
      this.text = text;
    }

    @Override
    public String written() {
      return text;
    }
  }

  private static final class WrittenBigInteger extends com.fasterxml.jackson.databind.node.BigIntegerNode implements Written {
    private final String text;

    WrittenBigInteger(BigInteger v, String text) {
      super(v);
      this.text = text;
    }

    @Override
    public String written() {
      return text;
    }
  }

  private static final class WrittenDouble extends com.fasterxml.jackson.databind.node.DoubleNode implements Written {
    private final String text;

    WrittenDouble(double v, String text) {
      super(v);
      this.text = text;
    }

    @Override
    public String written() {
      return text;
    }
  }

  private static final class WrittenBoolean extends com.fasterxml.jackson.databind.node.BooleanNode implements Written {
    private final String text;

    WrittenBoolean(boolean v, String text) {
      super(v);
      this.text = text;
    }

    @Override
    public String written() {
      return text;
    }
  }

  private static UserInputException error(String source, Mark m, String problem, String fix) {
    return new UserInputException(source + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1), problem, fix);
  }

  /** 1-based line and column of the code point at {@code index}. */
  private static int[] lineColumn(String text, int index) {
    int line = 1;
    int column = 1;
    int cp = 0;
    for (int i = 0; i < text.length() && cp < index; i = text.offsetByCodePoints(i, 1), cp++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new int[] {line, column};
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}
