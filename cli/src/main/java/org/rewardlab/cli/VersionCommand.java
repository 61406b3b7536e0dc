package org.rewardlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rewardlab version}: versions of RewardLab, its commit, Java, the OS and DJL. */
@Command(name = "version", description = "Print the versions of RewardLab, Java, the OS and DJL.")
final class VersionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    for (String line : VersionInfo.lines()) {
      spec.commandLine().getOut().println(line);
    }
    return Main.OK;
  }
}
