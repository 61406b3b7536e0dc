package org.rewardlab.nn.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.text.CharTokenizer;
import org.rewardlab.nn.Adam;
import org.rewardlab.nn.Torch;

class LmTrainingTest {
  static NDManager root;
  static final CharTokenizer TOK = new CharTokenizer("0123456789+*=");

  @BeforeAll
  static void open() {
    root = Torch.manager();
  }

  @AfterAll
  static void close() {
    root.close();
  }

  /** "a+b=" prompts with their sums and {@code <eos>} as completions (the peer's token ids). */
  static int[][] additions(int n, long seed, int[] promptLengths) {
    RandomSource r = RandomSource.of(seed);
    int[][] seqs = new int[n][];
    for (int i = 0; i < n; i++) {
      int a = 10 + r.nextInt(90);
      int b = 10 + r.nextInt(90);
      int[] prompt = TOK.encode(a + "+" + b + "=");
      int[] answer = TOK.encode(String.valueOf(a + b));
      int[] s = new int[1 + prompt.length + answer.length + 1];
      s[0] = CharTokenizer.BOS;
      System.arraycopy(prompt, 0, s, 1, prompt.length);
      System.arraycopy(answer, 0, s, 1 + prompt.length, answer.length);
      s[s.length - 1] = CharTokenizer.EOS;
      seqs[i] = s;
      promptLengths[i] = 1 + prompt.length;
    }
    return seqs;
  }

  @Test
  void sftMemorizesAHandfulOfSequencesAndGreedyDecodingRepeatsThem() {
    TinyGptConfig cfg = TinyGptConfig.defaults().withContextLength(16).withShape(2, 64, 4);
    try (TinyGpt m = new TinyGpt(root, cfg, RandomSource.of(1))) {
      int[] promptLengths = new int[8];
      int[][] seqs = additions(8, 3, promptLengths);
      AdamW opt = AdamW.peer(0.01);
      LrSchedule lr = LrSchedule.warmupCosine(3e-3, 10, 150, 3e-4);
      int tokens = 0;
      for (int i = 0; i < 8; i++) tokens += seqs[i].length - promptLengths[i];
      double first = Double.NaN;
      double last = Double.NaN;
      for (int step = 0; step < 150; step++) {
        LmTraining.StepStats s = LmTraining.sftStep(m, opt, seqs, promptLengths, lr.lr(step), 1.0);
        if (step == 0) first = s.loss();
        last = s.loss();
        assertThat(s.tokens()).isEqualTo(tokens);
      }
      assertThat(first).isGreaterThan(2.0); // about ln 16 for a fresh model
      assertThat(last).isLessThan(0.02);
      int[][] prompts = new int[8][];
      for (int i = 0; i < 8; i++) prompts[i] = java.util.Arrays.copyOf(seqs[i], promptLengths[i]);
      Generation g = new Sampler(m, SamplingConfig.greedy(6)).generate(prompts, RandomSource.of(1));
      for (int i = 0; i < 8; i++) {
        assertThat(g.completions()[i])
            .isEqualTo(java.util.Arrays.copyOfRange(seqs[i], promptLengths[i], seqs[i].length));
        assertThat(g.ended()[i]).isTrue();
      }
    }
  }

  @Test
  void trainingIsBitReproducibleAndResumesFromACheckpointBitForBit(@TempDir Path dir) {
    TinyGptConfig cfg = TinyGptConfig.defaults().withContextLength(16).withShape(1, 32, 2);
    int[] promptLengths = new int[6];
    int[][] seqs = additions(6, 5, promptLengths);
    LrSchedule lr = LrSchedule.peerSft(2e-3, 10);
    Map<String, float[]> straight;
    try (TinyGpt m = new TinyGpt(root, cfg, RandomSource.of(4))) {
      AdamW opt = AdamW.peer(0.01);
      for (int step = 0; step < 10; step++) LmTraining.sftStep(m, opt, seqs, promptLengths, lr.lr(step), 0);
      straight = m.exportState();
    }
    Path file = dir.resolve("lm.ckpt");
    try (TinyGpt m = new TinyGpt(root, cfg, RandomSource.of(4))) {
      AdamW opt = AdamW.peer(0.01);
      for (int step = 0; step < 6; step++) LmTraining.sftStep(m, opt, seqs, promptLengths, lr.lr(step), 0);
      Checkpoint.Builder b = Checkpoint.builder();
      LmCheckpoint.writeModel(b, "policy", m);
      LmCheckpoint.writeOptimizer(b, "policy", opt);
      Checkpoints.save(file, b.build());
    }
    Checkpoint c = Checkpoints.load(file);
    assertThat(LmCheckpoint.readConfig(c, "policy")).isEqualTo(cfg);
    try (TinyGpt m = LmCheckpoint.readModel(c, "policy", root)) {
      AdamW opt = AdamW.peer(0.01);
      LmCheckpoint.readOptimizer(c, "policy", opt);
      assertThat(opt.stepCount()).isEqualTo(6);
      for (int step = 6; step < 10; step++) LmTraining.sftStep(m, opt, seqs, promptLengths, lr.lr(step), 0);
      Map<String, float[]> resumed = m.exportState();
      for (String k : straight.keySet()) assertThat(resumed.get(k)).as(k).isEqualTo(straight.get(k));
    }
  }

