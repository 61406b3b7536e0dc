package org.rewardlab.envs.text;

import java.util.List;
import org.rewardlab.core.Suggestions;
import org.rewardlab.core.UserInputException;

/**
 * The text tasks by name: {@code arith} (T-ARITH), {@code countdown}, {@code sort},
 * {@code bandit} (T-BANDIT), {@code pref} (T-PREF),
 * {@code shop} (Shop-R1's web-shop actions), {@code rank} (PageLLM's page ranking), {@code job} (job-application labels). A name's defaults are its config record's
 * {@code defaults()}; YAML configs bind to {@link TextTaskConfig} with {@code type: <name>}.
 *
 * <p>Stateless and thread-safe.
 */
public final class TextTasks {
  private static final List<String> NAMES =
      List.of(ArithTask.NAME, CountdownTask.NAME, SortTask.NAME, SequenceBandit.NAME, PrefTask.NAME, ShopTask.NAME,
          RankTask.NAME, JobTask.NAME);

  private TextTasks() {}

  /** The task names, in a fixed order. */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * The default configuration of task {@code name}.
   *
   * @throws UserInputException for an unknown name, with the closest known one and the list
   */
  public static TextTaskConfig defaults(String name) {
    String n = name == null ? "" : name.trim();
    return switch (n) {
      case ArithTask.NAME -> ArithConfig.defaults();
      case CountdownTask.NAME -> CountdownConfig.defaults();
      case SortTask.NAME -> SortConfig.defaults();
      case SequenceBandit.NAME -> BanditConfig.defaults();
      case PrefTask.NAME -> PrefConfig.defaults();
      case ShopTask.NAME -> ShopConfig.defaults();
      case RankTask.NAME -> RankConfig.defaults();
      case JobTask.NAME -> JobConfig.defaults();
      default -> throw unknown(name);
    };
  }

  /** Task {@code name} with its default configuration. */
  public static TextTask<?> make(String name) {
    return make(defaults(name));
  }

  /** The task that {@code config} describes. */
  public static TextTask<?> make(TextTaskConfig config) {
    if (config == null) throw new UserInputException("task", "no task configuration given", "write e.g. `task: {type: arith}`");
    if (config instanceof ArithConfig c) return new ArithTask(c);
    if (config instanceof CountdownConfig c) return new CountdownTask(c);
    if (config instanceof SortConfig c) return new SortTask(c);
    if (config instanceof BanditConfig c) return new SequenceBandit(c);
    if (config instanceof PrefConfig c) return new PrefTask(c);
    if (config instanceof ShopConfig c) return new ShopTask(c);
    if (config instanceof RankConfig c) return new RankTask(c);
    if (config instanceof JobConfig c) return new JobTask(c);
    throw new IllegalStateException("no task for " + config.getClass().getName() + "; add it to TextTasks.make");
  }

  private static UserInputException unknown(String name) {
    String hint = Suggestions.closest(name, NAMES).map(s -> "did you mean '" + s + "'? ").orElse("");
    return new UserInputException("task", "unknown text task '" + name + "'", hint + "use one of: " + String.join(", ", NAMES));
  }
}
