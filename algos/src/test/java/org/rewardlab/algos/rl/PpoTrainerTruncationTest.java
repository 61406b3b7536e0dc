package org.rewardlab.algos.rl;

import org.rewardlab.algos.experiment.TrainListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.core.env.EnvSpec;
import org.rewardlab.core.env.FlatEnv;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.core.space.Box;
import org.rewardlab.core.space.Discrete;
import org.rewardlab.core.space.Space;
import org.rewardlab.envs.EnvRegistry;

/**
 * Time-limit truncation in the collector: with {@code truncationAsTermination: false} (SB3) a
 * truncated step's reward is bootstrapped with γ·V(final observation); with {@code true} (CleanRL)
 * it is not. Checked on a probe env whose observation never changes, so V(final obs) equals the value
 * the rollout recorded at every step, and whose episodes are cut by a 5-step time limit, never
 * terminated.
 */
class PpoTrainerTruncationTest {
  static final String PROBE_ID = "PpoTrainerTruncationProbe-v0";
  static final int LIMIT = 5;
  static final double GAMMA = 0.99;

  @TempDir Path tmp;

  /** Reward 1 every step, a constant observation, never terminates; the spec's limit truncates. */
  static final class ConstantProbe implements FlatEnv {
    static final EnvSpec SPEC = new EnvSpec(PROBE_ID, LIMIT, null);

    @Override
    public EnvSpec spec() {
      return SPEC;
    }

    @Override
    public Box observationSpace() {
      return Box.of(new float[] {-1, -1}, new float[] {1, 1});
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
      obs[off] = 0.5f;
      obs[off + 1] = -0.25f;
    }

    @Override
    public double step(float[] action, int aOff, float[] obs, int oOff) {
      reset(obs, oOff);
      return 1.0;
    }

    @Override
    public boolean terminated() {
      return false;
    }

    @Override
    public FlatEnv copy() {
      return new ConstantProbe();
    }
  }

  @BeforeAll
  static void register() {
    synchronized (EnvRegistry.class) {
      if (!EnvRegistry.has(PROBE_ID)) EnvRegistry.register(ConstantProbe.SPEC, ConstantProbe::new);
    }
  }

  /** One rollout of 2 envs x 16 steps (truncations after steps 5, 10, 15), then its buffer. */
  private RolloutBuffer oneRollout(boolean truncationAsTermination, String dir) {
    ExperimentSpec spec = PpoTrainerRuns.spec("""
        name: truncation
        seed: 11
        env: {id: %s}
        algo: {type: ppo, numEnvs: 2, numSteps: 16, totalTimesteps: 64, gamma: %s, truncationAsTermination: %s}
        run: {checkpointEvery: 10, evalEpisodes: 0}
        """.formatted(PROBE_ID, GAMMA, truncationAsTermination));
    RunContext ctx = RunContext.create(tmp.resolve(dir), spec.name(), spec.seed(), spec);
    try (ctx; PpoTrainer t = PpoTrainer.start(spec, ctx, EnvRegistry.standard())) {
      t.train(TrainListener.none(), 1);
      RolloutBuffer b = t.lastRollout();
      RolloutBuffer copy = new RolloutBuffer(b.numSteps, b.numEnvs, b.obsSize, b.actSize);
      System.arraycopy(b.rewards, 0, copy.rewards, 0, b.rewards.length);
      System.arraycopy(b.values, 0, copy.values, 0, b.values.length);
      System.arraycopy(b.dones, 0, copy.dones, 0, b.dones.length);
      System.arraycopy(b.advantages, 0, copy.advantages, 0, b.advantages.length);
      return copy;
    }
  }

  private static boolean truncatedAt(int t) {
    return (t + 1) % LIMIT == 0;
  }

  @Test
  void bootstrapsTruncatedStepsWithTheValueOfTheFinalObservation() {
    RolloutBuffer b = oneRollout(false, "sb3");
    for (int t = 0; t < b.numSteps; t++) {
      for (int i = 0; i < b.numEnvs; i++) {
        int k = b.index(t, i);
        if (truncatedAt(t)) {
          // the final observation equals every observation, so V(final obs) is the recorded value
          assertThat(b.rewards[k]).as("reward at truncated step t=%d", t)
              .isEqualTo((float) (1.0 + GAMMA * b.values[k]));
          assertThat(b.advantages[k]).as("advantage at truncated step t=%d", t)
              .isCloseTo((float) (1.0 + GAMMA * b.values[k] - b.values[k]), within(1e-5f));
        } else {
          assertThat(b.rewards[k]).as("reward at t=%d", t).isEqualTo(1f);
        }
      }
    }
    assertThat(b.values[0]).as("a bootstrap of 0 would make the check vacuous").isNotZero();
  }

  @Test
  void truncationAsTerminationDoesNotBootstrap() {
    RolloutBuffer b = oneRollout(true, "cleanrl");
    for (int t = 0; t < b.numSteps; t++) {
      for (int i = 0; i < b.numEnvs; i++) {
        int k = b.index(t, i);
        assertThat(b.rewards[k]).as("reward at t=%d", t).isEqualTo(1f);
        if (truncatedAt(t)) {
          assertThat(b.advantages[k]).as("advantage at truncated step t=%d", t)
              .isCloseTo(1f - b.values[k], within(1e-5f));
        }
      }
    }
  }

  @Test
  void theTwoSettingsDifferExactlyAtTruncatedSteps() {
    RolloutBuffer sb3 = oneRollout(false, "a");
    RolloutBuffer cleanrl = oneRollout(true, "b");
    assertThat(sb3.values).as("same seed, same policy").containsExactly(cleanrl.values);
    assertThat(sb3.dones).as("episode boundaries are the same").containsExactly(cleanrl.dones);
    for (int t = 0; t < sb3.numSteps; t++) {
      for (int i = 0; i < sb3.numEnvs; i++) {
        int k = sb3.index(t, i);
        if (truncatedAt(t)) {
          assertThat(sb3.rewards[k] - cleanrl.rewards[k]).as("t=%d", t)
              .isCloseTo((float) (GAMMA * sb3.values[k]), within(1e-6f));
        } else {
          assertThat(sb3.rewards[k]).as("t=%d", t).isEqualTo(cleanrl.rewards[k]);
        }
      }
    }
  }
}
