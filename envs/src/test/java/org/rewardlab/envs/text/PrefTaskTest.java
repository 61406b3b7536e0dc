package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;

class PrefTaskTest {

  private static List<String> allResponses(PrefConfig c) {
    List<String> out = new ArrayList<>();
    List<String> layer = new ArrayList<>(List.of(""));
    for (int l = 1; l <= c.maxLength(); l++) {
      List<String> next = new ArrayList<>();
      for (String s : layer) for (char ch : c.symbols().toCharArray()) next.add(s + ch);
      layer = next;
      if (l >= c.minLength()) out.addAll(layer);
    }
    return out;
  }

  @Test
  void goldUtilityByHand() {
    PrefTask task = new PrefTask(PrefConfig.defaults()); // cap 3, weights 1, 1, 0.5
    assertThat(task.utility('a', "abab")).isEqualTo(2.0);
    assertThat(task.utility('a', "ababa")).isEqualTo(3.0);
    assertThat(task.utility('a', "abababa")).isEqualTo(3.0 - 1.0); // one over the cap
    assertThat(task.utility('a', "aab")).isEqualTo(2.0 - 0.5);     // one repeat
    assertThat(task.utility('a', "bbbb")).isEqualTo(-1.5);
    assertThat(task.proxyUtility('a', "abababa")).isEqualTo(4.0);
  }

  @Test
  void exactExtremesEqualBruteForce() {
    List<PrefConfig> configs = List.of(
        new PrefConfig("abc", 1, 6, 3, 1, 1, 0.5, 1),
        new PrefConfig("ab", 1, 7, 2, 1, 0.3, 0.7, 1),
        new PrefConfig("ab", 4, 5, 4, 1, 1, 0.2, 1),    // 4 targets in 4..5 symbols of 2 kinds: repeats forced
        new PrefConfig("abcd", 2, 5, 0, 1, 2, 0, 1),    // cap 0: targets only hurt
        new PrefConfig("abc", 1, 6, 6, 2, 0, 0.25, 1));
    for (PrefConfig c : configs) {
      PrefTask task = new PrefTask(c);
      List<String> all = allResponses(c);
      double min = Double.POSITIVE_INFINITY;
      for (String y : all) min = Math.min(min, task.utility('a', y));
      assertThat(task.minUtility()).as("min %s", c).isCloseTo(min, within(1e-12));
      for (char t : c.symbols().toCharArray()) {
        double max = Double.NEGATIVE_INFINITY;
        for (String y : all) max = Math.max(max, task.utility(t, y));
        assertThat(task.maxUtility(t)).as("max %s target %s", c, t).isCloseTo(max, within(1e-12));
        PrefProblem p = task.problem(t);
        String best = p.answer();
        assertThat(task.isValidResponse(best)).isTrue();
        assertThat(task.utility(t, best)).isCloseTo(max, within(1e-12));
        Verdict v = p.verify(best);
        assertThat(v.correct()).isTrue();
        assertThat(v.wellFormed()).isTrue();
        assertThat(v.score()).isCloseTo(max, within(1e-12));
      }
    }
  }

  @Test
  void malformedResponsesScoreTheMinimum() {
    PrefTask task = new PrefTask(PrefConfig.defaults());
    PrefProblem p = task.problem('b');
    assertThat(p.prompt()).isEqualTo("b:");
    for (String bad : new String[] {"", "abcabcabc", "abz", "AB"}) {
      Verdict v = p.verify(bad);
      assertThat(v.wellFormed()).as(bad).isFalse();
      assertThat(v.correct()).as(bad).isFalse();
      assertThat(v.score()).as(bad).isEqualTo(task.minUtility());
    }
    assertThat(p.verify(" bab").wellFormed()).isFalse();
    assertThat(p.verify(" bab").score()).isEqualTo(task.utility('b', "bab"));
  }

  @Test
  void proxyAndGoldDivergeBeyondTheCap() {
    PrefTask task = new PrefTask(PrefConfig.defaults());
    String[] more = {"ab", "abab", "ababa", "abababa", "ababababa"};
    for (int i = 1; i < more.length; i++) {
      assertThat(task.proxyUtility('a', more[i])).isGreaterThan(task.proxyUtility('a', more[i - 1]));
    }
    assertThat(task.utility('a', "abababa")).isLessThan(task.utility('a', "ababa")); // gold falls past the cap
  }

