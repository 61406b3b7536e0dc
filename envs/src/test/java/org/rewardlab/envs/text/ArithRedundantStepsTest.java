package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.random.RandomSource;

/** {@link ArithConfig#redundantSteps()}: reference scratchpads with a redundant check step. */
class ArithRedundantStepsTest {
  private static final List<ArithConfig> CONFIGS = List.of(
      new ArithConfig(List.of(3), List.of(ArithOp.ADD), AnswerFormat.FIXED_WIDTH, true),
      new ArithConfig(List.of(1, 2, 4), List.of(ArithOp.ADD, ArithOp.MUL), AnswerFormat.PLAIN, true),
      new ArithConfig(List.of(1, 2, 4), List.of(ArithOp.ADD, ArithOp.MUL), AnswerFormat.FIXED_WIDTH, false));

  /**
   * SHA-256 of the first 1000 samples' {@code prompt + answer + "\n"} (seed 2026) of each of {@link #CONFIGS}, and
   * its max answer length, recorded with the code before the option existed (commit ac4a652).
   */
  private static final List<String> OLD_DIGESTS = List.of(
      "e5a2f8ad3feef476a2a1080ed74de88b8e651e5499b3d0c87798437049cb3b42",
      "883e77b814e3ffa31dc66e11343136e81cf578b5ca436374c751ba7a580eacbe",
      "966c0239d8a3b65eca6fe01475ef5f15bf559053a6fbd22d6e2bdeacf02c085c");
  private static final List<Integer> OLD_MAX_ANSWER = List.of(34, 72, 8);

  private static String digest(ArithTask task) throws Exception {
    RandomSource rng = RandomSource.of(2026);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < 1000; i++) {
      ArithProblem p = task.sample(rng);
      md.update((p.prompt() + p.answer() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  @Test
  void defaultZeroGivesTheOldAnswersByteForByte() throws Exception {
    for (int i = 0; i < CONFIGS.size(); i++) {
      ArithConfig c = CONFIGS.get(i);
      assertThat(c.redundantSteps()).isZero();
      ArithTask task = new ArithTask(c);
      assertThat(digest(task)).as("%s", c).isEqualTo(OLD_DIGESTS.get(i));
      assertThat(task.maxAnswerLength()).isEqualTo(OLD_MAX_ANSWER.get(i));
    }
    ArithProblem old = (ArithProblem) new ArithTask(CONFIGS.get(0)).sample(RandomSource.of(2026));
    assertThat(old.prompt() + old.answer()).isEqualTo("831+904=1+4+30+0+800+900=5+30+1700=1735");
    assertThat(ArithConfig.defaults().redundantSteps()).isZero();
  }

  @Test
  void aboutHalfTheReferencesRepeatAStepAndAllStillVerify() {
    for (ArithConfig base : CONFIGS.subList(0, 2)) {
      ArithTask task = new ArithTask(base.withRedundantSteps(0.5));
      ArithTask plain = new ArithTask(base);
      RandomSource rng = RandomSource.of(7);
      RandomSource rngPlain = RandomSource.of(7);
      int n = 4000;
      int redundant = 0;
      for (int i = 0; i < n; i++) {
        ArithProblem p = task.sample(rng);
        ArithProblem q = plain.sample(rngPlain);
        assertThat(p.key()).as("the option draws nothing from the stream").isEqualTo(q.key());
        Verdict v = p.verify(p.answer());
        assertThat(v.correct()).as(p.prompt() + p.answer()).isTrue();
        assertThat(v.wellFormed()).as(p.prompt() + p.answer()).isTrue();
        assertThat(p.answer().length()).isLessThanOrEqualTo(task.maxAnswerLength());
        ScratchpadSteps s = p.steps(p.answer());
        assertThat(s.finalCorrect()).isTrue();
        assertThat(s.validCount()).isEqualTo(s.count());
        assertThat(s.redundant()).isEqualTo(p.checkStep() ? 1 : 0);
        assertThat(s.count()).isEqualTo(q.steps(q.answer()).count() + (p.checkStep() ? 1 : 0));
        assertThat(p.checkStep()).isEqualTo(ArithTask.redundancyDraw(p.key()) < 0.5);
        if (p.checkStep()) {
          redundant++;
          assertThat(p.answer()).startsWith(q.answer().substring(0, q.answer().lastIndexOf('=')));
          assertThat(p.answer().length()).isGreaterThan(q.answer().length());
        } else {
          assertThat(p.answer()).isEqualTo(q.answer());
        }
      }
      // 4000 draws of p = 0.5: sd 0.008, so +-0.04 is 5 sd
      assertThat(redundant / (double) n).isBetween(0.46, 0.54);
    }
  }

  @Test
  void theChoiceIsAFixedFunctionOfTheProblemAndMonotoneInP() {
    ArithProblem a = new ArithProblem(123, 456, ArithOp.ADD, 3, AnswerFormat.FIXED_WIDTH, true, true);
    assertThat(a.answer()).isEqualTo("3+6+20+50+100+400=9+70+500=9+70+500=0579");
    assertThat(new ArithProblem(12, 34, ArithOp.MUL, 2, AnswerFormat.PLAIN, true, true).answer())
        .isEqualTo("12*4+12*30=48+360=48+360=408");
    assertThat(ArithTask.redundancyDraw("123+456")).isEqualTo(ArithTask.redundancyDraw("123+456"))
        .isBetween(0.0, 1.0).isNotEqualTo(ArithTask.redundancyDraw("456+123"));
    // a larger p keeps every problem that a smaller one chose
    ArithTask low = new ArithTask(CONFIGS.get(0).withRedundantSteps(0.2));
    ArithTask high = new ArithTask(CONFIGS.get(0).withRedundantSteps(0.7));
    ArithTask all = new ArithTask(CONFIGS.get(0).withRedundantSteps(1.0));
    RandomSource r1 = RandomSource.of(3), r2 = RandomSource.of(3), r3 = RandomSource.of(3);
    for (int i = 0; i < 500; i++) {
      ArithProblem p = low.sample(r1), q = high.sample(r2), s = all.sample(r3);
      if (p.checkStep()) assertThat(q.checkStep()).isTrue();
      assertThat(s.checkStep()).isTrue();
    }
    assertThat(all.maxAnswerLength()).isEqualTo(34 + 1 + "18+180+1800".length());
  }

  @Test
  void yamlDefaultsAndChecks() {
    ArithConfig c = (ArithConfig) Configs.read("type: arith\ndigits: [3]\nscratchpad: true\n", TextTaskConfig.class);
    assertThat(c.redundantSteps()).isZero();
    ArithConfig r = (ArithConfig) Configs.read("type: arith\ndigits: [3]\nscratchpad: true\nredundantSteps: 0.5\n",
        TextTaskConfig.class);
    assertThat(r).isEqualTo(c.withRedundantSteps(0.5));
    assertThatThrownBy(() -> CONFIGS.get(0).withRedundantSteps(1.5)).isInstanceOf(UserInputException.class);
    assertThatThrownBy(() -> CONFIGS.get(0).withRedundantSteps(Double.NaN)).isInstanceOf(UserInputException.class);
    assertThatThrownBy(() -> CONFIGS.get(2).withRedundantSteps(0.5)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("scratchpad");
    assertThatThrownBy(() -> new ArithProblem(1, 2, ArithOp.ADD, 1, AnswerFormat.PLAIN, false, true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
