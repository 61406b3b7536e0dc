package org.rewardlab.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.space.Tokens;

class CharTokenizerTest {

  private static final CharTokenizer PEER = new CharTokenizer("0123456789+*=");

  @Provide
  Arbitrary<String> standardText() {
    return Arbitraries.strings().withChars(CharTokenizer.STANDARD_ALPHABET.toCharArray()).ofMaxLength(80);
  }

  @Provide
  Arbitrary<String> separatedText() {
    return Arbitraries.strings().withChars("abc|".toCharArray()).ofMaxLength(30);
  }

  @Property(tries = 500)
  void decodeInvertsEncode(@ForAll("standardText") String s) {
    CharTokenizer t = CharTokenizer.standard();
    int[] ids = t.encode(s);
    assertThat(ids).hasSize(s.length());
    for (int id : ids) assertThat(id).isBetween(t.specialCount(), t.vocabSize() - 1);
    assertThat(t.decode(ids)).isEqualTo(s);
    int[] framed = t.encode(s, true, true);
    assertThat(framed[0]).isEqualTo(CharTokenizer.BOS);
    assertThat(framed[framed.length - 1]).isEqualTo(CharTokenizer.EOS);
    assertThat(t.decode(framed)).isEqualTo(s);
    assertThat(t.space(framed.length).contains(framed)).isTrue();
  }

  @Property(tries = 300)
  void decodeStopsAtTheFirstEosAndSkipsPad(@ForAll("standardText") String s, @ForAll("standardText") String tail,
      @ForAll @IntRange(min = 0, max = 4) int pads) {
    CharTokenizer t = CharTokenizer.standard();
    int[] head = t.encode(s, false, true);
    int[] rest = t.encode(tail);
    int[] ids = new int[pads + head.length + rest.length];
    System.arraycopy(head, 0, ids, pads, head.length); // leading pads: skipped
    System.arraycopy(rest, 0, ids, pads + head.length, rest.length);
    CharTokenizer.Decoded d = t.decode(ids, 0, ids.length);
    assertThat(d.text()).isEqualTo(s);
    assertThat(d.finished()).isTrue();
    assertThat(d.tokens()).isEqualTo(pads + head.length);
  }

  @Property(tries = 200)
  void separatorRoundTripsAsItsSpecialId(@ForAll("separatedText") String s) {
    CharTokenizer t = new CharTokenizer("abc", '|');
    int[] ids = t.encode(s);
    for (int i = 0; i < s.length(); i++) {
      assertThat(ids[i] == CharTokenizer.SEP).isEqualTo(s.charAt(i) == '|');
    }
    assertThat(t.decode(ids)).isEqualTo(s);
  }

  @Test
  void idsMatchThePytorchPeer() {
    // shared/bench/torch_tinygpt_bench.py: 0 <pad>, 1 <bos>, 2 <eos>, 3..12 '0'..'9', 13 '+', 14 '*', 15 '='
    assertThat(PEER.vocabSize()).isEqualTo(16);
    assertThat(PEER.encode("123+456=", true, false)).containsExactly(1, 4, 5, 6, 13, 7, 8, 9, 15);
    assertThat(PEER.encode("0579", false, true)).containsExactly(3, 8, 10, 12, 2);
    assertThat(PEER.id('*')).isEqualTo(14);
    assertThat(PEER.render(new int[] {1, 4, 13, 5, 15, 6, 2, 0})).isEqualTo("<bos>1+2=3<eos><pad>");
  }

  @Test
  void separatorShiftsTheAlphabetByOne() {
    CharTokenizer t = new CharTokenizer("ab", ':');
    assertThat(t.vocabSize()).isEqualTo(6);
    assertThat(t.specialCount()).isEqualTo(4);
    assertThat(t.encode("a:b")).containsExactly(4, 3, 5);
    assertThat(t.separator()).isEqualTo(':');
    assertThat(PEER.hasSeparator()).isFalse();
    assertThatThrownBy(PEER::separator).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void unfinishedCompletionsAreReported() {
    CharTokenizer.Decoded d = PEER.decode(new int[] {1, 4, 5, 0, 6}, 1, 5);
    assertThat(d.text()).isEqualTo("123");
    assertThat(d.finished()).isFalse();
    assertThat(d.tokens()).isEqualTo(4);
    assertThat(PEER.decode(new int[0])).isEmpty();
  }

  @Test
  void unknownCharactersNameTheCharacterAndTheAlphabet() {
    assertThatThrownBy(() -> PEER.encode("12-3"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("'-'")
        .hasMessageContaining("position 2")
        .hasMessageContaining("0123456789+*=");
    assertThatThrownBy(() -> PEER.id('x')).isInstanceOf(UserInputException.class).hasMessageContaining("'x'");
    assertThatThrownBy(() -> PEER.encode("1\u00e92")).hasMessageContaining("U+00E9");
    assertThat(PEER.canEncode("12+3")).isTrue();
    assertThat(PEER.canEncode("12-3")).isFalse();
    assertThat(PEER.canEncode('\u4e00')).isFalse();
  }

  @Test
  void idsOutsideTheVocabularyAreRejectedOnDecode() {
    assertThatThrownBy(() -> PEER.decode(new int[] {3, 16})).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16").hasMessageContaining("0..15");
    assertThatThrownBy(() -> PEER.decode(new int[] {-1})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badAlphabetsAreRejected() {
    assertThatThrownBy(() -> new CharTokenizer("")).isInstanceOf(UserInputException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> new CharTokenizer("abca")).isInstanceOf(UserInputException.class).hasMessageContaining("'a'");
    assertThatThrownBy(() -> new CharTokenizer("ab", 'a')).isInstanceOf(UserInputException.class).hasMessageContaining("separator");
    assertThatThrownBy(() -> new CharTokenizer("a\ud800")).isInstanceOf(UserInputException.class).hasMessageContaining("surrogate");
  }

  @Test
  void standardCoversTheTaskCharacters() {
    CharTokenizer t = CharTokenizer.standard();
    assertThat(t.canEncode("0123456789+-*/=() abcxyz,.:;?![]|")).isTrue();
    assertThat(t.vocabSize()).isEqualTo(3 + CharTokenizer.STANDARD_ALPHABET.length());
    assertThat(t.space(32)).isEqualTo(new Tokens(t.vocabSize(), 0, 32));
  }

  @Test
  void equalityFollowsAlphabetAndSeparator() {
    assertThat(new CharTokenizer("ab")).isEqualTo(new CharTokenizer("ab")).hasSameHashCodeAs(new CharTokenizer("ab"));
    assertThat(new CharTokenizer("ab")).isNotEqualTo(new CharTokenizer("ba"));
    assertThat(new CharTokenizer("ab", '|')).isNotEqualTo(new CharTokenizer("ab"));
    assertThat(new CharTokenizer("ab", '|').toString()).contains("separator").contains("V=6");
  }
}
