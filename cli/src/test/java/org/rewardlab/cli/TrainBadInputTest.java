package org.rewardlab.cli;

import org.rewardlab.algos.experiment.RunCheckpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.core.run.RunManifest;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.Space;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;

/**
 * Bad input to train/resume/eval: exit code 2, one {@code error:} line that names the input, no
 * stack trace, and nothing overwritten or half-written.
 */
class TrainBadInputTest {
  static final String NAN_ENV = "TrainBadInputNanReward-v0";
  static final String HUGE_ENV = "TrainBadInputHugeReward-v0";
  /** The env step (per env, counted over episodes) from which the probe's reward goes bad. */
  static final long BAD_FROM = 30;

  @TempDir Path tmp;

  /**
   * Reward 1 per step until its {@link #BAD_FROM}-th step, then {@code badReward}; observation: the
   * step within the episode, scaled; episodes of 10 steps (time limit). Checkpointable.
   */
  static final class BadRewardProbe implements FlatEnv, Checkpointable {
    private final EnvSpec spec;
    private final double badReward;
    private long steps;
    private int t;

    BadRewardProbe(EnvSpec spec, double badReward) {
      this.spec = spec;
      this.badReward = badReward;
    }

    @Override
    public EnvSpec spec() {
      return spec;
    }

    @Override
    public Box observationSpace() {
      return Box.of(new float[] {0}, new float[] {1});
    }

    @Override
    public Space<?> actionSpace() {
      return new Discrete(2);
    }

    @Override
    public void reset(long seed, float[] obs, int off) {
      reset(obs, off);
    }

    @Override
    public void reset(float[] obs, int off) {
      t = 0;
      obs[off] = 0;
    }

    @Override
    public double step(float[] action, int aOff, float[] obs, int oOff) {
      t++;
      steps++;
      obs[oOff] = t / 10f;
      return steps >= BAD_FROM ? badReward : 1.0;
    }

    @Override
    public boolean terminated() {
      return false;
    }

    @Override
    public FlatEnv copy() {
      return new BadRewardProbe(spec, badReward);
    }

    @Override
    public void saveState(StateBuffer out) {
      out.putLong(steps).putLong(t);
    }

    @Override
    public void loadState(StateBuffer in) {
      steps = in.getLong();
      t = (int) in.getLong();
    }
  }

  @BeforeAll
  static void registerProbes() {
    synchronized (EnvRegistry.class) {
      EnvSpec nan = new EnvSpec(NAN_ENV, 10, null);
      if (!EnvRegistry.has(NAN_ENV)) EnvRegistry.register(nan, () -> new BadRewardProbe(nan, Double.NaN));
      EnvSpec huge = new EnvSpec(HUGE_ENV, 10, null);
      if (!EnvRegistry.has(HUGE_ENV)) EnvRegistry.register(huge, () -> new BadRewardProbe(huge, 1e30));
    }
  }

  static final String SMALL = """
      name: bad-input
      seed: 1
      env: {id: CartPole-v1}
      algo: {type: ppo, numEnvs: 2, numSteps: 16, totalTimesteps: 128}
      run: {checkpointEvery: 2, evalEpisodes: 0}
      """;

  /** Exit 2, exactly one stderr line, an error line naming {@code names}, no stack trace. */
  private static void assertOneErrorLine(TrainCli.Outcome o, String... names) {
    assertThat(o.code()).as(o.toString()).isEqualTo(Main.BAD_INPUT);
    assertThat(o.errLines()).as(o.toString()).hasSize(1);
    assertNamedErrorWithoutTrace(o, names);
  }

  /** Exit 2, one error line (other stderr lines are progress, e.g. "run directory: ..."), no trace. */
  private static void assertNamedErrorWithoutTrace(TrainCli.Outcome o, String... names) {
    assertThat(o.code()).as(o.toString()).isEqualTo(Main.BAD_INPUT);
    assertThat(o.errorLines()).as(o.toString()).hasSize(1);
    assertThat(o.errorLines().get(0)).contains(names);
    assertThat(o.err()).doesNotContain("\tat ", "Exception", "internal");
  }

