package org.rewardlab.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.rewardlab.repro.ReproRegistry;
import picocli.CommandLine;

/**
 * Entry point of the {@code rewardlab} command.
 *
 * <p>Adding a command is one line in {@link #SUBCOMMANDS}: a picocli {@code @Command} class that
 * implements {@code Callable<Integer>} (the exit code). Commands print through {@code
 * spec.commandLine().getOut()} / {@code getErr()} (inject {@code @Spec CommandSpec spec}) so tests can
 * capture them, and signal bad input by throwing {@link org.rewardlab.core.UserInputException}:
 * {@link ErrorHandler} turns it into one {@code error: ...} line and exit code 2. Every command
 * inherits {@code --help}, {@code --version} and {@code --debug}.
 */
public final class Main {
  /** The subcommands of {@code rewardlab}, in the order the help lists them. */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      TrainCommand.class,
      EvalCommand.class,
      ResumeCommand.class,
      GenerateCommand.class,
      PlotCommand.class,
      RewardCommand.class,
      EnvCommand.class,
      BenchCommand.class,
      ReproCommand.class,
      ConformanceCommand.class,
      VersionCommand.class,
      RmCommand.class,
      SweepCommand.class);

  /** Exit code of a successful command. */
  public static final int OK = 0;
  /** Exit code of an internal error (a bug): the message, and a stack trace with --debug. */
  public static final int INTERNAL_ERROR = 1;
  /** Exit code of bad input (unknown option, missing argument, bad config or id). */
  public static final int BAD_INPUT = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs {@code rewardlab args...} on stdout/stderr (UTF-8) and returns the exit code. */
  public static int run(String... args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    return run(out, err, args);
  }

  /** Runs {@code rewardlab args...} printing to the given writers; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(ReproRegistry.standard(), out, err, args);
  }

  /** As {@link #run(PrintWriter, PrintWriter, String...)} with a given repro registry (for tests). */
  static int run(ReproRegistry registry, PrintWriter out, PrintWriter err, String... args) {
    return execute(commandLine(registry), out, err, args);
  }

  /**
   * Runs {@code cl} on {@code args} with the error handling of every command: one {@code error:} line
   * and exit 2 for bad input (an {@link OutOfMemoryError} included), exit 1 for a bug.
   */
  static int execute(CommandLine cl, PrintWriter out, PrintWriter err, String... args) {
    cl.setOut(out);
    cl.setErr(err);
    // Scanned from the raw arguments so that even a parse failure honours --debug.
    ErrorHandler handler = new ErrorHandler(Arrays.asList(args).contains("--debug"));
    cl.setExecutionExceptionHandler(handler);
    cl.setParameterExceptionHandler(handler);
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      // picocli passes Errors through; a heap too small for the config's sizes is still bad input
      return handler.outOfMemory(err, e);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The full command tree over {@code registry}. */
  static CommandLine commandLine(ReproRegistry registry) {
    CommandLine cl = new CommandLine(new RewardLabCommand(registry));
    for (Class<?> sub : SUBCOMMANDS) {
      cl.addSubcommand(sub);
    }
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }
}
