package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

class RankTaskTest {
  // grades a2 b0 c3 d1 e2 f0; page of 3
  private static final RankProblem P = new RankProblem("203120", 3);

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void promptAndIdealPage() {
    assertThat(P.prompt()).isEqualTo("a2b0c3d1e2f0>");
    assertThat(P.answer()).isEqualTo("cae");
    assertThat(P.difficulty()).isEqualTo(3);
    Verdict v = P.verify("cae");
    assertThat(v.correct()).isTrue();
    assertThat(v.wellFormed()).isTrue();
    assertThat(v.score()).isEqualTo(1.0);
    assertThat(v.signal(RankProblem.PAGE)).isEqualTo(1.0);
    assertThat(v.sequence(RankProblem.ITEMS)).containsExactly(1.0);
    // ties may come in either order
    assertThat(P.verify("cea").correct()).isTrue();
  }

  @Test
  void thePageGrainIgnoresOrderAndTheItemGrainSeesOnlyTheKeyItem() {
    Verdict reversed = P.verify("eac");
    assertThat(reversed.signal(RankProblem.PAGE)).isEqualTo(1.0);
    assertThat(reversed.sequence(RankProblem.ITEMS)).containsExactly(1 / log2(4));
    double idcg = 7 + 3 / log2(3) + 3 / log2(4);
    assertThat(reversed.score()).isCloseTo((3 + 3 / log2(3) + 7 / log2(4)) / idcg, within(1e-12));
    assertThat(reversed.correct()).isFalse();
    // the key item on top with junk after it: full item credit, poor page
    Verdict junk = P.verify("ccc");
    assertThat(junk.sequence(RankProblem.ITEMS)).containsExactly(1.0);
    assertThat(junk.signal(RankProblem.DUPLICATES)).isEqualTo(2);
    assertThat(junk.signal(RankProblem.PAGE)).isCloseTo(3.0 / 7 - 2.0 / 3, within(1e-12));
    assertThat(junk.wellFormed()).isFalse();
    Verdict missing = P.verify("a");
    assertThat(missing.signal(RankProblem.INVALID)).isEqualTo(2);
    assertThat(missing.sequence(RankProblem.ITEMS)).containsExactly(0.0);
    assertThat(P.verify("caex").wellFormed()).isFalse();
    assertThat(P.verify("caex").signal(RankProblem.PAGE)).isCloseTo(1 - 1.0 / 3, within(1e-12));
  }

  @Test
  void allZeroGradesHaveNoKeyItems() {
    RankProblem z = new RankProblem("0000", 2);
    assertThat(z.verify("ab").score()).isEqualTo(1.0);
    assertThat(z.verify("ab").sequence(RankProblem.ITEMS)).isEmpty();
    assertThat(z.verify("ab").signal(RankProblem.PAGE)).isEqualTo(1.0);
  }

  @Test
  void samplesAreSolvable() {
    RankTask task = new RankTask(RankConfig.defaults());
    RandomSource rng = RandomSource.of(2);
    for (int i = 0; i < 500; i++) {
      RankProblem p = task.sample(rng);
      Verdict v = p.verify(p.answer());
      assertThat(v.correct()).isTrue();
      assertThat(v.signal(RankProblem.PAGE)).isEqualTo(1.0);
      assertThat(task.tokenizer().canEncode(p.prompt() + p.answer())).isTrue();
      assertThat(p.prompt().length()).isEqualTo(task.maxPromptLength());
    }
    assertThat(task.problemCount()).isEqualTo(65536);
  }

  @Test
  void badConfigs() {
    assertThatThrownBy(() -> new RankConfig(11, 3, 4)).isInstanceOf(UserInputException.class).hasMessageStartingWith("items");
    assertThatThrownBy(() -> new RankConfig(4, 5, 4)).isInstanceOf(UserInputException.class).hasMessageStartingWith("pageSize");
    assertThatThrownBy(() -> new RankConfig(4, 2, 1)).isInstanceOf(UserInputException.class).hasMessageStartingWith("grades");
  }
}
