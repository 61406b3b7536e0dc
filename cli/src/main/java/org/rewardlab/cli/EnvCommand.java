package org.rewardlab.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.envs.EnvChecker;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.server.EnvServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rewardlab env list|serve|check}. */
@Command(
    name = "env",
    description = "List, check and serve environments.",
    subcommands = {EnvCommand.ListEnvs.class, EnvCommand.Serve.class, EnvCommand.Check.class})
final class EnvCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.OK;
  }

  /** {@code env list}. */
  @Command(name = "list", description = "List the registered environments (Gymnasium ids).")
  static final class ListEnvs implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-28s %-18s %-24s %10s %10s%n", "id", "observation", "action", "max steps", "threshold");
      for (String id : EnvRegistry.ids()) {
        FlatEnv env = EnvRegistry.make(id);
        EnvSpec s = env.spec();
        out.printf("%-28s %-18s %-24s %10s %10s%n", id, "Box(" + env.observationSize() + ")",
            describe(env), s.maxEpisodeSteps() == 0 ? "-" : Integer.toString(s.maxEpisodeSteps()),
            s.rewardThreshold() == null ? "-" : s.rewardThreshold().toString());
      }
      return Main.OK;
    }

    private static String describe(FlatEnv env) {
      return env.actionSpace() instanceof org.rewardlab.core.space.Discrete d
          ? "Discrete(" + d.n() + ")"
          : "Box(" + env.actionSize() + ")";
    }
  }

  /** {@code env serve --env ID}. */
  @Command(
      name = "serve",
      description = {
        "Serve an environment over JSON lines on stdin/stdout (protocol: docs/env-server.md).",
        "Requests: {\"op\":\"spec\"}, {\"op\":\"reset\",\"seed\":N}, {\"op\":\"step\",\"action\":A},",
        "{\"op\":\"set_state\",\"state\":[...]}, {\"op\":\"close\"}."
      })
  static final class Serve implements Callable<Integer> {
    @Option(names = "--env", required = true, paramLabel = "ID", description = "Environment id, e.g. CartPole-v1.")
    String envId;

    @Override
    public Integer call() throws Exception {
      EnvServer server = new EnvServer(envId);
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
      server.serve(in, out);
      out.flush();
      return Main.OK;
    }
  }

  /** {@code env check --env ID}. */
  @Command(name = "check", description = "Check an environment against the API contract (the idea of SB3's check_env).")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ID", description = "Environment id.")
    String envId;

    @Option(names = "--seed", description = "Seed of the checks (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Override
    public Integer call() {
      FlatEnv env = EnvRegistry.make(envId);
      List<String> warnings;
      try {
        warnings = EnvChecker.check(env, seed);
      } catch (IllegalStateException e) {
        throw new UserInputException(envId, "fails the env check: " + e.getMessage(), "fix the environment's implementation");
      }
      PrintWriter out = spec.commandLine().getOut();
      for (String w : warnings) out.println("warning: " + w);
      out.println(envId + ": ok" + (warnings.isEmpty() ? "" : " (" + warnings.size() + " warnings)"));
      return Main.OK;
    }
  }
}