  private TrainCli.Outcome trainYaml(String name, String yaml) {
    Path file = TrainCli.write(tmp.resolve(name + ".yaml"), yaml);
    return TrainCli.run("train", file.toString(), "--out", tmp.resolve("runs").toString(), "--quiet");
  }

  private void assertNoRunWritten() {
    assertThat(TrainCli.runs(tmp.resolve("runs"))).as("a run directory was left behind").isEmpty();
  }

  @Test
  void unknownAlgorithm() {
    TrainCli.Outcome o = trainYaml("sac", SMALL.replace("seed: 1", "seed: 1\nalgo: sac"));
    assertOneErrorLine(o, "algo", "sac");
    assertNoRunWritten();
  }

  @Test
  void continuousEnvWithADiscreteHead() {
    TrainCli.Outcome o = trainYaml("head", SMALL.replace("CartPole-v1", "Pendulum-v1")
        .replace("seed: 1", "seed: 1\npolicy: {head: categorical}"));
    assertOneErrorLine(o, "policy.head", "Pendulum-v1");
    assertNoRunWritten();
  }

  @Test
  void rewardThatDoesNotFitTheEnv() {
    TrainCli.Outcome o = trainYaml("potential", SMALL + """
        reward:
          type: weighted
          terms:
            - weight: 1.0
              reward: {type: potential, name: shaping, potential: mountaincar.energy, gamma: 0.99, weight: 10.0}
        """);
    assertOneErrorLine(o, "mountaincar.energy");
    assertNoRunWritten();
  }

  @Test
  void negativeLearningRate() {
    TrainCli.Outcome o = trainYaml("lr", SMALL.replace("numEnvs: 2", "learningRate: -0.001, numEnvs: 2"));
    assertOneErrorLine(o, "learningRate", "-0.001");
    assertNoRunWritten();
  }

  @Test
  void negativeLearningRateOnTheCommandLine() {
    Path file = TrainCli.write(tmp.resolve("ok.yaml"), SMALL);
    TrainCli.Outcome o = TrainCli.run("train", file.toString(), "--out", tmp.resolve("runs").toString(), "--quiet",
        "--set", "algo.learningRate=-1");
    assertOneErrorLine(o, "learningRate");
    assertNoRunWritten();
  }

  @Test
  void unknownKey() {
    TrainCli.Outcome o = trainYaml("key", SMALL.replace("numEnvs: 2", "numEnvz: 2"));
    assertOneErrorLine(o, "numEnvz");
    assertNoRunWritten();
  }

  @Test
  void missingExperimentFile() {
    Path missing = tmp.resolve("nope.yaml");
    TrainCli.Outcome o = TrainCli.run("train", missing.toString(), "--out", tmp.resolve("runs").toString());
    assertOneErrorLine(o, "nope.yaml");
    assertNoRunWritten();
  }

  @Test
  void evalAndResumeOnADirectoryThatIsNotARun() throws Exception {
    Path notRun = Files.createDirectories(tmp.resolve("not-a-run"));
    Files.writeString(notRun.resolve("notes.txt"), "hello");
    for (String cmd : new String[] {"eval", "resume", "plot"}) {
      TrainCli.Outcome o = TrainCli.run(cmd, notRun.toString());
      assertOneErrorLine(o, "not-a-run", RunManifest.FILE_NAME);
    }
    assertThat(notRun).isDirectoryContaining(p -> p.getFileName().toString().equals("notes.txt"));
    try (var s = Files.list(notRun)) {
      assertThat(s.count()).as("nothing written into it").isEqualTo(1);
    }
    TrainCli.Outcome missing = TrainCli.run("resume", tmp.resolve("no-such-dir").toString());
    assertOneErrorLine(missing, "no-such-dir");
  }

  /** A finished small run, for the checkpoint cases. */
  private Path trainedRun() {
    TrainCli.Outcome o = trainYaml("ok", SMALL);
    assertThat(o.code()).as(o.toString()).isZero();
    return TrainCli.onlyRun(tmp.resolve("runs"));
  }

