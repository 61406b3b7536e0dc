package org.rewardlab.envs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.envs.classic.Acrobot;
import org.rewardlab.envs.classic.CartPole;
import org.rewardlab.envs.classic.MountainCar;
import org.rewardlab.envs.classic.MountainCarContinuous;
import org.rewardlab.envs.classic.Pendulum;

/**
 * Environments by Gymnasium-style id (Gymnasium's {@code gym.make} registry). The classic-control
 * envs are registered at class load; other modules add theirs with {@link #register}.
 *
 * <p>{@link #make} returns the bare {@link FlatEnv}: the spec's time limit is applied by the
 * caller (vector env, typed view, env server), never by the env itself.
 *
 * <p>Thread-safe: all methods synchronize on the registry.
 */
public final class EnvRegistry {
  private record Entry(EnvSpec spec, Supplier<FlatEnv> factory) {}

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    register(CartPole.SPEC, CartPole::new);
    register(MountainCar.SPEC, MountainCar::new);
    register(MountainCarContinuous.SPEC, MountainCarContinuous::new);
    register(Acrobot.SPEC, Acrobot::new);
    register(Pendulum.SPEC, Pendulum::new);
  }

  private EnvRegistry() {}

  /**
   * Registers {@code factory} under {@code spec.id()}.
   *
   * @throws IllegalArgumentException if the id is already registered (ids are global, like
   *     Gymnasium's; pick a new version suffix instead of overriding)
   */
  public static synchronized void register(EnvSpec spec, Supplier<FlatEnv> factory) {
    if (spec == null || factory == null) throw new IllegalArgumentException("register needs a spec and a factory");
    if (ENTRIES.containsKey(spec.id())) {
      throw new IllegalArgumentException(
          "environment id '" + spec.id() + "' is already registered; register it under a new id (e.g. a new -vN suffix)");
    }
    ENTRIES.put(spec.id(), new Entry(spec, factory));
  }

  /** The registered ids, in registration order. */
  public static synchronized List<String> ids() {
    return List.copyOf(ENTRIES.keySet());
  }

  /** Whether {@code id} is registered. */
  public static synchronized boolean has(String id) {
    return ENTRIES.containsKey(id);
  }

  /**
   * The spec registered under {@code id}.
   *
   * @throws UserInputException if the id is unknown (the message lists the known ids)
   */
  public static synchronized EnvSpec spec(String id) {
    return entry(id).spec();
  }

  /**
   * A new instance of the env registered under {@code id}, not yet reset.
   *
   * @throws UserInputException if the id is unknown (the message lists the known ids)
   */
  public static FlatEnv make(String id) {
    Entry e;
    synchronized (EnvRegistry.class) {
      e = entry(id);
    }
    FlatEnv env = e.factory().get();
    if (!env.spec().id().equals(id)) {
      throw new IllegalStateException(
          "the factory registered for '" + id + "' made an env whose spec id is '" + env.spec().id() + "'");
    }
    return env;
  }

  private static Entry entry(String id) {
    Entry e = id == null ? null : ENTRIES.get(id);
    if (e == null) {
      List<String> known = new ArrayList<>(ENTRIES.keySet());
      String hint = "";
      if (id != null) {
        for (String k : known) {
          if (k.equalsIgnoreCase(id) || k.split("-v")[0].equalsIgnoreCase(id.split("-v")[0])) {
            hint = "did you mean '" + k + "'? ";
            break;
          }
        }
      }
      throw new UserInputException(
          "env id", "unknown environment '" + id + "'", hint + "use one of: " + String.join(", ", known));
    }
    return e;
  }
}
