package org.rewardlab.cli;

import java.util.concurrent.Callable;
import org.rewardlab.repro.ReproRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top command, {@code rewardlab}: holds the global options; the work is in the subcommands. */
@Command(
    name = "rewardlab",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = VersionInfo.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Reward engineering on the JVM: specify, learn, audit and optimize rewards.",
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  success",
        "  1  internal error (a bug: rerun with --debug and report the stack trace)",
        "  2  bad input (unknown command or option, bad argument, config or id)"})
final class RewardLabCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean debug;

  private final ReproRegistry registry;

  RewardLabCommand(ReproRegistry registry) {
    this.registry = registry;
  }

  /** The papers and reproductions the repro commands work on. */
  ReproRegistry registry() {
    return registry;
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "missing command: choose one of " + String.join(", ", spec.subcommands().keySet()));
  }
}
