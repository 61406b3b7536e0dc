package org.rewardlab.envs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvFactory;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.FlatTimeLimit;
import org.rewardlab.core.reward.ObservationPotential;
import org.rewardlab.envs.classic.Acrobot;
import org.rewardlab.envs.classic.CartPole;
import org.rewardlab.envs.classic.ClassicPotentials;
import org.rewardlab.envs.classic.MountainCar;
import org.rewardlab.envs.classic.MountainCarContinuous;
import org.rewardlab.envs.nav.AgvNav;
import org.rewardlab.envs.nav.NavScene;
import org.rewardlab.envs.nav.NavScenes;
import org.rewardlab.envs.classic.Pendulum;
import org.rewardlab.envs.grid.GridConfig;
import org.rewardlab.envs.grid.GridWorld;
import org.rewardlab.envs.grid.GridWorlds;
import org.rewardlab.envs.maze.MazeConfig;
import org.rewardlab.envs.maze.Mazes;
import org.rewardlab.envs.maze.PointMaze;
import org.rewardlab.envs.route.Route2D;
import org.rewardlab.envs.soccer.Soccer2D;

/**
 * Environments by Gymnasium-style id (Gymnasium's {@code gym.make} registry). The classic-control
 * envs are registered at class load; other modules add theirs with {@link #register}.
 *
 * <p>An env may register named state potentials Φ(s) on its flat observation beside its factory
 * ({@link #register(EnvSpec, Supplier, Map)}); the {@code potential} reward term names them, and
 * {@link #potentials} hands them to the reward builder. The classic-control envs' potentials are in
 * {@link ClassicPotentials}.
 *
 * <p>{@link #make} returns the bare {@link FlatEnv}: the spec's time limit is applied by the
 * caller (vector env, typed view, env server), never by the env itself.
 *
 * <p>Thread-safe: all methods synchronize on the registry.
 */
public final class EnvRegistry {
  private record Entry(EnvSpec spec, Supplier<FlatEnv> factory, Map<String, ObservationPotential> potentials) {}

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    register(CartPole.SPEC, CartPole::new, ClassicPotentials.cartPole());
    register(MountainCar.SPEC, MountainCar::new, ClassicPotentials.mountainCar());
    register(MountainCarContinuous.SPEC, MountainCarContinuous::new, ClassicPotentials.mountainCar());
    register(Acrobot.SPEC, Acrobot::new, ClassicPotentials.acrobot());
    register(Pendulum.SPEC, Pendulum::new, ClassicPotentials.pendulum());
    for (GridConfig grid : GridWorlds.registered()) register(grid.spec(), () -> new GridWorld(grid), GridWorlds.potentials(grid));
    for (MazeConfig maze : Mazes.registered()) register(maze.spec(), () -> new PointMaze(maze));
    for (NavScene scene : NavScenes.registered()) register(scene.spec(), () -> new AgvNav(scene), NavScenes.potentials());
    register(Soccer2D.SPEC, Soccer2D::new, Soccer2D.potentials());
    register(Route2D.SPEC, Route2D::new, Route2D.potentials());
  }

  private EnvRegistry() {}

  /**
   * Registers {@code factory} under {@code spec.id()}.
   *
   * @throws IllegalArgumentException if the id is already registered (ids are global, like
   *     Gymnasium's; pick a new version suffix instead of overriding)
   */
  public static void register(EnvSpec spec, Supplier<FlatEnv> factory) {
    register(spec, factory, Map.of());
  }

  /**
   * Registers {@code factory} under {@code spec.id()} with the env's named potentials Φ(s), which
   * {@code potential} reward terms may name (e.g. {@code mountaincar.energy}).
   *
   * @param potentials name → Φ on this env's flat observation; iteration order is kept (it is the
   *     order error messages list them in); may be empty
   * @throws IllegalArgumentException if the id is already registered (ids are global, like
   *     Gymnasium's; pick a new version suffix instead of overriding), or a potential has a blank
   *     name or no function
   */
  public static synchronized void register(
      EnvSpec spec, Supplier<FlatEnv> factory, Map<String, ObservationPotential> potentials) {
    if (spec == null || factory == null) throw new IllegalArgumentException("register needs a spec and a factory");
    if (potentials == null) {
      throw new IllegalArgumentException("register needs a potentials map for '" + spec.id() + "'; pass Map.of() for none");
    }
    if (ENTRIES.containsKey(spec.id())) {
      throw new IllegalArgumentException(
          "environment id '" + spec.id() + "' is already registered; register it under a new id (e.g. a new -vN suffix)");
    }
    Map<String, ObservationPotential> copy = new LinkedHashMap<>();
    potentials.forEach((name, phi) -> {
      if (name == null || name.isBlank() || phi == null) {
        throw new IllegalArgumentException(
            "potential '" + name + "' of '" + spec.id() + "' needs a non-blank name and a function");
      }
      copy.put(name, phi);
    });
    ENTRIES.put(spec.id(), new Entry(spec, factory, Collections.unmodifiableMap(copy)));
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
   * The named potentials Φ(s) registered for {@code id}, in registration order (unmodifiable; empty
   * if the env registered none). Pass them to the reward builder's context.
   *
   * @throws UserInputException if the id is unknown (the message lists the known ids)
   */
  public static synchronized Map<String, ObservationPotential> potentials(String id) {
    return entry(id).potentials();
  }

  /** The registry as an {@link EnvFactory}: {@link #make} and {@link #potentials}. */
  public static EnvFactory standard() {
    return STANDARD;
  }

  private static final EnvFactory STANDARD = new EnvFactory() {
    @Override
    public FlatEnv make(String id) {
      return EnvRegistry.make(id);
    }

    @Override
    public Map<String, ObservationPotential> potentials(String id) {
      return EnvRegistry.potentials(id);
    }
  };

  /**
   * A new instance of the env registered under {@code id}, not yet reset, with its spec's time limit
   * ({@link FlatTimeLimit}, as {@code gym.make}).
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
    return FlatTimeLimit.ofSpec(env);
  }

  /** A new instance of the env's kernel without its time limit (Gymnasium's {@code max_episode_steps=None}). */
  public static FlatEnv makeUnlimited(String id) {
    return make(id).unwrapped();
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
