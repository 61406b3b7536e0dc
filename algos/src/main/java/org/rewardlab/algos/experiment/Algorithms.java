package org.rewardlab.algos.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.rewardlab.core.Suggestions;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;

/**
 * The registry of algorithms: maps an experiment's {@code algo.type} to its {@link Algorithm}.
 * Algorithms are found with {@link ServiceLoader} (each module lists its own in
 * {@code META-INF/services/org.rewardlab.algos.experiment.Algorithm}) when this class loads; {@link
 * #register} adds one at run time. Registering also tells the config reader the algorithm's spec
 * type, so {@code algo: {type: NAME, ...}} binds to it.
 *
 * <p>Thread-safe.
 */
public final class Algorithms {
  private static final Map<String, Algorithm<?>> BY_TYPE = new LinkedHashMap<>();

  static {
    for (Algorithm<?> a : ServiceLoader.load(Algorithm.class, Algorithms.class.getClassLoader())) register(a);
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null && context != Algorithms.class.getClassLoader()) {
      for (Algorithm<?> a : ServiceLoader.load(Algorithm.class, context)) {
        if (!BY_TYPE.containsKey(a.type())) register(a);
      }
    }
  }

  private Algorithms() {}

  /**
   * Adds an algorithm.
   *
   * @throws IllegalArgumentException if its type name is taken by another algorithm
   */
  public static synchronized void register(Algorithm<?> algorithm) {
    String type = algorithm.type();
    if (type == null || !type.matches("[a-z][a-z0-9_-]*")) {
      throw new IllegalArgumentException("algorithm type '" + type + "' must be lower-case letters, digits, '-' or '_'");
    }
    Algorithm<?> old = BY_TYPE.get(type);
    if (old != null) {
      if (old.getClass() == algorithm.getClass()) return;
      throw new IllegalArgumentException("algorithm type '" + type + "' is already registered by " + old.getClass().getName());
    }
    BY_TYPE.put(type, algorithm);
    Configs.registerSubtype(AlgoSpec.class, type, algorithm.specClass());
  }

  /** The registered type names, in registration order. */
  public static synchronized List<String> types() {
    return new ArrayList<>(BY_TYPE.keySet());
  }

  /**
   * The algorithm registered under {@code type}.
   *
   * @throws UserInputException naming {@code algo.type} with the registered names
   */
  public static synchronized Algorithm<?> of(String type) {
    Algorithm<?> a = BY_TYPE.get(type);
    if (a == null) {
      throw new UserInputException("algo.type", "unknown algorithm '" + type + "'",
          "use one of " + BY_TYPE.keySet() + Suggestions.closest(type, BY_TYPE.keySet()).map(s -> "; did you mean '" + s + "'?").orElse(""));
    }
    return a;
  }

  /** The algorithm whose spec type the experiment's {@code algo} section is. */
  @SuppressWarnings("unchecked")
  public static synchronized <S extends AlgoSpec> Algorithm<S> of(ExperimentSpec experiment) {
    for (Algorithm<?> a : BY_TYPE.values()) {
      if (a.specClass() == experiment.algo().getClass()) return (Algorithm<S>) a;
    }
    throw new IllegalStateException("no algorithm is registered for " + experiment.algo().getClass().getName());
  }

  /** Forces registration (the static initializer) before configs are read. */
  static void ensureLoaded() {}
}
