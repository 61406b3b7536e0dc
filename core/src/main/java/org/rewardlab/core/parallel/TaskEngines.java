package org.rewardlab.core.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.rewardlab.core.UserInputException;

/** Opens engines by name: {@code local} is built in, others come from {@link TaskEngineProvider}s. */
public final class TaskEngines {
  private TaskEngines() {}

  /**
   * Opens the engine called {@code name}.
   *
   * @throws UserInputException naming the engines there are, if none is called {@code name} (the
   *     {@code spark} engine is there only when the spark module is on the classpath: {@code
   *     ./rewardlab} puts it there for {@code sweep} and {@code --engine spark})
   */
  public static TaskEngine open(String name, EngineOptions options) {
    EngineOptions o = options == null ? EngineOptions.defaults() : options;
    if ("local".equals(name)) return new LocalEngine(o.resolvedThreads());
    List<String> known = new ArrayList<>(List.of("local"));
    for (TaskEngineProvider p : ServiceLoader.load(TaskEngineProvider.class)) {
      if (p.name().equals(name)) return p.open(o);
      known.add(p.name());
    }
    if ("spark".equals(name)) {
      throw new UserInputException("--engine spark", "the spark module is not on the classpath",
          "run through ./rewardlab, which builds and loads it for sweeps and --engine spark; or add"
              + " rewardlab-spark and its dependencies to the classpath");
    }
    throw new UserInputException("--engine " + UserInputException.quote(name), "no such engine",
        "choose one of " + String.join(", ", known));
  }

  /** Whether an engine called {@code name} can be opened here. */
  public static boolean available(String name) {
    if ("local".equals(name)) return true;
    for (TaskEngineProvider p : ServiceLoader.load(TaskEngineProvider.class)) {
      if (p.name().equals(name)) return true;
    }
    return false;
  }
}
