package org.rewardlab.reward.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.reward.NonFiniteRewardException;
import org.rewardlab.core.reward.RewardBreakdown;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;
import org.rewardlab.reward.RewardSpecs;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * Completion-level terms built from YAML as a user writes them, on hand-computed completions: the
 * papers' full rewards (GRPO-λ, CRF, DAPO, PAR, Clip/Delta, G-RA, Shop-R1, PageLLM) and the errors.
 */
class CompletionTermsTest {

  /** A config holding a reward, as an experiment does. */
  public record Holder(RewardSpec reward) {}

  static RewardFn<ScoredCompletion> build(String yaml) {
    return RewardSpecs.buildForCompletions(Configs.read(yaml, Holder.class, List.of()).reward());
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  private static void assertAddsUp(RewardBreakdown b) {
    double s = 0;
    for (double v : b.values()) s += v;
    assertThat(s).isCloseTo(b.total(), within(1e-12));
  }

  @Test
  void taskIsTheVerifierRewardAndComposes() {
    RewardFn<ScoredCompletion> fn = build("reward: {type: task, formatWeight: 0.25}");
    assertThat(fn.termNames()).containsExactly("task");
    // [correct] + w·[format], whatever the score (T-PREF's gold utility stays out of it)
    assertThat(fn.breakdown(SimpleCompletion.of(3, true, true, 7.0)).total()).isEqualTo(1.25);
    assertThat(fn.breakdown(SimpleCompletion.of(3, false, true, 7.0)).total()).isEqualTo(0.25);
    assertThat(fn.breakdown(SimpleCompletion.of(3, false, false, 7.0)).total()).isEqualTo(0.0);
    assertThat(build("reward: {type: task}").breakdown(SimpleCompletion.of(3, true, true, 0)).total()).isEqualTo(1.0);
    RewardFn<ScoredCompletion> clipped = build("""
        reward:
          type: clip
          lo: 0.0
          hi: 1.0
          reward:
            type: weighted
            terms:
              - {weight: 2.0, reward: {type: task}}
              - reward: {type: length_penalty, coef: 0.1, free: 2}
        """);
    assertThat(clipped.termNames()).containsExactly("task", "length_penalty", "clip");
    RewardBreakdown b = clipped.breakdown(SimpleCompletion.of(5, true, true, 1));
    assertThat(b.values()[0]).isEqualTo(2.0);
    assertThat(b.total()).isEqualTo(1.0);
    assertAddsUp(b);
    assertThat(Configs.read("reward: {type: task, formatWeight: 0.5, name: verifier}", Holder.class, List.of()).reward())
        .isEqualTo(new RewardSpec.TaskReward("verifier", 0.5));
    UserInputException e = catchThrowableOfType(() -> build("reward: {type: task, formatWeight: .nan}"), UserInputException.class);
    assertThat(e.where()).isEqualTo("reward.formatWeight");
  }

  @Test
  void envOnACompletionIsItsScoreAndConditionsMapToHowItEnded() {
    RewardFn<ScoredCompletion> fn = build("""
        reward:
          type: weighted
          terms:
            - reward: {type: env}
            - reward: {type: bonus, on: terminated, amount: 0.1, name: eos}
            - reward: {type: penalty, on: truncated, amount: 1.0, name: cut}
            - reward: {type: completion, field: format, weight: 0.5}
        """);
    assertThat(fn.termNames()).containsExactly("env", "eos", "cut", "format");
    SimpleCompletion c = SimpleCompletion.of(12, true, true, 0.7);
    RewardBreakdown b = fn.breakdown(c);
    assertThat(b.values()).containsExactly(0.7, 0.1, 0.0, 0.5);
    RewardBreakdown cut = fn.breakdown(c.finished(false));
    assertThat(cut.values()).containsExactly(0.7, 0.0, -1.0, 0.5);
    assertAddsUp(cut);
  }

  @Test
  void grpoLambdaSwitchesTheLengthPenaltyOnCorrectnessAndTheGroupsRank() {
    RewardFn<ScoredCompletion> fn = build("""
        reward:
          type: weighted
          terms:
            - reward: {type: completion, field: correct}
            - reward: {type: length_switch, alpha: 0.6}
        """);
    SimpleCompletion correct = SimpleCompletion.of(30, true, true, 1)
        .with("group.correct_length_mean", 20).with("group.correct_length_std", 5).with("group.efficiency_first", 1);
    assertThat(fn.evaluate(correct, new double[2])).isCloseTo(1 - 0.6 * sigmoid(2.0), within(1e-12));
    SimpleCompletion shorter = SimpleCompletion.of(10, true, true, 1)
        .with("group.correct_length_mean", 20).with("group.correct_length_std", 5).with("group.efficiency_first", 1);
    assertThat(fn.evaluate(shorter, new double[2])).as("shorter than its correct peers: more")
        .isCloseTo(1 - 0.6 * sigmoid(-2.0), within(1e-12));
    // top group, wrong answer: 0 (the paper, not the reimplementation that pays length on wrong answers)
    SimpleCompletion wrong = SimpleCompletion.of(5, false, true, 0)
        .with("group.correct_length_mean", 20).with("group.correct_length_std", 5).with("group.efficiency_first", 1);
    assertThat(fn.evaluate(wrong, new double[2])).isZero();
    // an accuracy-first group keeps plain 0/1 reward, and needs no length statistics
    assertThat(fn.evaluate(SimpleCompletion.of(500, true, true, 1).with("group.efficiency_first", 0), new double[2])).isEqualTo(1.0);
    // one correct completion: std 0, floored at 1e-4
    SimpleCompletion alone = SimpleCompletion.of(21, true, true, 1)
        .with("group.correct_length_mean", 21).with("group.correct_length_std", 0).with("group.efficiency_first", 1);
    assertThat(fn.evaluate(alone, new double[2])).isCloseTo(1 - 0.6 * 0.5, within(1e-12));
    assertThatThrownBy(() -> fn.evaluate(SimpleCompletion.of(21, true, true, 1), new double[2]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reward term 'length_switch' needs the signal 'group.correct_length_mean'");
  }

  @Test
  void crfPaysConcisenessOnlyOnCorrectAnswers() {
    RewardFn<ScoredCompletion> fn = build("""
        reward:
          type: weighted
          terms:
            - reward: {type: completion, field: correct}
            - reward: {type: conciseness, alpha: 0.5, anneal: cosine}
        """);
    SimpleCompletion c = SimpleCompletion.of(40, true, true, 1)
        .with("conciseness", 0.8).with("train.progress", 0.5).with("group.accuracy", 0.25);
    // R̂ = R^o·(1 + α·c·(s + d)), s = (1 + cos(π/2))/2 = 0.5, d = 1 − 0.25
    assertThat(fn.evaluate(c, new double[2])).isCloseTo(1 + 0.5 * 0.8 * (0.5 + 0.75), within(1e-12));
    SimpleCompletion wrong = SimpleCompletion.of(4, false, true, 0).with("conciseness", 1.0);
    assertThat(fn.evaluate(wrong, new double[2])).as("a short wrong answer earns nothing").isZero();
    // conciseness is clipped to [0.1, 1]; no progress signal: s = 1; no accuracy: d = 0
    assertThat(fn.evaluate(SimpleCompletion.of(4, true, true, 1).with("conciseness", 0.0), new double[2]))
        .isCloseTo(1 + 0.5 * 0.1 * 1.0, within(1e-12));
  }

  @Test
  void dapoOverlongMatchesTrlsSoftPunishment() {
    RewardFn<ScoredCompletion> fn = build("reward: {type: overlong, maxLength: 20, cache: 5}");
    // TRL's get_soft_overlong_punishment(max_completion_len=20, soft_punish_cache=5)
    int[] lengths = {0, 10, 15, 16, 17, 18, 19, 20, 21, 40};
    double[] trl = {0, 0, 0, -0.2, -0.4, -0.6, -0.8, -1.0, -1.0, -1.0};
    for (int i = 0; i < lengths.length; i++) {
      assertThat(fn.evaluate(SimpleCompletion.of(lengths[i], true, true, 1), new double[1]))
          .as("L = %d", lengths[i]).isCloseTo(trl[i], within(1e-12));
    }
    RewardFn<ScoredCompletion> scaled = build("reward: {type: overlong, maxLength: 20, cache: 5, factor: 0.5}");
    assertThat(scaled.evaluate(SimpleCompletion.of(30, true, true, 1), new double[1])).isEqualTo(-0.5);
  }

  @Test
  void parCentresOnEachPromptsReferencesAfterItsLengthPenalty() {
    RewardFn<ScoredCompletion> fn = build("""
        reward:
          type: par
          reward:
            type: weighted
            terms:
              - reward: {type: completion, field: score, name: rm}
              - reward: {type: length_penalty, coef: 0.01, free: 300}
        """);
    assertThat(fn.termNames()).containsExactly("rm", "length_penalty", "par");
    SimpleCompletion c = new SimpleCompletion(350, true, true, true, 2.0, java.util.Map.of(), java.util.Map.of())
        .withSequence("references", 1.0, 2.0, 3.0);
    double r = 2.0 - 0.5;
    double expected = (sigmoid(r - 1) + sigmoid(r - 2) + sigmoid(r - 3)) / 3;
    RewardBreakdown b = fn.breakdown(c);
    assertThat(b.total()).isCloseTo(expected, within(1e-12));
    assertThat(b.term("length_penalty")).isCloseTo(-0.5, within(1e-12));
    assertAddsUp(b);
    // an exploitable reward model: the raw score grows without bound, PAR saturates
    double high = fn.evaluate(new SimpleCompletion(10, true, true, true, 1e6, java.util.Map.of(), java.util.Map.of())
        .withSequence("references", 1.0, 2.0, 3.0), new double[3]);
    assertThat(high).isEqualTo(1.0);
    assertThatThrownBy(() -> fn.evaluate(SimpleCompletion.of(10, true, true, 1), new double[3]))
        .hasMessageContaining("reward term 'par' needs the reference rewards")
        .hasMessageContaining("'references'");
  }

  @Test
  void clipAndDeltaOnACompletionsStepScores() {
    SimpleCompletion spam = SimpleCompletion.of(50, true, true, 1).withSequence("prm", 0.3, 0.3, 0.3, 0.3, 0.3, 0.3);
    SimpleCompletion brief = SimpleCompletion.of(10, true, true, 1).withSequence("prm", 0.3, 0.3);
    RewardFn<ScoredCompletion> raw = build("reward: {type: completion, field: correct}");
    RewardFn<ScoredCompletion> clip = build("reward: {type: prm_refine, mode: clip, eta: 0.5}");
    RewardFn<ScoredCompletion> delta = build("reward: {type: prm_refine, mode: delta}");
    RewardFn<ScoredCompletion> both = build("reward: {type: prm_refine, mode: clip_delta, eta: 0.5, steps: prm}");
    assertThat(raw.evaluate(spam, new double[1])).isEqualTo(1.0);
    assertThat(clip.evaluate(spam, new double[1])).isCloseTo(6 * -0.2, within(1e-12));
    assertThat(clip.evaluate(brief, new double[1])).as("extra steps only cost").isCloseTo(2 * -0.2, within(1e-12));
    assertThat(delta.evaluate(spam, new double[1])).isCloseTo(0.3, within(1e-12));
    assertThat(delta.evaluate(brief, new double[1])).as("length-independent").isCloseTo(0.3, within(1e-12));
    assertThat(both.evaluate(spam, new double[1])).isCloseTo(-0.2, within(1e-12));
    assertThat(delta.evaluate(SimpleCompletion.of(1, true, true, 1).withSequence("prm"), new double[1])).isZero();
  }

  @Test
  void gatedAccumulationOnCompletions() {
    // G-RA: the format bonus counts only when the outcome clears its threshold
    RewardFn<ScoredCompletion> fn = build("""
        reward:
          type: gated
          levels:
            - {reward: {type: completion, field: correct}, threshold: 0.5}
            - reward: {type: completion, field: format, weight: 0.1}
        """);
    assertThat(fn.evaluate(SimpleCompletion.of(5, true, true, 1), new double[2])).isCloseTo(1.1, within(1e-12));
    assertThat(fn.evaluate(SimpleCompletion.of(5, false, true, 0), new double[2])).isZero();
  }

  /** Shop-R1's Table 1, written as a hierarchy of gates with DARS-scaled, thresholded similarities. */
  private static final String SHOP_R1 = """
      reward:
        type: gated
        mode: step
        levels:
          - reward: {type: completion, field: format, weight: 0.5}
          - reward: {type: completion, signal: type_match, weight: 0.3}
          - reward:
              type: weighted
              terms:
                - weight: 0.2
                  reward: {type: completion, signal: click.name_present}
                - reward:
                    type: difficulty_scale
                    factor: 1000
                    difficulty: {type: completion, signal: click}
                    reward: {type: shape, kind: threshold, at: 0.75, name: click_name, reward: {type: completion, signal: click.rouge_name}}
                - weight: 0.1
                  reward: {type: completion, signal: type.name_present}
                - weight: 0.1
                  reward: {type: completion, signal: type.text_present}
                - weight: 0.1
                  reward: {type: shape, kind: threshold, at: 0.75, name: type_name, reward: {type: completion, signal: type.rouge_name}}
                - reward:
                    type: difficulty_scale
                    factor: 1000
                    difficulty: {type: completion, signal: type}
                    reward: {type: shape, kind: threshold, at: 0.75, name: type_text, reward: {type: completion, signal: type.rouge_text}}
      """;

  private static SimpleCompletion shop(boolean format, boolean typeMatch, String action, double nameRouge, double textRouge) {
    boolean click = action.equals("click");
    boolean type = action.equals("type");
    return SimpleCompletion.of(20, false, format, 0)
        .with("type_match", typeMatch ? 1 : 0)
        .with("click", click ? 1 : 0).with("type", type ? 1 : 0)
        .with("click.name_present", click ? 1 : 0).with("click.rouge_name", click ? nameRouge : 0)
        .with("type.name_present", type ? 1 : 0).with("type.text_present", type ? 1 : 0)
        .with("type.rouge_name", type ? nameRouge : 0).with("type.rouge_text", type ? textRouge : 0);
  }

  @Test
  void shopR1sHierarchicalRewardWithDifficultyAwareScaling() {
    RewardFn<ScoredCompletion> fn = build(SHOP_R1);
    double[] t = new double[fn.termNames().size()];
    // terminate, right type: 0.5 (format) + 0.3 (type)
    assertThat(fn.evaluate(shop(true, true, "terminate", 0, 0), t)).isCloseTo(0.8, within(1e-9));
    // click: 0.5 + 0.3 + 0.2 + DARS·ROUGE-L(name) when ≥ 0.75
    assertThat(fn.evaluate(shop(true, true, "click", 0.8, 0), t)).isCloseTo(0.8 + 0.2 + 1000 * 0.8, within(1e-9));
    assertThat(fn.evaluate(shop(true, true, "click", 0.7, 0), t)).as("ROUGE-L below 0.75 counts nothing").isCloseTo(1.0, within(1e-9));
    // type_and_submit: 0.3 + 0.1 + 0.1 + 0.1·ROUGE(name) + DARS·ROUGE(text)
    assertThat(fn.evaluate(shop(true, true, "type", 0.9, 0.8), t)).isCloseTo(0.5 + 0.3 + 0.2 + 0.09 + 800, within(1e-9));
    // the hierarchy: a wrong action type earns no sub-action credit, no format earns nothing
    assertThat(fn.evaluate(shop(true, false, "click", 1.0, 0), t)).isCloseTo(0.5, within(1e-9));
    assertThat(fn.evaluate(shop(false, true, "click", 1.0, 0), t)).isZero();
    RewardBreakdown b = fn.breakdown(shop(true, true, "type", 0.9, 0.8));
    assertThat(b.term("type_text")).isCloseTo(800, within(1e-9));
    assertAddsUp(b);
  }

  @Test
  void pageLlmMixesThePageAndTheKeyItems() {
    RewardFn<ScoredCompletion> fn = build("reward: {type: page_item, itemWeight: 0.5}");
    assertThat(fn.termNames()).containsExactly("page_item.page", "page_item.items");
    SimpleCompletion page = SimpleCompletion.of(100, true, true, 0).with("page", 1.5).withSequence("items", 0.2, -0.4, 1.0);
    RewardBreakdown b = fn.breakdown(page);
    assertThat(b.values()).containsExactly(new double[] {1.5, 0.5 * 0.8}, within(1e-12));
    assertThat(b.total()).isCloseTo(1.9, within(1e-12));
    assertThat(fn.evaluate(SimpleCompletion.of(1, true, true, 0).with("page", 1).withSequence("items"), new double[2])).isEqualTo(1.0);
  }

  @Test
  void nonFiniteTermsAreReportedWithTheirNameAndEvaluation() {
    RewardFn<ScoredCompletion> fn = build("""
        reward:
          type: weighted
          terms:
            - reward: {type: completion, field: correct}
            - reward: {type: completion, signal: rm}
        """);
    fn.evaluate(SimpleCompletion.of(1, true, true, 0).with("rm", 1), new double[2]);
    NonFiniteRewardException e = catchThrowableOfType(
        () -> fn.evaluate(SimpleCompletion.of(1, true, true, 0).with("rm", Double.POSITIVE_INFINITY), new double[2]),
        NonFiniteRewardException.class);
    assertThat(e.term()).isEqualTo("rm");
    assertThat(e.step()).isEqualTo(2);
    assertThat(e).hasMessageContaining("reward term 'rm' is Infinity at completion 2");
  }

  @Test
  void transitionTermsAreRejectedForCompletionsWithTheirPath() {
    UserInputException e = catchThrowableOfType(() -> build("""
        reward:
          type: weighted
          terms:
            - reward: {type: completion, field: correct}
            - reward: {type: potential, potential: mountaincar.height}
        """), UserInputException.class);
    assertThat(e.where()).isEqualTo("terms.1.reward.type");
    assertThat(e.problem()).contains("a potential term scores environment transitions");
    assertThat(catchThrowableOfType(() -> build("reward: {type: krc, terms: [{type: feature, index: 0}]}"),
        UserInputException.class).where()).isEqualTo("terms.0.type");
  }

  @Test
  void aCompletionRewardServesAnyCompletionType() {
    RewardFn<SimpleCompletion> typed = RewardSpecs.buildForCompletions(new RewardSpec.Overlong(null, 10, 2, null));
    assertThat(typed.evaluate(SimpleCompletion.of(9, true, true, 0), new double[1])).isCloseTo(-0.5, within(1e-12));
  }
}
