package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Majority voting as Co-Reward / self-consistency use it: empty answers ignored, ties to the first seen. */
class MajorityVoteTest {

  @Test
  void theMajorityIgnoresEmptyAnswersAndBreaksTiesByFirstAppearance() {
    assertThat(MajorityVote.majority(List.of("7", "", "", "", "5", "7"))).isEqualTo("7");
    assertThat(MajorityVote.majority(List.of("5", "7", "7", "5"))).isEqualTo("5");
    assertThat(MajorityVote.majority(List.of("7", "5", "5", "7"))).isEqualTo("7");
    assertThat(MajorityVote.majority(List.of("", ""))).isEmpty();
    assertThat(MajorityVote.majority(List.of())).isEmpty();
  }

  @Test
  void agreementPaysOnlyANonEmptyMatch() {
    assertThat(MajorityVote.agrees("046", "046")).isEqualTo(1.0);
    assertThat(MajorityVote.agrees("046", "046 ")).isEqualTo(0.0);
    assertThat(MajorityVote.agrees("", "")).isEqualTo(0.0);
    assertThat(MajorityVote.agrees("046", "")).isEqualTo(0.0);
  }

  @Test
  void entropyIsInBitsOverTheVotingAnswers() {
    assertThat(MajorityVote.entropyBits(List.of("a", "a", "", "a"))).isEqualTo(0.0);
    assertThat(MajorityVote.entropyBits(List.of("a", "b", "", ""))).isCloseTo(1.0, within(1e-12));
    assertThat(MajorityVote.entropyBits(List.of("a", "b", "c", "d"))).isCloseTo(2.0, within(1e-12));
    // p = (1/2, 1/4, 1/4): 1.5 bits
    assertThat(MajorityVote.entropyBits(List.of("a", "b", "a", "c"))).isCloseTo(1.5, within(1e-12));
    assertThat(MajorityVote.entropyBits(List.of())).isEqualTo(0.0);
  }
}
