package org.rewardlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankingTest {
  @Test
  void aStrictRankingOfKGivesKChoose2PairsBetterFirst() {
    Ranking r = Ranking.strict(Text.plain("p"), List.of(Text.plain("a"), Text.plain("b"), Text.plain("c")));
    List<PreferencePair> pairs = r.pairs();
    assertThat(pairs).hasSize(3);
    assertThat(pairs).extracting(p -> p.chosen().plain() + ">" + p.rejected().plain())
        .containsExactly("a>b", "a>c", "b>c");
    assertThat(pairs).noneMatch(PreferencePair::tie);
  }

  @Test
  void responsesInOneTierAreTies() {
    Ranking r = new Ranking(Text.plain("p"),
        List.of(List.of(Text.plain("a"), Text.plain("b")), List.of(Text.plain("c"))));
    List<PreferencePair> pairs = r.pairs();
    assertThat(pairs).hasSize(3);
    assertThat(pairs.stream().filter(PreferencePair::tie).count()).isEqualTo(1);
    assertThat(r.size()).isEqualTo(3);
  }

  @Test
  void marginsFollowLlama2StrengthsAndTiesHaveNone() {
    PreferencePair p = PreferencePair.of("x", "a", "b");
    assertThat(p.withStrength(Strength.SIGNIFICANTLY_BETTER, true).margin()).isEqualTo(3.0);
    assertThat(p.withStrength(Strength.BETTER, false).margin()).isEqualTo(2.0 / 3.0);
    assertThat(Strength.fromName("slightly-better")).isEqualTo(Strength.SLIGHTLY_BETTER);
    assertThatThrownBy(() -> new PreferencePair(Text.plain("x"), Text.plain("a"), Text.plain("b"), 1, true, null))
        .hasMessageContaining("tie");
    assertThatThrownBy(() -> p.withMargin(-1)).hasMessageContaining(">= 0");
  }

  @Test
  void conversationalTextRendersRoleLines() {
    Text t = Text.messages(List.of(new Message("user", "hi"), new Message("assistant", "yo")));
    assertThat(t.conversational()).isTrue();
    assertThat(t.render()).isEqualTo("user: hi\nassistant: yo");
    assertThatThrownBy(() -> new Text("a", List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
