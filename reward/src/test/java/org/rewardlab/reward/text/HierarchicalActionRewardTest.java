package org.rewardlab.reward.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.reward.RewardBreakdown;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.reward.ScoredCompletion;

class HierarchicalActionRewardTest {

  /** A well-formed completion with the shop verifier's signals. */
  private static SimpleCompletion action(int kind, boolean typeMatch, double namePresent, double textPresent, double nameSim,
      double textSim) {
    return SimpleCompletion.of(5, false, true, 0).with("action.kind", kind).with("action.type_match", typeMatch ? 1 : 0)
        .with("action.name_present", namePresent).with("action.text_present", textPresent).with("action.name_sim", nameSim)
        .with("action.text_sim", textSim);
  }

  @Test
  void table1OfShopR1() {
    RewardFn<ScoredCompletion> fn = CompletionTermsTest.build("reward: {type: hierarchical_action}");
    assertThat(fn.termNames()).containsExactly("action.format", "action.type", "action.fields", "action.similarity");
    // terminate: format 0.5 + type 0.3
    assertThat(fn.breakdown(action(0, true, 0, 0, 0, 0)).total()).isCloseTo(0.8, within(1e-12));
    // click with the right name: 0.5 + 0.3 + 0.2 + 1000·1
    RewardBreakdown click = fn.breakdown(action(1, true, 1, 0, 1.0, 0));
    assertThat(click.values()).containsExactly(new double[] {0.5, 0.3, 0.2, 1000}, within(1e-9));
    // a name below the ROUGE-L threshold earns nothing for similarity
    assertThat(fn.breakdown(action(1, true, 1, 0, 0.7, 0)).total()).isCloseTo(1.0, within(1e-12));
    // type_and_submit: 0.5 + 0.3 + 0.1 + 0.1 + 0.1·0.8 + 1000·0.9
    assertThat(fn.breakdown(action(2, true, 1, 1, 0.8, 0.9)).total()).isCloseTo(0.5 + 0.3 + 0.2 + 0.08 + 900, within(1e-9));
    // the wrong type: format only
    assertThat(fn.breakdown(action(2, false, 1, 1, 0, 0)).total()).isCloseTo(0.5, within(1e-12));
    // no format, no reward, whatever the rest
    assertThat(fn.breakdown(action(2, true, 1, 1, 1, 1).finished(false)).total()).isEqualTo(0.0);
    SimpleCompletion malformed = new SimpleCompletion(5, true, false, false, 0, action(1, true, 1, 0, 1, 0).signals(), java.util.Map.of());
    assertThat(fn.breakdown(malformed).total()).isEqualTo(0.0);
  }

  @Test
  void withoutDarsTheLongTextIsWorthLittleMoreThanTheEasyFields() {
    RewardFn<ScoredCompletion> flat = CompletionTermsTest.build("reward: {type: hierarchical_action, dars: 1, name: h}");
    assertThat(flat.breakdown(action(2, true, 1, 1, 1, 1)).total()).isCloseTo(0.5 + 0.3 + 0.2 + 0.1 + 1, within(1e-12));
    assertThat(flat.breakdown(action(0, true, 0, 0, 0, 0)).total()).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void missingSignalsAndBadSpecsAreClearErrors() {
    RewardFn<ScoredCompletion> fn = CompletionTermsTest.build("reward: {type: hierarchical_action}");
    assertThatThrownBy(() -> fn.breakdown(SimpleCompletion.of(3, true, true, 1))).hasMessageContaining("action.type_match");
    assertThatThrownBy(() -> CompletionTermsTest.build("reward: {type: hierarchical_action, threshold: 2}"))
        .isInstanceOf(UserInputException.class).hasMessageContaining("threshold");
    assertThatThrownBy(() -> CompletionTermsTest.build("reward: {type: hierarchical_action, dars: -1}"))
        .isInstanceOf(UserInputException.class).hasMessageContaining("dars");
    assertThatThrownBy(() -> CompletionTermsTest.build("""
        reward:
          type: weighted
          terms:
            - reward: {type: hierarchical_action}
            - reward: {type: completion, field: correct, name: action.type}
        """)).isInstanceOf(UserInputException.class).hasMessageContaining("used twice");
  }

  @Test
  void pageItemGrainsCanBeSwitchedOff() {
    SimpleCompletion page = SimpleCompletion.of(4, true, true, 0).with("page", 0.4).withSequence("items", 1.0, 0.5);
    assertThat(CompletionTermsTest.build("reward: {type: page_item, itemWeight: 0}").breakdown(page).total()).isCloseTo(0.4, within(1e-12));
    assertThat(CompletionTermsTest.build("reward: {type: page_item, pageWeight: 0}").breakdown(page).total()).isCloseTo(1.5, within(1e-12));
    assertThat(CompletionTermsTest.build("reward: {type: page_item}").breakdown(page).total()).isCloseTo(1.9, within(1e-12));
    // a grain switched off need not be supplied
    assertThat(CompletionTermsTest.build("reward: {type: page_item, itemWeight: 0}").breakdown(SimpleCompletion.of(4, true, true, 0)
        .with("page", 0.4)).total()).isCloseTo(0.4, within(1e-12));
  }
}
