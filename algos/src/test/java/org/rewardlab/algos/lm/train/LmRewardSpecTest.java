package org.rewardlab.algos.lm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.algos.experiment.RunCheckpoints;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.RunContext;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.envs.text.ArithConfig;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.PrefConfig;
import org.rewardlab.envs.text.PrefTask;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.TextTasks;
import org.rewardlab.envs.text.Verdict;
import org.rewardlab.reward.spec.RewardSpec;

/** LM runs scored by an experiment's {@code reward:} spec: same numbers as the built-in reward, terms, gold, resume, errors. */
class LmRewardSpecTest {
  @TempDir Path tmp;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The metrics lines without the reward keys (which name the terms) and without timings. */
  private static List<String> withoutRewardKeys(Path run) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve(RunContext.METRICS_FILE))) {
      ObjectNode n = (ObjectNode) JSON.readTree(line);
      ObjectNode kept = JSON.createObjectNode();
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!k.startsWith("reward/") && !k.startsWith("proxy/") && !k.startsWith("gold/")) kept.set(k, n.get(k));
      }
      out.add(kept.toString());
    }
    return out;
  }

  private static String withReward(String reward) {
    return LmTrainerTest.TINY.replace("run: {", reward + "\nrun: {");
  }

  @Test
  void theTaskTermTrainsExactlyLikeTheBuiltInReward() throws Exception {
    Path plain = LmTrainerTest.train(LmTrainerTest.TINY, tmp.resolve("plain"), 0);
    Path task = LmTrainerTest.train(withReward("reward: {type: task}"), tmp.resolve("task"), 0);
    assertThat(withoutRewardKeys(task)).isEqualTo(withoutRewardKeys(plain));
    String m = Files.readString(task.resolve(RunContext.METRICS_FILE));
    assertThat(m).contains("\"reward/task\"", "\"proxy/reward\"", "\"gold/reward\"").doesNotContain("reward/correct");
    // the same weights as the built-in reward, the trained model is the same bit for bit
    var a = RunCheckpoints.load(plain);
    var b = RunCheckpoints.load(task);
    for (String name : a.floatNames()) assertThat(b.floats(name)).as(name).isEqualTo(a.floats(name));
  }

  @Test
  void aComposedStatefulSpecLogsItsTermsAndResumesBitForBit() throws Exception {
    String yaml = withReward("""
        reward:
          type: normalize
          name: norm
          reward:
            type: weighted
            terms:
              - reward: {type: task}
              - reward: {type: length_penalty, coef: 0.05, free: 1}
              - reward: {type: bonus, amount: 0.1, on: terminated, name: ended}
        """);
    Path a = LmTrainerTest.train(yaml, tmp.resolve("a"), 0);
    Path c = LmTrainerTest.train(yaml, tmp.resolve("c"), 8); // killed inside GRPO, after the checkpoint at 6
    String metrics = Files.readString(a.resolve(RunContext.METRICS_FILE));
    assertThat(metrics).contains("\"reward/task\"", "\"reward/length_penalty\"", "\"reward/ended\"", "\"reward/norm\"",
        "\"proxy/reward\"", "\"gold/reward\"");
    assertThat(Files.readString(c.resolve(RunContext.METRICS_FILE))).isEqualTo(metrics);
    assertThat(Files.readAllBytes(RunCheckpoints.path(c))).isEqualTo(Files.readAllBytes(RunCheckpoints.path(a)));
    assertThat(RunCheckpoints.load(a).longNames()).contains("reward.state");
    // the terms add up to the trained reward on every GRPO record
    for (String line : Files.readAllLines(a.resolve(RunContext.METRICS_FILE))) {
      JsonNode n = JSON.readTree(line);
      if (!n.has("reward/task")) continue;
      double sum = 0;
      for (String t : List.of("task", "length_penalty", "ended", "norm")) sum += n.get("reward/" + t).asDouble();
      assertThat(sum).isCloseTo(n.get("charts/reward").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
      assertThat(n.get("proxy/reward").asDouble()).isCloseTo(n.get("charts/reward").asDouble(), org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void scoresGroupsWithSignalsAndReportsTheTasksGoldScore() {
    PrefTask pref = (PrefTask) TextTasks.make(PrefConfig.defaults());
    Problem p = pref.problem('a');
    // gold: "aba" has 2 targets (utility 2), "aaaaa" 5 (3 − 2 excess − 4·0.5 repeats = −1), "b" 0
    List<Completion> cs = List.of(new Completion(p, "aba"), new Completion(p, "aaaaa"), new Completion(p, "b"),
        new Completion(p, "aaa", false));
    Verdict[] v = cs.stream().map(Completion::verdict).toArray(Verdict[]::new);
    LmReward r = new LmReward(ExperimentSpecs.read(
        "algo: {type: grpo, task: {type: pref}}\nreward: {type: completion, field: score, name: rm}").reward());
    LmReward.Scores s = r.score(cs, v, new int[] {4, 6, 2, 3}, 2, 0.5);
    assertThat(s.rewards()).containsExactly(2.0, -1.0, 0.0, pref.utility('a', "aaa"));
    assertThat(s.goldMean()).isEqualTo((2.0 - 1.0 + 0.0 + pref.utility('a', "aaa")) / 4);

    // group statistics: lengths without <eos>, accuracy over the group, progress
    ArithConfig ac = new ArithConfig(List.of(1), List.of(org.rewardlab.envs.text.ArithOp.ADD),
        org.rewardlab.envs.text.AnswerFormat.PLAIN, false);
    var arith = TextTasks.make(ac);
    Problem q = arith.sample(org.rewardlab.core.random.RandomSource.of(1));
    String right = q.answer();
    List<Completion> group = List.of(new Completion(q, right), new Completion(q, right + "0"), new Completion(q, right),
        new Completion(q, right, false));
    Verdict[] gv = group.stream().map(Completion::verdict).toArray(Verdict[]::new);
    RewardSpec spec = ExperimentSpecs.read("""
        algo: {type: grpo, task: {type: arith}}
        reward:
          type: weighted
          terms:
            - reward: {type: completion, signal: group.accuracy, name: acc}
            - reward: {type: completion, signal: group.correct_length_mean, name: mu}
            - reward: {type: completion, signal: train.progress, name: p}
        """).reward();
    LmReward g = new LmReward(spec);
    int len = right.length();
    LmReward.Scores gs = g.score(group, gv, new int[] {len + 1, len + 2, len + 1, len}, 4, 0.25);
    // 2 of 4 correct (the unfinished one is not), their mean length is len
    assertThat(gs.rewards()[0]).isEqualTo(0.5 + len + 0.25);
    assertThat(gs.termSums()).containsExactly(4 * 0.5, 4.0 * len, 4 * 0.25);
  }

  /** Every experiment of docs/lm.md with a {@code reward:} section reads, validates and scores completions. */
  @Test
  void theDocsExamplesReadAndBuild() throws Exception {
    String doc = Files.readString(Path.of("../docs/lm.md"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("```yaml\\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(doc);
    int n = 0;
    while (m.find()) {
      if (!m.group(1).contains("\nreward:")) continue;
      ExperimentSpec spec = ExperimentSpecs.read(m.group(1));
      Algorithms.of(spec).validate(spec, EnvRegistry.standard());
      assertThat(new LmReward(spec.reward()).termNames()).isNotEmpty();
      n++;
    }
    assertThat(n).as("docs/lm.md experiments with a reward section").isGreaterThanOrEqualTo(3);
  }

  @Test
  void badSpecsGetOneClearMessage() {
    // SFT trains on no reward
    assertThatThrownBy(() -> ExperimentSpecs.read("""
        algo: {type: sft, task: {type: arith, digits: [1]}}
        reward: {type: task}
        """)).isInstanceOf(UserInputException.class).hasMessageContaining("reward").hasMessageContaining("grpo");
    // a transition term in a completion reward: its path under reward
    ExperimentSpec transition = ExperimentSpecs.read(withReward("""
        reward:
          type: weighted
          terms:
            - reward: {type: task}
            - reward: {type: potential, potential: x}
        """));
    assertThatThrownBy(() -> Algorithms.of(transition).validate(transition, EnvRegistry.standard()))
        .isInstanceOf(UserInputException.class).satisfies(e ->
            assertThat(((UserInputException) e).where()).isEqualTo("reward.terms.1.reward.type"));
    // formatWeight beside a spec would be silently ignored
    ExperimentSpec both = ExperimentSpecs.read(withReward("reward: {type: task}").replace("steps: 4\n", "steps: 4\n  formatWeight: 0.5\n"));
    assertThatThrownBy(() -> Algorithms.of(both).validate(both, EnvRegistry.standard()))
        .isInstanceOf(UserInputException.class).hasMessageContaining("algo.formatWeight").hasMessageContaining("formatWeight: 0.5");
    // a signal nobody attaches: the run stops with the term's name
    assertThatThrownBy(() -> LmTrainerTest.train(withReward("reward: {type: completion, signal: rm}"), tmp.resolve("rm"), 0))
        .isInstanceOf(UserInputException.class).hasMessageContaining("reward").hasMessageContaining("'rm'");
  }
}