  @Test
  void bradleyTerryFrequenciesMatchTheSigmoid() {
    PrefTask task = new PrefTask(PrefConfig.defaults());
    PrefProblem p = task.problem('a');
    BradleyTerryOracle oracle = task.oracle();
    String[][] pairs = {{"ababa", "bbbb"}, {"abab", "aab"}, {"ab", new String("ab")}, {"abababa", "ababa"}};
    RandomSource rng = RandomSource.of(123);
    int n = 20_000;
    for (String[] pair : pairs) {
      double du = task.utility('a', pair[0]) - task.utility('a', pair[1]);
      double expected = 1 / (1 + Math.exp(-du));
      assertThat(oracle.probability(p, pair[0], pair[1])).isCloseTo(expected, within(1e-12));
      assertThat(oracle.probability(p, pair[0], pair[1]) + oracle.probability(p, pair[1], pair[0])).isCloseTo(1, within(1e-12));
      int first = 0;
      for (int i = 0; i < n; i++) {
        LabeledPair l = oracle.label(p, pair[0], pair[1], rng);
        if (l.chosen() == pair[0]) first++; // identity: equal texts are still told apart
      }
      double tol = 4 * Math.sqrt(expected * (1 - expected) / n) + 1e-9;
      assertThat((double) first / n).as("%s vs %s", pair[0], pair[1]).isCloseTo(expected, within(tol));
    }
    assertThat(BradleyTerryOracle.sigmoid(-800)).isEqualTo(0.0);
    assertThat(BradleyTerryOracle.sigmoid(800)).isEqualTo(1.0);
    assertThat(new BradleyTerryOracle(50).probability(p, "ababa", "abab")).isGreaterThan(0.999);
  }

  @Test
  void labeledPairsAreDeterministicAndConsistent() {
    PrefTask task = new PrefTask(PrefConfig.defaults());
    List<LabeledPair> a = task.labeledPairs(200, RandomSource.of(5));
    List<LabeledPair> b = task.labeledPairs(200, RandomSource.of(5));
    assertThat(a).isEqualTo(b);
    assertThat(task.labeledPairs(200, RandomSource.of(6))).isNotEqualTo(a);
    int agree = 0;
    for (LabeledPair l : a) {
      assertThat(task.isValidResponse(l.chosen())).isTrue();
      assertThat(task.isValidResponse(l.rejected())).isTrue();
      double p = task.oracle().probability(l.problem(), l.chosen(), l.rejected());
      assertThat(l.chosenProbability()).isCloseTo(p, within(1e-12));
      if (l.problem().verify(l.chosen()).score() >= l.problem().verify(l.rejected()).score()) agree++;
    }
    assertThat(agree).as("labels mostly follow gold").isGreaterThan(120);
  }

  @Test
  void badConfigs() {
    assertThatThrownBy(() -> new PrefConfig("a", 1, 8, 3, 1, 1, 0.5, 1)).isInstanceOf(UserInputException.class).hasMessageStartingWith("symbols");
    assertThatThrownBy(() -> new PrefConfig("a:", 1, 8, 3, 1, 1, 0.5, 1)).isInstanceOf(UserInputException.class).hasMessageContaining("reserved");
    assertThatThrownBy(() -> new PrefConfig("ab", 1, 8, 9, 1, 1, 0.5, 1)).isInstanceOf(UserInputException.class).hasMessageStartingWith("cap");
    assertThatThrownBy(() -> new PrefConfig("ab", 1, 8, 3, -1, 1, 0.5, 1)).isInstanceOf(UserInputException.class).hasMessageStartingWith("targetWeight");
    assertThatThrownBy(() -> new PrefConfig("ab", 1, 8, 3, 1, 1, 0.5, 0)).isInstanceOf(UserInputException.class).hasMessageStartingWith("oracleScale");
    assertThatThrownBy(() -> new PrefConfig("ab", 1, 17, 3, 1, 1, 0.5, 1)).isInstanceOf(UserInputException.class).hasMessageStartingWith("maxLength");
  }
}