  @Test
  void runWhoseCheckpointIsMissing() throws Exception {
    Path run = trainedRun();
    Files.delete(RunCheckpoints.path(run));
    byte[] metrics = TrainCli.bytes(run.resolve(RunContext.METRICS_FILE));
    byte[] manifest = TrainCli.bytes(run.resolve(RunManifest.FILE_NAME));
    for (String cmd : new String[] {"eval", "resume"}) {
      TrainCli.Outcome o = TrainCli.run(cmd, run.toString());
      assertOneErrorLine(o, RunCheckpoints.FILE, "no checkpoint");
    }
    assertThat(TrainCli.bytes(run.resolve(RunContext.METRICS_FILE))).isEqualTo(metrics);
    assertThat(TrainCli.bytes(run.resolve(RunManifest.FILE_NAME))).isEqualTo(manifest);
  }

  @Test
  void corruptCheckpoint() throws Exception {
    Path run = trainedRun();
    Path ck = RunCheckpoints.path(run);
    byte[] bytes = TrainCli.bytes(ck);
    for (int i = bytes.length / 2; i < bytes.length / 2 + 16; i++) bytes[i] ^= 0x5A;
    Files.write(ck, bytes);
    byte[] metrics = TrainCli.bytes(run.resolve(RunContext.METRICS_FILE));
    byte[] manifest = TrainCli.bytes(run.resolve(RunManifest.FILE_NAME));
    for (String cmd : new String[] {"eval", "resume"}) {
      TrainCli.Outcome o = TrainCli.run(cmd, run.toString());
      assertOneErrorLine(o, RunCheckpoints.FILE, "corrupt");
    }
    assertThat(TrainCli.bytes(ck)).as("the corrupt checkpoint is kept as it was").isEqualTo(bytes);
    assertThat(TrainCli.bytes(run.resolve(RunContext.METRICS_FILE))).isEqualTo(metrics);
    assertThat(TrainCli.bytes(run.resolve(RunManifest.FILE_NAME))).isEqualTo(manifest);
  }

  @Test
  void checkpointThatIsNotACheckpoint() throws Exception {
    Path run = trainedRun();
    Path ck = RunCheckpoints.path(run);
    Files.writeString(ck, "{\"weights\": []}\n");
    TrainCli.Outcome o = TrainCli.run("resume", run.toString());
    assertOneErrorLine(o, RunCheckpoints.FILE);
    assertThat(TrainCli.read(ck)).isEqualTo("{\"weights\": []}\n");
  }

  /** 1 env x 8 steps, a checkpoint every 2 updates (steps 16, 32, ...): the bad step 30 is in update 4. */
  private static String probeRun(String envId) {
    return """
        name: probe
        seed: 1
        env: {id: %s}
        algo: {type: ppo, numEnvs: 1, numSteps: 8, totalTimesteps: 80, numMinibatches: 2}
        run: {checkpointEvery: 2, evalEpisodes: 0}
        """.formatted(envId);
  }

  @Test
  void nanRewardStopsTheRunNamingTheStepAndKeepsTheLastCheckpoint() {
    TrainCli.Outcome o = trainYaml("nan", probeRun(NAN_ENV));
    assertNamedErrorWithoutTrace(o, "step " + BAD_FROM, "reward", "NaN");
    Path run = TrainCli.onlyRun(tmp.resolve("runs"));
    Checkpoint ck = Checkpoints.load(RunCheckpoints.path(run));
    assertThat(RunCheckpoints.step(ck)).as("the checkpoint before the NaN").isEqualTo(16);
    assertThat(ck.floatNames()).anyMatch(n -> n.startsWith("learner.weights."));
    for (String n : ck.floatNames()) {
      for (float v : ck.floats(n)) assertThat(Float.isFinite(v)).as(n).isTrue();
    }
    // the run can be evaluated from it
    TrainCli.Outcome eval = TrainCli.run("eval", run.toString(), "--episodes", "1");
    assertThat(eval.code()).as(eval.toString()).isZero();
  }

