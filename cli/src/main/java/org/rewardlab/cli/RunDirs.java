package org.rewardlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rewardlab.algos.rl.PpoTrainer;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.RunManifest;
import org.rewardlab.nn.Checkpoint;
import org.rewardlab.nn.Checkpoints;

/** Checks that a path is a run directory and loads its checkpoint, with messages that say what to do. */
final class RunDirs {
  private RunDirs() {}

  static void requireRunDir(Path runDir) {
    if (!Files.isDirectory(runDir) || !Files.isRegularFile(runDir.resolve(RunManifest.FILE_NAME))) {
      throw new UserInputException(runDir.toString(), "not a run directory (no " + RunManifest.FILE_NAME + ")",
          "give a directory written by `rewardlab train`, e.g. runs/cartpole-ppo-<time>");
    }
  }

  static Checkpoint checkpoint(Path runDir) {
    requireRunDir(runDir);
    Path ck = PpoTrainer.checkpointPath(runDir);
    if (!Files.isRegularFile(ck)) {
      throw new UserInputException(ck.toString(), "the run has no checkpoint yet",
          "a run writes one every run.checkpointEvery updates; start it again with `rewardlab train`");
    }
    return Checkpoints.load(ck);
  }
}
