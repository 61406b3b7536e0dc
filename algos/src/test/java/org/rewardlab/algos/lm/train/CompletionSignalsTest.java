package org.rewardlab.algos.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.text.AnswerFormat;
import org.rewardlab.envs.text.ArithConfig;
import org.rewardlab.envs.text.ArithOp;
import org.rewardlab.envs.text.ArithProblem;
import org.rewardlab.envs.text.ArithTask;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.PrefConfig;
import org.rewardlab.envs.text.PrefProblem;
import org.rewardlab.envs.text.PrefTask;

/** The synthetic reward models that GRPO runs attach as completion signals: step_prm and pref_proxy. */
class CompletionSignalsTest {
  @TempDir Path tmp;

  private static Map<String, Double> signals;
  private static Map<String, double[]> sequences;

  private static void attach(CompletionSignalSpec.Source s, Completion c) {
    signals = new HashMap<>();
    sequences = new HashMap<>();
    s.attach(c, c.verdict(), signals, sequences);
  }

  @Test
  void stepPrmPaysEveryRightStepRepeatsIncluded() {
    ArithTask task = new ArithTask(new ArithConfig(List.of(2), List.of(ArithOp.ADD), AnswerFormat.PLAIN, true));
    ArithProblem p = new ArithProblem(12, 34, ArithOp.ADD, 2, AnswerFormat.PLAIN, true);
    CompletionSignalSpec.Source prm = StepPrm.defaults().create(task);
    attach(prm, new Completion(p, p.answer())); // 2+4+10+30=6+40=46: two right steps
    assertThat(sequences.get("prm")).containsExactly(0.3, 0.3);
    assertThat(signals.get("prm.total")).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-12));
    // the exploit: repeating a right step pays again; a wrong step pays nothing
    attach(prm, new Completion(p, "2+4+10+30=6+40=6+40=6+40=46"));
    assertThat(sequences.get("prm")).containsExactly(0.3, 0.3, 0.3, 0.3);
    attach(prm, new Completion(p, "2+4=6+40=46"));
    assertThat(sequences.get("prm")).containsExactly(0.0, 0.3);
    attach(prm, new Completion(p, "46"));
    assertThat(sequences.get("prm")).isEmpty();
    assertThat(signals.get("prm.total")).isEqualTo(0.0);
    // custom scores and names
    attach(new StepPrm(1.0, -0.5, "steps", "steps.sum").create(task), new Completion(p, "2+4=6+40=46"));
    assertThat(sequences.get("steps")).containsExactly(-0.5, 1.0);
    assertThat(signals.get("steps.sum")).isEqualTo(0.5);
    // only scratchpad arithmetic
    assertThatThrownBy(() -> StepPrm.defaults().create(new ArithTask(ArithConfig.defaults())))
        .isInstanceOf(UserInputException.class).hasMessageContaining("without a scratchpad");
    assertThatThrownBy(() -> StepPrm.defaults().create(new PrefTask(PrefConfig.defaults())))
        .isInstanceOf(UserInputException.class).hasMessageContaining("pref");
  }

  @Test
  void prefProxyOverpaysTargetsBeyondTheCapWhileGoldFalls() {
    PrefTask task = new PrefTask(PrefConfig.defaults());
    PrefProblem p = task.problem('a');
    CompletionSignalSpec.Source rm = PrefProxyRm.defaults().create(task);
    String best = p.answer();
    attach(rm, new Completion(p, best));
    assertThat(signals.get("rm")).isEqualTo(3.0);
    assertThat(sequences.get("references")).containsExactly(3.0);
    // more targets: the proxy keeps rising, the gold (the verdict's score) falls
    double lastProxy = 3.0;
    double lastGold = p.verify(best).score();
    for (String y : List.of("ababababa".substring(0, 7), "abaaaba", "aaaaaaaa")) {
      attach(rm, new Completion(p, y));
      assertThat(signals.get("rm")).isGreaterThan(lastProxy);
      assertThat(p.verify(y).score()).isLessThan(lastGold);
      lastProxy = signals.get("rm");
      lastGold = p.verify(y).score();
    }
    attach(rm, new Completion(p, "a:a"));
    assertThat(signals.get("rm")).as("not a valid response").isEqualTo(0.0);
    assertThatThrownBy(() -> PrefProxyRm.defaults().create(new ArithTask(ArithConfig.defaults())))
        .isInstanceOf(UserInputException.class).hasMessageContaining("T-PREF");
  }

  @Test
  void aRunAttachesTheSignalsForItsSpecAndBadConfigsAreNamed() throws Exception {
    String yaml = """
        name: pref-rm
        seed: 2
        algo:
          type: grpo
          task: {type: pref, symbols: abcdef}
          model: {layers: 1, dModel: 16, heads: 2, contextLength: 0}
          warmStart: {steps: 4, batchSize: 8}
          steps: 3
          promptsPerStep: 2
          groupSize: 4
          eval: {testSize: 2, every: 0, samples: 1}
          signals: [{type: pref_proxy}]
        reward: {type: par, reward: {type: completion, signal: rm}}
        run: {checkpointEvery: 100, evalEpisodes: 0}
        """;
    ExperimentSpec spec = ExperimentSpecs.read(yaml);
    assertThat(ExperimentSpecs.read(ExperimentSpecs.toJson(spec))).isEqualTo(spec);
    Path run = LmTrainerTest.train(yaml, tmp.resolve("run"), 0);
    String m = Files.readString(run.resolve(RunContext.METRICS_FILE));
    assertThat(m).contains("\"reward/rm\"", "\"reward/par\"", "\"gold/reward\"");
    // without signals the config is written as before
    assertThat(ExperimentSpecs.toJson(ExperimentSpecs.read(LmTrainerTest.TINY))).doesNotContain("signals");
    ExperimentSpec noSpec = ExperimentSpecs.read(yaml.replace("reward: {type: par, reward: {type: completion, signal: rm}}\n", ""));
    assertThatThrownBy(() -> Algorithms.of(noSpec).validate(noSpec, EnvRegistry.standard()))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.signals").hasMessageContaining("nothing reads them");
    ExperimentSpec wrongTask = ExperimentSpecs.read(yaml.replace("type: pref_proxy", "type: step_prm"));
    assertThatThrownBy(() -> Algorithms.of(wrongTask).validate(wrongTask, EnvRegistry.standard()))
        .isInstanceOf(UserInputException.class).satisfies(e ->
            assertThat(((UserInputException) e).where()).isEqualTo("algo.signals.0.type"));
    assertThatThrownBy(() -> ExperimentSpecs.read(yaml.replace("type: pref_proxy", "type: pref_proxi")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.signals.0");
  }
}
