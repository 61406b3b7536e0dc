package org.rewardlab.cli;

import java.io.PrintWriter;
import java.util.List;
import org.rewardlab.core.UserInputException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * The one place where errors become output and exit codes: bad input ({@link UserInputException},
 * picocli's {@link ParameterException}) prints one {@code error: ...} line and exits 2; running out of
 * memory is taken as input too large for the heap (sizes in the config) and exits 2 as well, with
 * the way out; anything else is a bug: {@code error: internal: ...} and exit 1. Stack traces only
 * with {@code --debug}. Every message is printed as exactly one line of bounded length: line breaks
 * and other control characters in it are escaped and long values cut
 * ({@link UserInputException#bounded}).
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final boolean debug;

  ErrorHandler(boolean debug) {
    this.debug = debug;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("error: " + oneLine(describe(ex, cl)) + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
    trace(err, ex);
    return Main.BAD_INPUT;
  }

  /** Picocli's message, except for a mistyped command, which gets its name and the nearest commands. */
  private static String describe(ParameterException ex, CommandLine cl) {
    if (ex instanceof UnmatchedArgumentException unmatched
        && !cl.getSubcommands().isEmpty()
        && cl.getCommandSpec().positionalParameters().isEmpty()
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      String message = "unknown command " + UserInputException.quote(unmatched.getUnmatched().get(0));
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        message += "; did you mean " + String.join(" or ", suggestions.stream().map(s -> "'" + s + "'").toList()) + "?";
      } else {
        message += "; the commands are " + String.join(", ", cl.getSubcommands().keySet());
      }
      return message;
    }
    return oneLine(ex.getMessage());
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    PrintWriter err = cl.getErr();
    OutOfMemoryError oom = causeOfType(ex, OutOfMemoryError.class);
    if (oom != null) {
      return outOfMemory(err, oom);
    }
    UserInputException user = causeOfType(ex, UserInputException.class);
    if (user != null) {
      err.println("error: " + oneLine(user.getMessage()));
      trace(err, ex);
      return Main.BAD_INPUT;
    }
    ParameterException param = causeOfType(ex, ParameterException.class);
    if (param != null) {
      return handleParseException(param, parsed.originalArgs().toArray(new String[0]));
    }
    String message = ex.getMessage() == null ? ex.getClass().getName() : oneLine(ex.getMessage());
    if (debug) {
      err.println("error: internal: " + message);
      ex.printStackTrace(err);
    } else {
      err.println("error: internal: " + message + " (" + ex.getClass().getSimpleName()
          + "; rerun with --debug for the stack trace)");
    }
    return Main.INTERNAL_ERROR;
  }

  /**
   * The last line of defence against sizes too large for the heap (a window, a network, a number of
   * envs): one line that says what to lower or how to raise the heap, and exit 2.
   */
  int outOfMemory(PrintWriter err, OutOfMemoryError e) {
    // what the failed allocation held is unreachable now: printing one line fits in what is left
    err.println("error: out of memory (" + oneLine(String.valueOf(e.getMessage())) + ", maximum heap "
        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB): the input asks for more memory than the JVM has"
        + " (lower the sizes in the config, e.g. numEnvs, numSteps, hiddenSizes or run.smoothWindow,"
        + " or raise the heap, e.g. JAVA_OPTS=\"-Xmx8g\" ./rewardlab ...)");
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return Main.BAD_INPUT;
  }

  private void trace(PrintWriter err, Throwable ex) {
    if (debug) {
      ex.printStackTrace(err);
    }
  }

  private static <T extends Throwable> T causeOfType(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  /** The message on one line of bounded length: control characters escaped, long values cut. */
  static String oneLine(String message) {
    return message == null ? "" : UserInputException.bounded(message.strip());
  }
}
