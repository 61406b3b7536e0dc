package org.rewardlab.algos.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.core.run.RunManifest;

/**
 * What every algorithm's checkpoint holds besides its own typed layout: the progress step and the
 * iterations done (counters under fixed names) and, as the checkpoint's JSON, an envelope
 * {@code {"layout": "<algo>/<version>", "experiment": {...}}}; and where a run keeps its
 * checkpoint. The CLI reads only these, so it never needs an algorithm's layout.
 */
public final class RunCheckpoints {
  /** The checkpoint file inside {@code checkpoints/}. */
  public static final String FILE = "latest.ckpt";
  /** Counter: progress units done. */
  public static final String STEP = "run.step";
  /** Counter: iterations done. */
  public static final String ITERATION = "run.iteration";

  private RunCheckpoints() {}

  /** The path of a run's checkpoint. */
  public static Path path(Path runDir) {
    return runDir.resolve(RunContext.CHECKPOINTS_DIR).resolve(FILE);
  }

  /** Whether a run directory has a checkpoint. */
  public static boolean exists(Path runDir) {
    return Files.isRegularFile(path(runDir));
  }

  /**
   * Starts a checkpoint with the shared entries.
   *
   * @param layout the algorithm's layout name and version, e.g. {@code ppo/2}
   */
  public static Checkpoint.Builder builder(ExperimentSpec experiment, String layout, long step, int iteration) {
    Checkpoint.Builder b = Checkpoint.builder();
    b.counter(STEP, step);
    b.counter(ITERATION, iteration);
    com.fasterxml.jackson.databind.node.ObjectNode env = org.rewardlab.core.config.Configs.jsonMapper().createObjectNode();
    env.put("layout", layout);
    env.set("experiment", ExperimentSpecs.toJsonTree(experiment));
    b.json(env.toString());
    return b;
  }

  /**
   * Checks that a checkpoint was written with {@code layout}.
   *
   * @throws UserInputException if it was written by another algorithm or an older layout
   */
  public static void requireLayout(Checkpoint ck, String layout) {
    String got = envelope(ck).path("layout").asText("none recorded");
    if (!got.equals(layout)) {
      throw new UserInputException("checkpoint", "it was written in layout " + got + ", this version reads " + layout,
          "it comes from another RewardLab version; start a new run with `rewardlab train`");
    }
  }

  /** The progress step stored in a checkpoint. */
  public static long step(Checkpoint ck) {
    return ck.counter(STEP);
  }

  /** The iterations done stored in a checkpoint. */
  public static int iteration(Checkpoint ck) {
    return (int) ck.counter(ITERATION);
  }

  /** The experiment stored in a checkpoint. */
  public static ExperimentSpec experiment(Checkpoint ck) {
    return ExperimentSpecs.fromTree(envelope(ck).path("experiment"), "checkpoint");
  }

  /**
   * The checkpoint of a run directory.
   *
   * @throws UserInputException if {@code runDir} is not a run directory, has no checkpoint yet, or
   *     the checkpoint is corrupt or from an older layout
   */
  public static Checkpoint load(Path runDir) {
    RunManifest.read(runDir);
    Path ck = path(runDir);
    if (!Files.isRegularFile(ck)) {
      throw new UserInputException(ck.toString(), "the run has no checkpoint yet",
          "a run writes one every run.checkpointEvery iterations; start it again with `rewardlab train`");
    }
    Checkpoint c = Checkpoints.load(ck);
    if (!c.counterNames().contains(STEP)) {
      throw new UserInputException(ck.toString(), "the checkpoint was written by an older RewardLab version",
          "start a new run with `rewardlab train`");
    }
    return c;
  }

  private static com.fasterxml.jackson.databind.JsonNode envelope(Checkpoint ck) {
    try {
      com.fasterxml.jackson.databind.JsonNode n = org.rewardlab.core.config.Configs.jsonMapper().readTree(ck.json());
      if (n != null && n.isObject() && n.has("experiment")) return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // reported below
    }
    throw new UserInputException("checkpoint", "it holds no experiment this version can read",
        "it comes from another RewardLab version; start a new run with `rewardlab train`");
  }
}
