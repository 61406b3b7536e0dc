package org.rewardlab.core.parallel;

/**
 * Makes an engine by name; registered with a line in {@code
 * META-INF/services/org.rewardlab.core.parallel.TaskEngineProvider} (the {@code spark} module
 * registers {@code spark}). {@code local} is built in.
 */
public interface TaskEngineProvider {
  /** The {@code --engine} name. */
  String name();

  /**
   * Opens the engine.
   *
   * @throws org.rewardlab.core.UserInputException where the options cannot work (an unreachable
   *     master, a bad URL), in one line naming the option and the fix
   */
  TaskEngine open(EngineOptions options);
}
