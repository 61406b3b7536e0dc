package org.rewardlab.core.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rewardlab.core.UserFiles;
import org.rewardlab.core.UserInputException;

/**
 * YAML configuration mapped to immutable records, with errors that name the config path and the fix.
 *
 * <p>Loading a config of record type {@code T}:
 *
 * <ol>
 *   <li>the file is read as strict UTF-8 (a byte that is not is reported with its offset and line)
 *       and the YAML parsed to a tree by {@link YamlTrees}: aliases resolved, one document only,
 *       YAML 1.2 scalars ({@code yes} is text, {@code .inf}/{@code .nan} are floats); malformed YAML
 *       is reported with its line and column;
 *   <li>the tree is merged over the defaults: a record type's static {@code defaults()} (nested records
 *       that have one fill the gaps their parent's defaults leave); keys are checked against the record
 *       components on the way, so an unknown key is reported with the valid keys and a "did you mean";
 *   <li>{@code --set a.b=c} overrides are applied in order, each value read as a YAML scalar or flow
 *       value ({@code 3e-4}, {@code true}, {@code [1, 2]}); a path that does not exist is an error;
 *   <li>every value is checked against the Java type of its place (integers within their type's
 *       range, no NaN, only true/false for booleans, no null for primitives or inside lists);
 *   <li>Jackson binds the tree to the record (no coercion of scalars: {@code 2} is not
 *       {@code true}, {@code "3"} is not 3); wrong types and the compact constructors'
 *       {@link IllegalArgumentException}s become {@link UserInputException}s naming the path (a
 *       message that starts with a component's name names that component's path).
 * </ol>
 *
 * Keys are the record component names. Lists are indexed in paths as {@code terms.0.weight} or
 * {@code terms[0].weight}. Polymorphic parts are sealed interfaces annotated with
 * {@code @JsonTypeInfo(use = NAME, property = "type")} and {@code @JsonSubTypes}; setting the type
 * property with {@code --set} switches to that subtype's defaults.
 *
 * <p>Thread-safe: the mappers are configured once and never changed.
 */
public final class Configs {
  /** Subtypes registered at run time (e.g. algorithms), per polymorphic base type, in order. */
  private static final Map<Class<?>, Map<String, Class<?>>> REGISTERED = new java.util.concurrent.ConcurrentHashMap<>();
  // rebuilt when a subtype is registered, so no deserializer cached before the registration is used
  private static volatile ObjectMapper JSON = newJson();
  private static volatile YAMLMapper YAML = newYaml();

  private static ObjectMapper newJson() {
    ObjectMapper m = configure(JsonMapper.builder()).build();
    registerAll(m);
    return m;
  }

  private static YAMLMapper newYaml() {
    YAMLMapper m = configure(YAMLMapper.builder(
            YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build()))
        .build();
    registerAll(m);
    return m;
  }

  private static void registerAll(ObjectMapper m) {
    if (REGISTERED == null) return;
    for (Map<String, Class<?>> subs : REGISTERED.values()) {
      for (Map.Entry<String, Class<?>> e : subs.entrySet()) {
        m.registerSubtypes(new com.fasterxml.jackson.databind.jsontype.NamedType(e.getValue(), e.getKey()));
      }
    }
  }

  /**
   * Registers {@code subtype} under {@code name} for the polymorphic {@code base} (an interface
   * annotated with {@code @JsonTypeInfo(use = NAME, property = ...)}), in addition to any listed in
   * its {@code @JsonSubTypes}. Registries of pluggable parts (algorithms) call this when a part is
   * added; configs read afterwards accept {@code <property>: name}.
   *
   * @throws IllegalArgumentException if {@code base} is not such an interface, or the name is taken
   */
  public static synchronized void registerSubtype(Class<?> base, String name, Class<?> subtype) {
    if (!base.isInterface() || !base.isAnnotationPresent(JsonTypeInfo.class) || !base.isAssignableFrom(subtype)) {
      throw new IllegalArgumentException(subtype.getName() + " cannot be registered as a subtype '" + name + "' of " + base.getName());
    }
    Map<String, Class<?>> subs = REGISTERED.computeIfAbsent(base, b -> java.util.Collections.synchronizedMap(new LinkedHashMap<>()));
    Class<?> old = subs.get(name);
    if (old != null && old != subtype) {
      throw new IllegalArgumentException("'" + name + "' is already registered for " + base.getSimpleName() + " as " + old.getName());
    }
    subs.put(name, subtype);
    JSON = newJson();
    YAML = newYaml();
  }

  private Configs() {}

  private static <B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<?, ?>> B configure(B b) {
    b.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        // no "2" -> true, "yes" -> true, "3" -> 3: a value has the type its key asks for
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .annotationIntrospector(new ComponentsOnly());
    return b;
  }

