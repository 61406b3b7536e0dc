package org.rewardlab.nn.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.text.CharTokenizer;
import org.rewardlab.nn.Torch;

class SamplerTest {
  static NDManager root;

  @BeforeAll
  static void open() {
    root = Torch.manager();
  }

  @AfterAll
  static void close() {
    root.close();
  }

  /** Prompts of different lengths (left padding in play). */
  static int[][] raggedPrompts() {
    RandomSource r = RandomSource.of(9);
    return new int[][] {
      TinyGptTest.randomRow(5, 16, r), TinyGptTest.randomRow(2, 16, r), TinyGptTest.randomRow(7, 16, r),
      TinyGptTest.randomRow(7, 16, r), TinyGptTest.randomRow(1, 16, r)
    };
  }

  @Test
  void cacheGivesTheSameLogitsAndGreedyTokensAsRecomputing() {
    for (TinyGptConfig cfg : List.of(TinyGptTest.small(),
        TinyGptTest.small().withPositions(TinyGptConfig.Positions.ROTARY))) {
      for (int[][] prompts : List.of(raggedPrompts(), TinyGptTest.randomRows(4, 6, 16, 3))) {
        try (TinyGpt m = new TinyGpt(root, cfg, RandomSource.of(2))) {
          SamplingConfig greedy = SamplingConfig.greedy(9).withStopAtEos(false);
          Sampler cached = new Sampler(m, greedy);
          Sampler full = new Sampler(m, greedy.withKvCache(false));
          // one sample per prompt, and 3 per prompt (the prompt pass then runs once per distinct prompt)
          for (int g : new int[] {1, 3}) {
            cached.recordLogits();
            full.recordLogits();
            Generation a = cached.generate(prompts, g, RandomSource.of(1));
            Generation b = full.generate(prompts, g, RandomSource.of(1));
            assertThat(a.completions()).isDeepEqualTo(b.completions());
            assertThat(a.completions()[0]).hasSize(9);
            assertThat(cached.recordedLogits).hasSize(9);
            double maxDiff = 0;
            for (int s = 0; s < 9; s++) {
              float[] x = cached.recordedLogits.get(s);
              float[] y = full.recordedLogits.get(s);
              assertThat(x).hasSize(prompts.length * g * 16);
              for (int i = 0; i < x.length; i++) maxDiff = Math.max(maxDiff, Math.abs(x[i] - y[i]));
            }
            assertThat(maxDiff).as(cfg.positions() + " max |logit difference|").isLessThan(1e-5);
          }
        }
      }
    }
  }

  @Test
  void theContextLimitsTheNewTokens() {
    try (TinyGpt m = new TinyGpt(root, TinyGptTest.small(), RandomSource.of(2))) {
      int[][] prompts = raggedPrompts(); // longest 7 of context 16: at most 9 new tokens
      Generation g = new Sampler(m, SamplingConfig.sample(50).withStopAtEos(false)).generate(prompts, RandomSource.of(1));
      for (int[] c : g.completions()) assertThat(c).hasSize(9);
      assertThat(g.ended()).containsOnly(false);
      assertThatThrownBy(() -> new Sampler(m, SamplingConfig.sample(4))
          .generate(new int[][] {TinyGptTest.randomRow(16, 16, RandomSource.of(1))}, RandomSource.of(1)))
          .isInstanceOf(UserInputException.class).hasMessageContaining("no room in the context of 16");
    }
  }

  @Test
  void sameSeedSameCompletionsOtherSeedOthers() {
    try (TinyGpt m = new TinyGpt(root, TinyGptTest.small(), RandomSource.of(2))) {
      Sampler s = new Sampler(m, SamplingConfig.sample(8));
      int[][] prompts = raggedPrompts();
      Generation a = s.generate(prompts, 4, RandomSource.of(11));
      Generation b = s.generate(prompts, 4, RandomSource.of(11));
      Generation c = s.generate(prompts, 4, RandomSource.of(12));
      Generation d = new Sampler(m, SamplingConfig.sample(8).withKvCache(false)).generate(prompts, 4, RandomSource.of(11));
      assertThat(a.size()).isEqualTo(20);
      assertThat(b.completions()).isDeepEqualTo(a.completions());
      assertThat(b.samplingLogProbs()).isDeepEqualTo(a.samplingLogProbs());
      assertThat(d.completions()).as("uncached, same seed").isDeepEqualTo(a.completions());
      assertThat(c.completions()).isNotEqualTo(a.completions());
      // group layout: rows p*G .. p*G+G-1 share prompt p
      for (int r = 0; r < 20; r++) assertThat(a.prompts()[r]).isEqualTo(prompts[r / 4]);
    }
  }