  @Test
  void nanRewardInAShapedRewardNamesTheTerm() {
    TrainCli.Outcome o = trainYaml("nan-term", probeRun(NAN_ENV) + """
        reward:
          type: weighted
          terms:
            - weight: 1.0
              reward: {type: env, name: task}
        """);
    assertNamedErrorWithoutTrace(o, "step " + BAD_FROM, "task", "NaN");
  }

  @Test
  void overflowingLossStopsTheRunNamingTheLoss() {
    // rewards of 1e30 are finite, but the squared value error overflows float32
    TrainCli.Outcome o = trainYaml("huge", probeRun(HUGE_ENV));
    assertNamedErrorWithoutTrace(o, "step 32", "losses/");
    Path run = TrainCli.onlyRun(tmp.resolve("runs"));
    Checkpoint ck = Checkpoints.load(RunCheckpoints.path(run));
    assertThat(RunCheckpoints.step(ck)).isEqualTo(16);
    for (String n : ck.floatNames()) {
      for (float v : ck.floats(n)) assertThat(Float.isFinite(v)).as(n).isTrue();
    }
  }

  @Test
  void nanBeforeTheFirstCheckpointSaysSo() {
    TrainCli.Outcome o = trainYaml("nan-early", probeRun(NAN_ENV).replace("checkpointEvery: 2", "checkpointEvery: 100"));
    assertNamedErrorWithoutTrace(o, "step " + BAD_FROM, "before its first checkpoint");
    assertThat(o.err()).doesNotContain("is intact");
  }

  @Test
  void anExplodingLearningRateStopsTheRun() {
    TrainCli.Outcome o = trainYaml("lr-huge", SMALL.replace("numEnvs: 2", "learningRate: 1.0e10, numEnvs: 2"));
    assertNamedErrorWithoutTrace(o, "parameters", "exploded");
  }

  @Test
  void aRewardBeyondFloat32StopsTheRun() {
    TrainCli.Outcome o = trainYaml("weight-huge", SMALL.replace("CartPole-v1", "MountainCar-v0") + """
        reward:
          type: weighted
          terms:
            - weight: 1.0
              reward: {type: potential, name: shaping, potential: mountaincar.energy, weight: 1.0e308}
        """);
    assertNamedErrorWithoutTrace(o, "reward");
    assertThat(o.errorLines().get(0)).containsAnyOf("float32", "Infinity", "NaN");
  }

  @Test
  void aStartThatFailsLeavesNoRunDirectory() {
    String id = "TrainBadInputFailsOnSecondMake-v0";
    synchronized (EnvRegistry.class) {
      if (!EnvRegistry.has(id)) {
        EnvSpec spec = new EnvSpec(id, 10, null);
        int[] made = new int[1];
        EnvRegistry.register(spec, () -> {
          if (made[0]++ % 2 == 1) {
            throw new org.rewardlab.core.UserInputException("env " + id, "the simulator failed to start", "try again");
          }
          return new BadRewardProbe(spec, 1.0);
        });
      }
    }
    TrainCli.Outcome o = trainYaml("fails", SMALL.replace("CartPole-v1", id));
    assertNamedErrorWithoutTrace(o, "failed to start");
    assertNoRunWritten();
  }

  @Test
  void theOldConfigFormStillTrainsWithANote() {
    String old = """
        name: old-form
        seed: 1
        algo: ppo
        env: {id: CartPole-v1}
        ppo: {numEnvs: 2, numSteps: 16, totalTimesteps: 64}
        run: {checkpointEvery: 2, evalEpisodes: 0}
        """;
    Path file = TrainCli.write(tmp.resolve("old.yaml"), old);
    TrainCli.Outcome o = TrainCli.run("train", file.toString(), "--out", tmp.resolve("runs").toString(), "--quiet",
        "--set", "ppo.learningRate=0.001");
    assertThat(o.code()).as(o.toString()).isZero();
    assertThat(o.err()).contains("old form", "algo: {type: ppo", "--set algo.learningRate=0.001");
    String manifest = TrainCli.read(TrainCli.onlyRun(tmp.resolve("runs")).resolve(RunManifest.FILE_NAME));
    assertThat(manifest).contains("\"type\" : \"ppo\"", "\"learningRate\" : 0.001").doesNotContain("\"ppo\" :");
  }
}