  /** The JSON mapper used for config trees and manifests (configured like the YAML one). */
  public static ObjectMapper jsonMapper() {
    return JSON;
  }

  /** A record's keys are its components: helper methods named like getters ({@code getX()}, {@code isX()}) are not. */
  private static final class ComponentsOnly extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean hasIgnoreMarker(AnnotatedMember m) {
      if (m instanceof AnnotatedMethod am && am.getParameterCount() == 0 && am.getDeclaringClass().isRecord()) {
        for (RecordComponent c : am.getDeclaringClass().getRecordComponents()) {
          if (c.getName().equals(am.getName())) return super.hasIgnoreMarker(m);
        }
        return true;
      }
      return super.hasIgnoreMarker(m);
    }
  }

  // ---------------------------------------------------------------- loading

  /**
   * Loads {@code yaml} as a {@code type}, with {@code --set} overrides.
   *
   * @throws UserInputException for a missing file or any problem of the config
   */
  public static <T> T load(Path yaml, Class<T> type, List<String> overrides) {
    return load(yaml, type, overrides, java.util.function.UnaryOperator.identity());
  }

  /**
   * As {@link #load(Path, Class, List)}, with {@code preprocess} applied to the parsed tree before
   * defaults and overrides (to read an older form of a config).
   */
  public static <T> T load(Path yaml, Class<T> type, List<String> overrides, java.util.function.UnaryOperator<JsonNode> preprocess) {
    String text = UserFiles.readUtf8(yaml, "config file", MAX_CONFIG_BYTES);
    return read(text, yaml.toString(), type, overrides, preprocess);
  }

  /** The largest config file read. */
  static final long MAX_CONFIG_BYTES = 16L << 20;

  /** Reads YAML text as a {@code type} (errors name the source {@code <yaml>}). */
  public static <T> T read(String yamlText, Class<T> type, List<String> overrides) {
    return read(yamlText, "<yaml>", type, overrides);
  }

  /** Reads YAML text as a {@code type} without overrides. */
  public static <T> T read(String yamlText, Class<T> type) {
    return read(yamlText, "<yaml>", type, List.of());
  }

  /**
   * Reads YAML text as a {@code type}.
   *
   * @param source the name of the text for messages (a file name)
   */
  public static <T> T read(String yamlText, String source, Class<T> type, List<String> overrides) {
    return read(yamlText, source, type, overrides, java.util.function.UnaryOperator.identity());
  }

  /** As {@link #read(String, String, Class, List)}, with {@code preprocess} applied to the parsed tree first. */
  public static <T> T read(String yamlText, String source, Class<T> type, List<String> overrides,
      java.util.function.UnaryOperator<JsonNode> preprocess) {
    return bind(resolve(preprocess.apply(parse(yamlText, source)), type, overrides), type, overrides);
  }

  /**
   * The fully resolved tree of a config (defaults merged, overrides applied), before binding. This is
   * what a manifest stores; {@link #fromTree} turns it back into the record.
   */
  public static JsonNode resolve(JsonNode userTree, Class<?> type, List<String> overrides) {
    JavaType jt = TypeFactory.defaultInstance().constructType(type);
    JsonNode resolved = merge(userTree, jt, null, "");
    for (String o : overrides) {
      resolved = merge(applyOverride(resolved, jt, o), jt, null, "");
    }
    return resolved;
  }

  /** Binds a resolved tree (e.g. a manifest's config) to {@code type}, validating it. */
  public static <T> T fromTree(JsonNode tree, Class<T> type) {
    return bind(merge(tree, TypeFactory.defaultInstance().constructType(type), null, ""), type, List.of());
  }

  /**
   * Parses YAML text to a tree; an empty document is an empty mapping. Aliases are resolved, a second
   * document is an error, and scalars follow the rules of {@link YamlTrees} (only true/false are
   * booleans, {@code .inf}/{@code .nan} are floats).
   */
  public static JsonNode parse(String yamlText, String source) {
    JsonNode n = YamlTrees.parse(yamlText, source);
    if (n == null || n.isMissingNode() || n.isNull()) return JsonNodeFactory.instance.objectNode();
    if (!n.isObject()) {
      throw new UserInputException(source, "the config must be a mapping of keys to values, got " + kind(n),
          "write it as 'key: value' lines");
    }
    return n;
  }

  private static <T> T bind(JsonNode resolved, Class<T> type, List<String> overrides) {
    JsonNode tree = checkValues(resolved == null ? null : resolved.deepCopy(),
        TypeFactory.defaultInstance().constructType(type), "", overrides);
    try {
      return JSON.treeToValue(tree, type);
    } catch (ValueInstantiationException e) {
      Throwable c = e.getCause() != null ? e.getCause() : e;
      String path = path(e);
      if (c instanceof UserInputException u) {
        String inner = u.where() == null || u.where().isEmpty() ? "" : u.where();
        String where = path.isEmpty() ? (inner.isEmpty() ? "config" : inner) : (inner.isEmpty() ? path : path + "." + inner);
        throw new UserInputException(where, u.problem(), u.fix() + fromOverride(where, overrides), e);
      }
      // the record's own message: whole (a value in it may hold a line break; the exception escapes it)
      String message = c.getMessage() == null
          ? (c instanceof NullPointerException ? "a part of it is missing (null)" : "invalid value") : c.getMessage().strip();
      // "learningRate must be > 0, got -1.0" from the record of algo is about algo.learningRate
      String key = leadingComponent(e.getType() == null ? null : e.getType().getRawClass(), message);
      String where = key != null ? join(path, key) : path.isEmpty() ? "config" : path;
      String from = fromOverride(where, overrides);
      String fix = !from.isEmpty() ? from.substring(2) + "; change that value"
          : "change the value in the YAML or --set " + (key != null ? where : (path.isEmpty() ? "" : path + ".") + "<key>") + "=<value>";
      throw new UserInputException(where, key != null ? message.substring(key.length()).strip() : message, fix, e);
    } catch (InvalidFormatException e) {
      String path = path(e);
      throw new UserInputException(path, "expected " + expected(e.getTargetType()) + ", got " + shown(e.getValue()),
          "change the value" + fromOverride(path, overrides), e);
    } catch (MismatchedInputException e) {
      String path = path(e);
      String msg = e.getOriginalMessage();
      if (msg != null && msg.matches("(?s)^Missing (required )?creator property '[^']*'.*")) {
        String key = msg.replaceAll("(?s)^Missing (required )?creator property '([^']*)'.*$", "$2");
        String full = path.isEmpty() ? key : (path.endsWith("." + key) || path.equals(key) ? path : path + "." + key);
        throw new UserInputException(full, "required key is missing", "add '" + key + "' to the YAML or give the record a defaults()", e);
      }
      throw new UserInputException(path.isEmpty() ? "config" : path,
          "expected " + expected(e.getTargetType()) + ", got something else (" + firstLine(msg) + ")",
          "change the value" + fromOverride(path, overrides), e);
    } catch (JsonProcessingException e) {
      String path = e instanceof JsonMappingException m ? path(m) : "";
      throw new UserInputException(path.isEmpty() ? "config" : path, firstLine(e.getOriginalMessage()), "fix the config", e);
    } catch (IllegalArgumentException e) {
      Throwable c = e.getCause() instanceof JsonProcessingException ? e.getCause() : e;
      throw new UserInputException("config", firstLine(String.valueOf(c.getMessage())), "fix the config", e);
    }
  }

  /** The component of {@code record} that {@code message} starts with ("gamma must be ..."), or null. */
  private static String leadingComponent(Class<?> record, String message) {
    if (record == null || !record.isRecord()) return null;
    int end = 0;
    while (end < message.length() && Character.isJavaIdentifierPart(message.charAt(end))) end++;
    if (end == 0 || end == message.length() || message.charAt(end) != ' ') return null;
    String word = message.substring(0, end);
    return components(record).containsKey(word) ? word : null;
  }

  // ---------------------------------------------------------------- checking values against types

  /**
   * Checks every scalar of {@code node} against the type its place asks for, before Jackson binds
   * it, so that the message names the path and the rule: integers within the range of their Java
   * type ({@code 2^40} is not an int), no NaN for a number, only true/false for a boolean, a null only
   * where the type can hold one (never inside a list or a map: those are immutable copies). Texts
   * Jackson reads as special doubles ("Infinity", "-INF") become those doubles here, like YAML's
   * {@code .inf}; ±Infinity is left to the records' validation.
   *
   * @return {@code node}, changed in place where a text became a number
   */
  private static JsonNode checkValues(JsonNode node, JavaType type, String path, List<String> overrides) {
    if (node == null || node.isMissingNode()) return node;
    Class<?> raw = type.getRawClass();
    if (raw.isRecord() || isPolymorphic(raw)) {
      if (!node.isObject()) return node; // Jackson's message names the expected mapping
      Class<?> rec = raw;
      if (isPolymorphic(raw)) {
        rec = subtypes(raw).get(node.path(typeProperty(raw)).asText(""));
        if (rec == null || !rec.isRecord()) return node;
      }
      Map<String, RecordComponent> comps = components(rec);
      ObjectNode o = (ObjectNode) node;
      for (String key : fieldNames(o)) {
        RecordComponent c = comps.get(key);
        if (c == null) continue;
        JsonNode v = o.get(key);
        JsonNode checked = checkValues(v, TypeFactory.defaultInstance().constructType(c.getGenericType()), join(path, key), overrides);
        if (checked != v) o.set(key, checked);
      }
      return node;
    }
    if ((type.isCollectionLikeType() || type.isArrayType()) && node.isArray()) {
      ArrayNode a = (ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        JsonNode v = a.get(i);
        if (v.isNull()) throw nullEntry(type.getContentType().getRawClass(), join(path, String.valueOf(i)), "list entry", overrides);
        JsonNode checked = checkValues(v, type.getContentType(), join(path, String.valueOf(i)), overrides);
        if (checked != v) a.set(i, checked);
      }
      return node;
    }
    if (type.isMapLikeType() && node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      for (String key : fieldNames(o)) {
        JsonNode v = o.get(key);
        if (v.isNull()) throw nullEntry(type.getContentType().getRawClass(), join(path, key), "value", overrides);
        JsonNode checked = checkValues(v, type.getContentType(), join(path, key), overrides);
        if (checked != v) o.set(key, checked);
      }
      return node;
    }
    return checkScalar(node, raw, path, overrides);
  }

  private static List<String> fieldNames(ObjectNode o) {
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode checkScalar(JsonNode v, Class<?> t, String path, List<String> overrides) {
    if (v instanceof YamlTrees.Unreadable u && isNumeric(t)) {
      throw new UserInputException(path, u.problem(), u.fix() + fromOverride(path, overrides));
    }
    if (t == int.class || t == Integer.class) return checkInteger(v, t, Integer.MIN_VALUE, Integer.MAX_VALUE, path, overrides);
    if (t == long.class || t == Long.class) return checkInteger(v, t, Long.MIN_VALUE, Long.MAX_VALUE, path, overrides);
    if (t == short.class || t == Short.class) return checkInteger(v, t, Short.MIN_VALUE, Short.MAX_VALUE, path, overrides);
    if (t == byte.class || t == Byte.class) return checkInteger(v, t, Byte.MIN_VALUE, Byte.MAX_VALUE, path, overrides);
    if (t == double.class || t == Double.class) return checkNumber(v, t, Double.MAX_VALUE, path, overrides);
    if (t == float.class || t == Float.class) return checkNumber(v, t, Float.MAX_VALUE, path, overrides);
    if (t == String.class && v.isContainerNode()) {
      throw new UserInputException(path, "expected a string, got " + kind(v), "write a single value" + fromOverride(path, overrides));
    }
    if (t == String.class && v instanceof YamlTrees.Written w) {
      return TextNode.valueOf(w.written()); // name: 1e5 is the text 1e5, not 100000.0
    }
    if (t == boolean.class || t == Boolean.class) {
      if (v.isBoolean() || v.isNull() && t == Boolean.class) return v;
      if (v.isNull()) throw nullForPrimitive(t, path, overrides);
      String fix = "write true or false" + fromOverride(path, overrides);
      if (v.isTextual()) fix = "write true or false; words like yes, on or y are not booleans here" + fromOverride(path, overrides);
      throw new UserInputException(path, "expected true or false, got " + kind(v), fix);
    }
    return v;
  }

  private static boolean isNumeric(Class<?> t) {
    return t.isPrimitive() && t != boolean.class && t != char.class || Number.class.isAssignableFrom(t);
  }

  private static JsonNode checkInteger(JsonNode v, Class<?> t, long min, long max, String path, List<String> overrides) {
    if (v.isNull()) {
      if (t.isPrimitive()) throw nullForPrimitive(t, path, overrides);
      return v;
    }
    if (v.isIntegralNumber()) {
      java.math.BigInteger b = v.bigIntegerValue();
      if (b.compareTo(java.math.BigInteger.valueOf(min)) >= 0 && b.compareTo(java.math.BigInteger.valueOf(max)) <= 0) return v;
      throw new UserInputException(path, "expected an integer between " + min + " and " + max + ", got " + UserInputException.abbreviate(b.toString()),
          "use a smaller number" + fromOverride(path, overrides));
    }
    String fix = "change the value" + fromOverride(path, overrides);
    if (v.isFloatingPointNumber()) {
      double d = v.doubleValue();
      if (Double.isFinite(d) && d == Math.rint(d) && d >= min && d <= max) {
        fix = "write it without a decimal point or exponent, e.g. " + new java.math.BigDecimal(d).toPlainString() + fromOverride(path, overrides);
      }
    }
    throw new UserInputException(path, "expected an integer, got " + kind(v), fix);
  }

  private static JsonNode checkNumber(JsonNode v, Class<?> t, double maxMagnitude, String path, List<String> overrides) {
    if (v.isNull()) {
      if (t.isPrimitive()) throw nullForPrimitive(t, path, overrides);
      return v;
    }
    JsonNode n = v;
    if (v.isTextual()) {
      // the texts Jackson itself reads as doubles; turning them into numbers here lets one check judge them
      switch (v.textValue()) {
        case "NaN" -> n = JsonNodeFactory.instance.numberNode(Double.NaN);
        case "Infinity", "+Infinity", "INF", "+INF" -> n = JsonNodeFactory.instance.numberNode(Double.POSITIVE_INFINITY);
        case "-Infinity", "-INF" -> n = JsonNodeFactory.instance.numberNode(Double.NEGATIVE_INFINITY);
        default -> {
          throw new UserInputException(path, "expected a number, got " + kind(v), "change the value" + fromOverride(path, overrides));
        }
      }
    }
    if (!n.isNumber()) {
      throw new UserInputException(path, "expected a number, got " + kind(v), "change the value" + fromOverride(path, overrides));
    }
    double d = n.doubleValue();
    if (Double.isNaN(d)) {
      throw new UserInputException(path, "expected a number, got NaN (not a number)",
          "write a number; NaN is never a valid setting" + fromOverride(path, overrides));
    }
    if (Double.isFinite(d) ? Math.abs(d) > maxMagnitude : n.isIntegralNumber()) {
      throw new UserInputException(path, "expected a number between " + (-maxMagnitude) + " and " + maxMagnitude + ", got "
          + UserInputException.abbreviate(n.asText()), "use a smaller number" + fromOverride(path, overrides));
    }
    return n;
  }

  /** Lists and maps of a config are immutable copies ({@code List.copyOf}), which hold no nulls. */
  private static UserInputException nullEntry(Class<?> t, String path, String what, List<String> overrides) {
    return new UserInputException(path, "expected " + expected(t) + ", got null (an empty " + what + ")",
        "write a value or remove the " + what + fromOverride(path, overrides));
  }

  private static UserInputException nullForPrimitive(Class<?> t, String path, List<String> overrides) {
    return new UserInputException(path, "expected " + expected(t) + ", got null (an empty value)",
        "write a value, or remove the key to use the default" + fromOverride(path, overrides));
  }

  private static String fromOverride(String path, List<String> overrides) {
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq > 0 && normalizePath(o.substring(0, eq)).equals(path)) return "; it came from --set " + UserInputException.abbreviate(o);
    }
    return "";
  }

  private static String expected(Class<?> t) {
    if (t == null) return "another type";
    if (t == double.class || t == Double.class || t == float.class || t == Float.class) return "a number";
    if (t == int.class || t == Integer.class || t == long.class || t == Long.class || t == short.class) {
      return "an integer";
    }
    if (t == boolean.class || t == Boolean.class) return "true or false";
    if (t == String.class) return "a string";
    if (t.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object c : t.getEnumConstants()) names.add(((Enum<?>) c).name());
      return "one of " + names;
    }
    if (t.isRecord()) return "a mapping with keys " + componentNames(t);
    if (t.isArray() || List.class.isAssignableFrom(t)) return "a list";
    return "a " + t.getSimpleName();
  }

  private static String shown(Object v) {
    if (v instanceof String s) return UserInputException.quote(s);
    return UserInputException.abbreviate(String.valueOf(v));
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) sb.append('.');
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        if (sb.length() > 0) sb.append('.');
        sb.append(r.getIndex());
      }
    }
    return sb.toString();
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  // ---------------------------------------------------------------- merging over defaults

  /**
   * Merges {@code user} over {@code base} (the parent's defaults at this place, may be null) and the
   * type's own defaults, checking keys against the type.
   */
  private static JsonNode merge(JsonNode user, JavaType type, JsonNode base, String path) {
    Class<?> raw = type.getRawClass();
    if (raw.isRecord()) return mergeRecord(user, raw, base, path);
    if (isPolymorphic(raw)) return mergePolymorphic(user, raw, base, path);
    if (user == null) return base;
    if ((type.isCollectionLikeType() || type.isArrayType()) && user.isArray()) {
      JavaType elem = type.getContentType();
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < user.size(); i++) out.add(merge(user.get(i), elem, null, join(path, String.valueOf(i))));
      return out;
    }
    if (type.isMapLikeType() && user.isObject()) {
      JavaType val = type.getContentType();
      ObjectNode out = base != null && base.isObject() ? ((ObjectNode) base).deepCopy() : JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        out.set(f.getKey(), merge(f.getValue(), val, out.get(f.getKey()), join(path, f.getKey())));
      }
      return out;
    }
    return user;
  }

  private static JsonNode mergeRecord(JsonNode user, Class<?> raw, JsonNode base, String path) {
    ObjectNode out = defaultsTree(raw);
    if (base != null && base.isObject()) deepMergeInto(out, base);
    else if (base != null && base.isNull() && user == null) return base;
    if (user == null) return out;
    if (user.isNull()) return user;
    if (!user.isObject()) {
      throw new UserInputException(where(path), "expected a mapping with keys " + componentNames(raw) + ", got " + kind(user),
          "write it as nested 'key: value' lines");
    }
    Map<String, RecordComponent> comps = components(raw);
    for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      RecordComponent c = comps.get(f.getKey());
      if (c == null && isRegisteredTypeKey(raw, f.getKey(), f.getValue())) {
        out.set(f.getKey(), f.getValue()); // a registered subtype nested by its concrete type keeps its type id
        continue;
      }
      if (c == null) throw unknownKey(path, f.getKey(), comps.keySet(), null);
      JavaType ct = TypeFactory.defaultInstance().constructType(c.getGenericType());
      out.set(f.getKey(), merge(f.getValue(), ct, out.get(f.getKey()), join(path, f.getKey())));
    }
    // A missing key of a reference type (String, Double, a nested record, ...) binds to null and the
    // record's constructor decides (fill a default, or fail with its own message); only primitive
    // keys without a default are required.
    for (Map.Entry<String, RecordComponent> c : comps.entrySet()) {
      if (!out.has(c.getKey()) && !c.getValue().getType().isPrimitive()) out.putNull(c.getKey());
    }
    return out;
  }

  private static JsonNode mergePolymorphic(JsonNode user, Class<?> raw, JsonNode base, String path) {
    if (user == null || user.isNull()) return user == null ? base : user;
    String prop = typeProperty(raw);
    Map<String, Class<?>> subtypes = subtypes(raw);
    if (!user.isObject()) {
      throw new UserInputException(where(path), "expected a mapping with '" + prop + ": <one of " + subtypes.keySet() + ">', got " + kind(user),
          "write it as nested 'key: value' lines");
    }
    JsonNode idNode = user.get(prop);
    if (idNode == null && base != null && base.isObject()) idNode = base.get(prop);
    if (idNode == null || !idNode.isTextual()) {
      throw new UserInputException(join(path, prop), "missing the type of this part", "add '" + prop + ": <one of " + subtypes.keySet() + ">'");
    }
    String id = idNode.textValue();
    Class<?> sub = subtypes.get(id);
    if (sub == null) {
      throw new UserInputException(join(path, prop), "unknown type " + UserInputException.quote(id),
          "use one of " + subtypes.keySet() + suggestion(id, subtypes.keySet()));
    }
    JsonNode sameBase = base != null && base.isObject() && id.equals(base.path(prop).asText(null)) ? base : null;
    ObjectNode userFields = ((ObjectNode) user).deepCopy();
    userFields.remove(prop);
    ObjectNode sameBaseFields = null;
    if (sameBase != null) {
      sameBaseFields = ((ObjectNode) sameBase).deepCopy();
      sameBaseFields.remove(prop);
    }
    JsonNode merged = mergeRecord(userFields, sub, sameBaseFields, path);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put(prop, id);
    out.setAll((ObjectNode) merged);
    return out;
  }

  /** Whether {@code key: value} is the type id under which {@code raw} is registered as a subtype. */
  private static boolean isRegisteredTypeKey(Class<?> raw, String key, JsonNode value) {
    for (Map.Entry<Class<?>, Map<String, Class<?>>> e : REGISTERED.entrySet()) {
      Class<?> sub = e.getValue().get(value.asText(""));
      if (sub == raw && key.equals(typeProperty(e.getKey()))) return true;
    }
    return false;
  }

  /** The defaults tree of a record type: its {@code defaults()}, with nested records' defaults filling gaps. */
  static ObjectNode defaultsTree(Class<?> raw) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    Object d = defaultsOf(raw);
    if (d != null) out = (ObjectNode) JSON.valueToTree(d);
    for (RecordComponent c : raw.getRecordComponents()) {
      Class<?> ct = c.getType();
      if (ct.isRecord() && ct != raw) {
        JsonNode existing = out.get(c.getName());
        if (existing == null) {
          ObjectNode child = defaultsTree(ct);
          if (child.size() > 0) out.set(c.getName(), child);
        } else if (existing.isObject()) {
          ObjectNode child = defaultsTree(ct);
          deepMergeInto(child, existing);
          out.set(c.getName(), child);
        }
      }
    }
    return out;
  }

  private static Object defaultsOf(Class<?> raw) {
    Method m;
    try {
      m = raw.getMethod("defaults");
    } catch (NoSuchMethodException e) {
      return null;
    }
    if (!Modifier.isStatic(m.getModifiers()) || !raw.isAssignableFrom(m.getReturnType())) return null;
    try {
      m.setAccessible(true);
      return m.invoke(null);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new IllegalStateException(raw.getName() + ".defaults() is not accessible; make the record public", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(raw.getName() + ".defaults() failed", e.getCause());
    }
  }

  /** Copies {@code over} into {@code into}: objects merge key by key, anything else replaces. */
  private static void deepMergeInto(ObjectNode into, JsonNode over) {
    for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode cur = into.get(f.getKey());
      if (cur != null && cur.isObject() && f.getValue().isObject()) {
        deepMergeInto((ObjectNode) cur, f.getValue());
      } else {
        into.set(f.getKey(), f.getValue().deepCopy());
      }
    }
  }

  // ---------------------------------------------------------------- overrides

  private static JsonNode applyOverride(JsonNode tree, JavaType rootType, String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new UserInputException("--set " + UserInputException.abbreviate(override), "an override must look like a.b.c=value", "write --set path.to.key=value");
    }
    String rawPath = override.substring(0, eq).trim();
    String valueText = override.substring(eq + 1);
    String[] segs = normalizePath(rawPath).split("\\.");
    JsonNode value = parseValue(valueText, override);
    ObjectNode root = tree != null && tree.isObject() ? ((ObjectNode) tree).deepCopy() : JsonNodeFactory.instance.objectNode();
    JsonNode node = root;
    JavaType type = rootType;
    String walked = "";
    for (int i = 0; i < segs.length; i++) {
      String seg = segs[i];
      boolean last = i == segs.length - 1;
      Class<?> raw = type.getRawClass();
      JavaType childType;
      if (raw.isRecord() || isPolymorphic(raw)) {
        Class<?> rec = raw;
        if (isPolymorphic(raw)) {
          String prop = typeProperty(raw);
          if (seg.equals(prop) && last) {
            if (!value.isTextual() || !subtypes(raw).containsKey(value.textValue())) {
              throw new UserInputException("--set " + UserInputException.abbreviate(override), "unknown type " + UserInputException.quote(value.asText()) + " for " + where(walked),
                  "use one of " + subtypes(raw).keySet() + suggestion(value.asText(), subtypes(raw).keySet()));
            }
            // switching the type starts from that type's defaults
            ObjectNode fresh = JsonNodeFactory.instance.objectNode();
            fresh.put(prop, value.textValue());
            return replaceAt(root, segs, segs.length - 1, fresh);
          }
          String id = node != null ? node.path(prop).asText(null) : null;
          rec = id == null ? null : subtypes(raw).get(id);
          if (rec == null) {
            throw new UserInputException("--set " + UserInputException.abbreviate(override), where(walked) + " has no type yet",
                "set --set " + join(walked, prop) + "=<one of " + subtypes(raw).keySet() + "> first");
          }
        }
        Map<String, RecordComponent> comps = components(rec);
        RecordComponent c = comps.get(seg);
        if (c == null) throw unknownKey(walked, seg, comps.keySet(), override);
        childType = TypeFactory.defaultInstance().constructType(c.getGenericType());
      } else if (type.isCollectionLikeType() || type.isArrayType()) {
        int idx;
        try {
          idx = Integer.parseInt(seg);
        } catch (NumberFormatException e) {
          throw new UserInputException("--set " + UserInputException.abbreviate(override), where(walked) + " is a list; " + UserInputException.quote(seg) + " is not an index",
              "use a number, e.g. " + join(walked, "0"));
        }
        int size = node != null && node.isArray() ? node.size() : 0;
        if (idx < 0 || idx >= size) {
          throw new UserInputException("--set " + UserInputException.abbreviate(override), where(walked) + " has " + size + " entries; index " + idx + " does not exist",
              "use an index below " + size + " or write the list in the YAML");
        }
        childType = type.getContentType();
      } else if (type.isMapLikeType()) {
        childType = type.getContentType();
      } else {
        throw new UserInputException("--set " + UserInputException.abbreviate(override), where(walked) + " is a single value and has no key " + UserInputException.quote(seg),
            "set --set " + where(walked) + "=<value>");
      }
      walked = join(walked, seg);
      node = node == null ? null : (node.isArray() ? node.get(Integer.parseInt(seg)) : node.get(seg));
      type = childType;
    }
    return replaceAt(root, segs, segs.length, value);
  }

  /** Sets {@code value} at the first {@code depth} segments of the path, creating mappings on the way. */
  private static JsonNode replaceAt(ObjectNode root, String[] segs, int depth, JsonNode value) {
    if (depth == 0) return value;
    JsonNode cur = root;
    for (int i = 0; i < depth - 1; i++) {
      JsonNode next = cur.isArray() ? cur.get(Integer.parseInt(segs[i])) : cur.get(segs[i]);
      if (next == null || !(next.isObject() || next.isArray())) {
        next = JsonNodeFactory.instance.objectNode();
        ((ObjectNode) cur).set(segs[i], next);
      }
      cur = next;
    }
    String lastSeg = segs[depth - 1];
    if (cur.isArray()) ((ArrayNode) cur).set(Integer.parseInt(lastSeg), value);
    else ((ObjectNode) cur).set(lastSeg, value);
    return root;
  }

  private static JsonNode parseValue(String text, String override) {
    if (text.isBlank()) return TextNode.valueOf("");
    JsonNode v;
    try {
      v = YamlTrees.parse(text, "--set " + UserInputException.abbreviate(override));
    } catch (UserInputException e) {
      throw new UserInputException("--set " + UserInputException.abbreviate(override), "the value is not valid YAML: " + e.problem(),
          "quote it, e.g. --set 'a.b=\"text\"'", e);
    }
    return v == null || v.isMissingNode() ? TextNode.valueOf(text) : v;
  }

  /** {@code a[0].b} → {@code a.0.b}. */
  static String normalizePath(String p) {
    return p.trim().replaceAll("\\[(\\d+)]", ".$1").replaceAll("^\\.", "");
  }

  // ---------------------------------------------------------------- writing

  /** The record as a JSON tree (every component, nulls included). */
  public static JsonNode toJsonTree(Object config) {
    return JSON.valueToTree(config);
  }

  /** The record as YAML text that {@link #read} turns back into an equal record. */
  public static String toYaml(Object config) {
    try {
      return YAML.writeValueAsString(JSON.valueToTree(config));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalStateException("could not write " + config.getClass().getName() + " as YAML", e);
    }
  }

  /** A JSON tree as YAML text. */
  public static String toYaml(JsonNode tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write a tree as YAML", e);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static UserInputException unknownKey(String path, String key, java.util.Collection<String> valid, String override) {
    String where = override != null ? "--set " + UserInputException.abbreviate(override) : join(path, UserInputException.abbreviate(key));
    String problem = override != null
        ? (path.isEmpty() ? "the config" : path) + " has no key " + UserInputException.quote(key)
        : "unknown key " + UserInputException.quote(key) + (path.isEmpty() ? "" : " in " + path);
    return new UserInputException(where, problem, "valid keys: " + String.join(", ", valid) + suggestion(key, valid));
  }

  private static String suggestion(String key, java.util.Collection<String> valid) {
    if (key == null || key.length() > 100) return ""; // no name is that long; spare the edit distance
    return org.rewardlab.core.Suggestions.closest(key, valid).map(b -> "; did you mean '" + b + "'?").orElse("");
  }

  private static Map<String, RecordComponent> components(Class<?> rec) {
    Map<String, RecordComponent> m = new LinkedHashMap<>();
    for (RecordComponent c : rec.getRecordComponents()) m.put(c.getName(), c);
    return m;
  }

  private static List<String> componentNames(Class<?> rec) {
    return new ArrayList<>(components(rec).keySet());
  }

  private static boolean isPolymorphic(Class<?> raw) {
    return raw.isInterface() && raw.isAnnotationPresent(JsonTypeInfo.class)
        && (raw.isAnnotationPresent(JsonSubTypes.class) || REGISTERED.containsKey(raw));
  }

  private static String typeProperty(Class<?> raw) {
    JsonTypeInfo info = raw.getAnnotation(JsonTypeInfo.class);
    String p = info.property();
    return p == null || p.isEmpty() ? info.use().getDefaultPropertyName() : p;
  }

  private static Map<String, Class<?>> subtypes(Class<?> raw) {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    JsonSubTypes listed = raw.getAnnotation(JsonSubTypes.class);
    for (JsonSubTypes.Type t : listed == null ? new JsonSubTypes.Type[0] : listed.value()) {
      List<String> names = new ArrayList<>();
      if (!t.name().isEmpty()) names.add(t.name());
      for (String n : t.names()) names.add(n);
      if (names.isEmpty()) {
        JsonTypeName tn = t.value().getAnnotation(JsonTypeName.class);
        names.add(tn != null ? tn.value() : t.value().getSimpleName());
      }
      for (String n : names) m.put(n, t.value());
    }
    Map<String, Class<?>> registered = REGISTERED.get(raw);
    if (registered != null) {
      synchronized (registered) {
        m.putAll(registered);
      }
    }
    return m;
  }

  private static String kind(JsonNode n) {
    if (n.isObject()) return "a mapping";
    if (n.isArray()) return "a list";
    if (n.isTextual()) return UserInputException.quote(n.textValue());
    if (n.isNull()) return "null";
    if (n.isNumber()) return UserInputException.abbreviate(n.asText());
    return UserInputException.abbreviate(n.toString());
  }

  private static String where(String path) {
    return path.isEmpty() ? "config" : path;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
