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
 * picocli's {@link ParameterException}) prints one {@code error: ...} line and exits 2; anything else
 * is a bug: {@code error: internal: ...} and exit 1. Stack traces only with {@code --debug}.
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
    err.println("error: " + describe(ex, cl) + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
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
      String message = "unknown command '" + unmatched.getUnmatched().get(0) + "'";
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

  private void trace(PrintWriter err, Exception ex) {
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

  private static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
