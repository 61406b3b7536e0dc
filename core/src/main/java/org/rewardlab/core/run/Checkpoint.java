package org.rewardlab.core.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.rewardlab.core.UserInputException;

/**
 * The contents of one checkpoint: named float arrays (weights, optimizer moments), named long
 * arrays (random-stream states from {@code RandomSource.state()}), named counters (loop counters),
 * named scalars, named double arrays (normalization statistics) and one JSON string (the run's
 * manifest or config). Saved and loaded by {@link Checkpoints}.
 *
 * <p>Immutable (arrays are copied in and out) and thread-safe. Build with {@link #builder()}.
 */
public final class Checkpoint {
  private final Map<String, float[]> floats;
  private final Map<String, long[]> longs;
  private final Map<String, double[]> doubles;
  private final Map<String, Long> counters;
  private final Map<String, Double> scalars;
  private final String json;

  private Checkpoint(Builder b) {
    this.floats = Collections.unmodifiableMap(new LinkedHashMap<>(b.floats));
    this.longs = Collections.unmodifiableMap(new LinkedHashMap<>(b.longs));
    this.doubles = Collections.unmodifiableMap(new LinkedHashMap<>(b.doubles));
    this.counters = Collections.unmodifiableMap(new LinkedHashMap<>(b.counters));
    this.scalars = Collections.unmodifiableMap(new LinkedHashMap<>(b.scalars));
    this.json = b.json;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The named float array (a copy). */
  public float[] floats(String name) {
    return require(floats, name, "float array").clone();
  }

  /** The named long array (a copy). */
  public long[] longs(String name) {
    return require(longs, name, "long array").clone();
  }

  /** The named double array (a copy). */
  public double[] doubles(String name) {
    return require(doubles, name, "double array").clone();
  }

  /** The named counter. */
  public long counter(String name) {
    return require(counters, name, "counter");
  }

  /** The named scalar. */
  public double scalar(String name) {
    return require(scalars, name, "scalar");
  }

  /** The embedded JSON string ({@code ""} when none was set). */
  public String json() {
    return json;
  }

  public Set<String> floatNames() {
    return floats.keySet();
  }

  public Set<String> longNames() {
    return longs.keySet();
  }

  public Set<String> doubleNames() {
    return doubles.keySet();
  }

  public Set<String> counterNames() {
    return counters.keySet();
  }

  public Set<String> scalarNames() {
    return scalars.keySet();
  }

  /** Whether any section holds an entry called {@code name}. */
  public boolean has(String name) {
    return floats.containsKey(name) || longs.containsKey(name) || doubles.containsKey(name)
        || counters.containsKey(name) || scalars.containsKey(name);
  }

  Map<String, float[]> floatMap() {
    return floats;
  }

  Map<String, long[]> longMap() {
    return longs;
  }

  Map<String, double[]> doubleMap() {
    return doubles;
  }

  Map<String, Long> counterMap() {
    return counters;
  }

  Map<String, Double> scalarMap() {
    return scalars;
  }

  private static <T> T require(Map<String, T> m, String name, String kind) {
    T v = m.get(name);
    if (v == null) {
      throw new UserInputException(
          "checkpoint", "has no " + kind + " named '" + name + "' (it holds " + m.keySet() + ")",
          "resume from a checkpoint written by the same kind of run and version");
    }
    return v;
  }

  /** Collects entries; each setter copies its array. Not thread-safe. */
  public static final class Builder {
    private final Map<String, float[]> floats = new LinkedHashMap<>();
    private final Map<String, long[]> longs = new LinkedHashMap<>();
    private final Map<String, double[]> doubles = new LinkedHashMap<>();
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private final Map<String, Double> scalars = new LinkedHashMap<>();
    private String json = "";

    private Builder() {}

    public Builder floats(String name, float[] v) {
      floats.put(checkName(name), v.clone());
      return this;
    }

    /** Adds every entry of {@code named} with {@code prefix} prepended to its name. */
    public Builder floats(String prefix, Map<String, float[]> named) {
      named.forEach((k, v) -> floats(prefix + k, v));
      return this;
    }

    public Builder longs(String name, long[] v) {
      longs.put(checkName(name), v.clone());
      return this;
    }

    public Builder doubles(String name, double[] v) {
      doubles.put(checkName(name), v.clone());
      return this;
    }

    public Builder counter(String name, long v) {
      counters.put(checkName(name), v);
      return this;
    }

    public Builder scalar(String name, double v) {
      scalars.put(checkName(name), v);
      return this;
    }

    public Builder json(String json) {
      this.json = json == null ? "" : json;
      return this;
    }

    public Checkpoint build() {
      return new Checkpoint(this);
    }

    private static String checkName(String name) {
      if (name == null || name.isEmpty() || name.length() > 1000) {
        throw new IllegalArgumentException("checkpoint entry names must have 1..1000 characters, got '" + name + "'");
      }
      return name;
    }
  }
}
