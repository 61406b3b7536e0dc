package org.rewardlab.core.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/** Test-local config records, shaped like real experiment specs (public: the run tests use them too). */
public final class TestConfigs {
  private TestConfigs() {}

  public enum Schedule {
    CONSTANT,
    LINEAR
  }

  /** PPO-like settings with validation. */
  public record Algo(double learningRate, int numSteps, boolean anneal, Schedule schedule, List<Integer> hidden) {
    public Algo {
      if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
      if (numSteps < 1) throw new IllegalArgumentException("numSteps must be >= 1, got " + numSteps);
      hidden = List.copyOf(hidden);
    }

    public static Algo defaults() {
      return new Algo(2.5e-4, 128, true, Schedule.LINEAR, List.of(64, 64));
    }
  }

  /** A polymorphic reward term, chosen by {@code type}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Potential.class, name = "potential"),
    @JsonSubTypes.Type(value = Constant.class, name = "constant")
  })
  public sealed interface Term permits Potential, Constant {}

  public record Potential(double gamma, double scale) implements Term {
    public Potential {
      if (!(gamma >= 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
    }

    public static Potential defaults() {
      return new Potential(0.99, 1.0);
    }
  }

  public record Constant(double value) implements Term {}

  public record Experiment(
      String name, long seed, Algo algo, Term reward, List<Term> terms, Map<String, Double> weights) {
    public Experiment {
      terms = List.copyOf(terms);
      weights = Map.copyOf(weights);
    }

    public static Experiment defaults() {
      return new Experiment("exp", 1, Algo.defaults(), new Potential(0.99, 1.0), List.of(), Map.of());
    }
  }

  /** Scalars of every width, nullable ones included (for the range and null checks). */
  public record Ranges(float ratio, short small, byte tiny, Double optional, Boolean flag, int count) {
    public static Ranges defaults() {
      return new Ranges(0.5f, (short) 1, (byte) 1, null, null, 3);
    }
  }

  /** A record whose validation echoes the value. */
  public record Labeled(String label) {
    public Labeled {
      if (label != null && !label.matches("[a-z]+")) throw new IllegalArgumentException("label '" + label + "' is not lower-case letters");
    }
  }

  /** A record without defaults: every key is required. Its getter-like methods are not config keys. */
  public record Bare(int a, String b) {
    public int getTwiceA() {
      return 2 * a;
    }

    public boolean isEmpty() {
      return b.isEmpty();
    }
  }
}