  @Test
  void adamWDecaysThenStepsLikeTorch() {
    // torch.optim.AdamW, one parameter [1.0, -2.0], grads [0.5, 0.1], lr 0.1, wd 0.1, betas (0.9, 0.95), eps 1e-8:
    // p *= 1 - 0.01; m = 0.1 g; v = 0.05 g^2; update = lr * (m / 0.1) / (sqrt(v / 0.05) + eps) = lr * sign(g)
    AdamW w = new AdamW(0.9, 0.95, 1e-8, 0.1);
    float[][] p = {{1f, -2f}};
    w.step(p, new float[][] {{0.5f, 0.1f}}, 0.1, null);
    assertThat(p[0][0]).isCloseTo(0.99f - 0.1f, within(1e-6f));
    assertThat(p[0][1]).isCloseTo(-1.98f - 0.1f, within(1e-6f));
    // without decay it is Adam, bit for bit
    AdamW plain = new AdamW(0.9, 0.95, 1e-8, 0.0);
    Adam adam = new Adam(0.9, 0.95, 1e-8);
    float[][] a = {{0.3f, -0.7f, 1.1f}};
    float[][] b = {{0.3f, -0.7f, 1.1f}};
    for (int s = 0; s < 5; s++) {
      float[][] g = {{0.2f * s - 0.3f, 0.05f, -1f / (s + 1)}};
      plain.step(a, g, 0.01, null);
      adam.step(b, new float[][] {g[0].clone()}, 0.01);
    }
    assertThat(a[0]).isEqualTo(b[0]);
    // a decay mask exempts parameters
    AdamW masked = new AdamW(0.9, 0.95, 1e-8, 0.5);
    float[][] q = {{1f}, {1f}};
    masked.step(q, new float[][] {{0f}, {0f}}, 0.1, new boolean[] {true, false});
    assertThat(q[0][0]).isEqualTo(0.95f);
    assertThat(q[1][0]).isEqualTo(1f);
  }

  @Test
  void schedulesFollowTheirFormulas() {
    // the peer's SFT schedule, computed as its Python does
    int steps = 800;
    double peak = 2e-3;
    LrSchedule s = LrSchedule.peerSft(peak, steps);
    int warm = Math.max(1, steps / 20);
    int decay = (int) (steps * 0.75);
    for (int step = 0; step < steps; step++) {
      double want = step < decay ? peak * Math.min(1.0, (double) (step + 1) / warm)
          : peak * (steps - step) / (steps - decay);
      assertThat(s.lr(step)).as("step " + step).isEqualTo(want);
    }
    LrSchedule cos = LrSchedule.warmupCosine(1.0, 10, 110, 0.1);
    assertThat(cos.lr(0)).isEqualTo(0.1);
    assertThat(cos.lr(9)).isEqualTo(1.0);
    assertThat(cos.lr(10)).isEqualTo(1.0);
    assertThat(cos.lr(60)).isCloseTo(0.55, within(1e-12));
    assertThat(cos.lr(109)).isCloseTo(0.1, within(1e-3));
    assertThat(cos.lr(500)).isEqualTo(0.1);
    LrSchedule lin = LrSchedule.warmupLinear(1.0, 0, 100, 0.0);
    assertThat(lin.lr(0)).isEqualTo(1.0);
    assertThat(lin.lr(50)).isEqualTo(0.5);
    assertThat(LrSchedule.constant(3e-4, 10).lr(9)).isEqualTo(3e-4);
  }
}
