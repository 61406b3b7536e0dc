package org.rewardlab.envs.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.random.Seeds;
import org.rewardlab.core.reward.RewardFn;
import org.rewardlab.core.space.Tokens;
import org.rewardlab.core.text.CharTokenizer;

/** The Java walk-through of docs/text-tasks.md, run as written (a model's sampling replaced by the reference). */
class DocsExampleTest {

  @Test
  void walkThrough() {
    TextTaskConfig config = Configs.read("type: arith\ndigits: [3]\nanswerFormat: fixed_width\n", TextTaskConfig.class);
    ArithTask task = (ArithTask) TextTasks.make(config);
    Seeds seeds = new Seeds(1);
    Split<ArithProblem> split = task.split(seeds.seed("task.split"), 1000);
    CharTokenizer tok = task.tokenizer();                // 16 ids, the PyTorch peer's
    Tokens space = tok.space(task.sequenceLength());     // <bos> prompt answer <eos>: 14 tokens

    ArithProblem p = split.sampleTrain(seeds.stream("task.train"));
    int[] prompt = tok.encode(p.prompt(), true, false);  // <bos>123+456=
    int[] sampled = tok.encode(p.answer(), false, true); // a model would sample these ids
    int[] sequence = new int[prompt.length + sampled.length];
    System.arraycopy(prompt, 0, sequence, 0, prompt.length);
    System.arraycopy(sampled, 0, sequence, prompt.length, sampled.length);
    CharTokenizer.Decoded d = tok.decode(sequence, prompt.length, sequence.length);

    RewardFn<Completion> reward = TextRewards.correctAndFormat(0.1);
    double r = reward.breakdown(new Completion(p, d.text(), d.finished())).total();

    assertThat(space.contains(sequence)).isTrue();
    assertThat(sequence).hasSize(14);
    assertThat(r).isEqualTo(1.1);
    assertThat(split.isTest(p)).isFalse();
    assertThat(split.test()).hasSize(1000);
    assertThat(List.of(d.finished(), d.tokens())).containsExactly(true, 5);
  }
}