  @Test
  void rowsStopAtEosAndTheRestGoOn() {
    // an untrained model with eos made likely: bias the head towards <eos> by scaling its row
    try (TinyGpt m = new TinyGpt(root, TinyGptTest.small(), RandomSource.of(2))) {
      var state = m.exportState();
      float[] head = state.get("head.weight");
      for (int k = 0; k < 32; k++) head[CharTokenizer.EOS * 32 + k] *= 40f;
      m.importState(state);
      Generation g = new Sampler(m, SamplingConfig.sample(9)).generate(raggedPrompts(), 8, RandomSource.of(5));
      int endedRows = 0;
      Set<Integer> lengths = new HashSet<>();
      for (int b = 0; b < g.size(); b++) {
        int[] c = g.completions()[b];
        lengths.add(c.length);
        for (int t = 0; t < c.length - 1; t++) assertThat(c[t]).isNotEqualTo(CharTokenizer.EOS);
        if (g.ended()[b]) {
          endedRows++;
          assertThat(c[c.length - 1]).isEqualTo(CharTokenizer.EOS);
          assertThat(g.answer(b)).hasSize(c.length - 1);
        } else {
          assertThat(c).hasSize(9);
          assertThat(g.truncated(b)).isTrue();
        }
        assertThat(g.samplingLogProbs()[b]).hasSize(c.length);
        assertThat(g.logProbs()[b]).hasSize(c.length);
      }
      assertThat(endedRows).isGreaterThan(0);
      assertThat(lengths.size()).as("completion lengths differ between rows").isGreaterThan(2);
      assertThat(g.tokenCount()).isLessThan(40 * 9);
    }
  }

  @Test
  void sampledLogProbsMatchAForwardPassOverTheCompletions() {
    try (TinyGpt m = new TinyGpt(root, TinyGptTest.small(), RandomSource.of(2))) {
      Generation g = new Sampler(m, SamplingConfig.sample(8)).generate(raggedPrompts(), 3, RandomSource.of(5));
      CompletionLogProbs lp = m.completionLogProbs(g.sequences(), g.promptLengths());
      for (int b = 0; b < g.size(); b++) {
        for (int t = 0; t < g.completions()[b].length; t++) {
          assertThat(g.logProbs()[b][t]).isCloseTo(lp.logProbs()[b][t], within(1e-5f));
          // temperature 1 without filters: the sampling distribution is the model's
          assertThat(g.samplingLogProbs()[b][t]).isCloseTo(g.logProbs()[b][t], within(1e-6f));
        }
      }
      Generation hot = new Sampler(m, SamplingConfig.sample(8).withTemperature(0.5f))
          .generate(raggedPrompts(), 3, RandomSource.of(5));
      CompletionLogProbs hotLp = m.completionLogProbs(hot.sequences(), hot.promptLengths(), 0.5f);
      for (int b = 0; b < hot.size(); b++) {
        for (int t = 0; t < hot.completions()[b].length; t++) {
          assertThat(hot.samplingLogProbs()[b][t]).isCloseTo(hotLp.logProbs()[b][t], within(1e-5f));
        }
      }
    }
  }

  @Test
  void filtersRestrictTheDraws() {
    try (TinyGpt m = new TinyGpt(root, TinyGptTest.small(), RandomSource.of(2))) {
      int[][] prompts = raggedPrompts();
      SamplingConfig base = SamplingConfig.sample(6).withStopAtEos(false);
      Generation greedy = new Sampler(m, SamplingConfig.greedy(6).withStopAtEos(false)).generate(prompts, RandomSource.of(1));
      Generation top1 = new Sampler(m, base.withTopK(1)).generate(prompts, RandomSource.of(3));
      Generation nucleus = new Sampler(m, base.withTopP(1e-6f)).generate(prompts, RandomSource.of(4));
      assertThat(top1.completions()).isDeepEqualTo(greedy.completions());
      assertThat(nucleus.completions()).isDeepEqualTo(greedy.completions());
      for (float[] row : top1.samplingLogProbs()) assertThat(row).containsOnly(0f);
      // top-k = 3: every drawn token is among the 3 most probable of its step
      Sampler k3 = new Sampler(m, base.withTopK(3));
      k3.recordLogits();
      Generation g = k3.generate(prompts, RandomSource.of(8));
      for (int t = 0; t < 6; t++) {
        float[] z = k3.recordedLogits.get(t);
        for (int b = 0; b < prompts.length; b++) {
          int y = g.completions()[b][t];
          int above = 0;
          for (int a = 0; a < 16; a++) if (z[b * 16 + a] > z[b * 16 + y]) above++;
          assertThat(above).isLessThan(3);
          assertThat(g.samplingLogProbs()[b][t]).isGreaterThanOrEqualTo(g.logProbs()[b][t]);
        }
      }
    }
  }

  @Test
  void samplingFollowsTheSoftmax() {
    // a 1-token prompt, 4000 draws of the first token: frequencies match softmax(z / 0.8)
    try (TinyGpt m = new TinyGpt(root, TinyGptTest.small(), RandomSource.of(2))) {
      var state = m.exportState();
      float[] head = state.get("head.weight");
      for (int i = 0; i < head.length; i++) head[i] *= 60f; // spread the probabilities
      m.importState(state);
      Sampler s = new Sampler(m, SamplingConfig.sample(1).withTemperature(0.8f));
      s.recordLogits();
      int[][] prompts = new int[4000][];
      for (int i = 0; i < prompts.length; i++) prompts[i] = new int[] {CharTokenizer.BOS};
      Generation g = s.generate(prompts, RandomSource.of(77));
      float[] z = s.recordedLogits.get(0);
      double[] p = TinyGptTest.logSoftmax(z, 0, 16, 0.8);
      int[] counts = new int[16];
      for (int[] c : g.completions()) counts[c[0]]++;
      for (int a = 0; a < 16; a++) {
        double expect = Math.exp(p[a]);
        double sd = Math.sqrt(expect * (1 - expect) / 4000);
        assertThat((double) counts[a] / 4000).as("token " + a).isCloseTo(expect, within(4 * sd + 1e-9));
      }
    }
  }
}
