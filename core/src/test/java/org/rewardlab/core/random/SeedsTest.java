package org.rewardlab.core.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedsTest {

  @Test
  void namedStreamsDoNotDependOnOtherNames() {
    Seeds a = new Seeds(100);
    Seeds b = new Seeds(100);
    b.stream("new.component").nextLong();
    b.seed("another");
    assertThat(b.stream("policy").nextLong()).isEqualTo(a.stream("policy").nextLong());
    assertThat(a.seed("env")).isEqualTo(RandomSource.deriveSeed(100, "env"));
    assertThat(new Seeds(101).seed("env")).isNotEqualTo(a.seed("env"));
  }

  @Test
  void issuedListsNamesInFirstUseOrder() {
    Seeds s = new Seeds(1);
    s.stream("b");
    s.seed("a");
    s.stream("b");
    assertThat(s.issued()).containsExactly(
        Map.entry("b", RandomSource.deriveSeed(1, "b")), Map.entry("a", RandomSource.deriveSeed(1, "a")));
    assertThat(s.runSeed()).isEqualTo(1);
  }
}
