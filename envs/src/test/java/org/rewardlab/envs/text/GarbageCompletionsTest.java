package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.reward.RewardBreakdown;
import org.rewardlab.core.reward.RewardFn;

/** Verifiers and rewards never throw on model output, whatever it is, and always return finite numbers. */
class GarbageCompletionsTest {

  private static final List<Problem> PROBLEMS = problems();

  private static List<Problem> problems() {
    List<Problem> ps = new ArrayList<>();
    RandomSource rng = RandomSource.of(0);
    for (TextTaskConfig c : List.of(ArithConfig.defaults(), ArithConfig.defaults().withScratchpad(true),
        ArithConfig.of(2, ArithOp.MUL, AnswerFormat.PLAIN).withScratchpad(true), CountdownConfig.defaults(),
        SortConfig.defaults(), BanditConfig.defaults(), PrefConfig.defaults(), ShopConfig.defaults(), RankConfig.defaults(),
        JobConfig.defaults())) {
      TextTask<?> task = TextTasks.make(c);
      for (int i = 0; i < 3; i++) ps.add(task.sample(rng));
    }
    return ps;
  }

  @Provide
  Arbitrary<String> completions() {
    Arbitrary<String> taskish = Arbitraries.strings().withChars("0123456789+-*/=()abcdefgh: ,.TCSYNAR$?>|".toCharArray()).ofMaxLength(60);
    Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(60);
    Arbitrary<String> deep = Arbitraries.integers().between(1, 5000).map(n -> "(".repeat(n) + "1" + ")".repeat(n));
    Arbitrary<String> huge = Arbitraries.integers().between(1, 30).map(n -> "9".repeat(n) + "*" + "9".repeat(n) + "=" + "9".repeat(n));
    Arbitrary<String> longSteps = Arbitraries.integers().between(1, 3000).map(n -> "1+1=".repeat(n) + "2");
    return Arbitraries.oneOf(taskish, anything, deep, huge, longSteps);
  }

  @Property(tries = 1000)
  void verifiersAndRewardsAreTotal(@ForAll("completions") String text, @ForAll boolean finished) {
    RewardFn<Completion> r = TextRewards.correctAndFormat(0.5);
    RewardFn<Completion> s = TextRewards.score("score");
    for (Problem p : PROBLEMS) {
      Verdict v = p.verify(text);
      assertThat(v).isNotNull();
      assertThat(Double.isFinite(v.score())).isTrue();
      v.signals().values().forEach(x -> assertThat(Double.isFinite(x)).isTrue());
      RewardBreakdown b = r.breakdown(new Completion(p, text, finished));
      assertThat(b.total()).isBetween(0.0, 1.5);
      assertThat(Double.isFinite(s.breakdown(new Completion(p, text, finished)).total())).isTrue();
      if (p instanceof ArithProblem a) assertThat(a.steps(text).count()).isGreaterThanOrEqualTo(0);
    }
  }
}
