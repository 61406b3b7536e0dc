package org.rewardlab.nn.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.text.CharTokenizer;
import org.rewardlab.nn.Gradients;
import org.rewardlab.nn.Tensors;
import org.rewardlab.nn.Torch;

class TinyGptTest {
  static NDManager root;

  /** A small model for fast tests: vocab 16, context 16, 2 layers, d 32, 4 heads. */
  static TinyGptConfig small() {
    return TinyGptConfig.defaults().withContextLength(16).withShape(2, 32, 4);
  }

  @BeforeAll
  static void open() {
    root = Torch.manager();
  }

  @AfterAll
  static void close() {
    root.close();
  }

  @Test
  void benchConfigHasThePeersParameterCountAndNames() {
    TinyGptConfig cfg = TinyGptConfig.defaults();
    assertThat(cfg.parameterCount()).isEqualTo(404_992L);
    assertThat(TinyGptConfig.forTokenizer(new CharTokenizer("0123456789+*="))).isEqualTo(cfg);
    try (TinyGpt m = new TinyGpt(root, cfg, RandomSource.of(1))) {
      assertThat(m.numParameters()).isEqualTo(404_992L);
      // the peer's named_parameters(), in order
      List<String> names = List.copyOf(m.namedParameters().keySet());
      assertThat(names).hasSize(5 + 2 * 12);
      assertThat(names.subList(0, 14)).containsExactly("tok.weight", "pos.weight", "blocks.0.ln1.weight",
          "blocks.0.ln1.bias", "blocks.0.qkv.weight", "blocks.0.qkv.bias", "blocks.0.proj.weight",
          "blocks.0.proj.bias", "blocks.0.ln2.weight", "blocks.0.ln2.bias", "blocks.0.fc.weight", "blocks.0.fc.bias",
          "blocks.0.out.weight", "blocks.0.out.bias");
      assertThat(names.subList(26, 29)).containsExactly("ln_f.weight", "ln_f.bias", "head.weight");
      assertThat(m.namedParameters().get("blocks.1.qkv.weight").getShape()).isEqualTo(new Shape(384, 128));
      assertThat(m.namedParameters().get("blocks.1.out.weight").getShape()).isEqualTo(new Shape(128, 512));
    }
  }

  @Test
  void variantsCountWhatTheyHold() {
    for (TinyGptConfig cfg : List.of(small(), small().withTiedEmbeddings(true),
        small().withPositions(TinyGptConfig.Positions.ROTARY),
        small().withPositions(TinyGptConfig.Positions.ROTARY).withTiedEmbeddings(true))) {
      try (TinyGpt m = new TinyGpt(root, cfg, RandomSource.of(1))) {
        assertThat(m.numParameters()).as(cfg.toString()).isEqualTo(cfg.parameterCount());
        assertThat(m.namedParameters().containsKey("head.weight")).isEqualTo(!cfg.tiedEmbeddings());
        assertThat(m.namedParameters().containsKey("pos.weight"))
            .isEqualTo(cfg.positions() == TinyGptConfig.Positions.LEARNED);
      }
    }
    assertThat(small().withTiedEmbeddings(true).parameterCount()).isEqualTo(small().parameterCount() - 16 * 32);
  }

  @Test
  void initIsThePeersSchemeAndSeeded() {
    TinyGptConfig cfg = TinyGptConfig.defaults();
    try (TinyGpt a = new TinyGpt(root, cfg, RandomSource.of(7));
        TinyGpt b = new TinyGpt(root, cfg, RandomSource.of(7));
        TinyGpt c = new TinyGpt(root, cfg, RandomSource.of(8))) {
      Map<String, float[]> sa = a.exportState();
      Map<String, float[]> sb = b.exportState();
      Map<String, float[]> sc = c.exportState();
      for (String k : sa.keySet()) assertThat(sb.get(k)).as(k).isEqualTo(sa.get(k));
      assertThat(sc.get("tok.weight")).isNotEqualTo(sa.get("tok.weight"));
      assertThat(std(sa.get("blocks.0.fc.weight"))).isCloseTo(0.02, within(0.0005));
      assertThat(std(sa.get("blocks.1.proj.weight"))).isCloseTo(0.01, within(0.0005)); // 0.02 / sqrt(2 L)
      assertThat(std(sa.get("blocks.1.out.weight"))).isCloseTo(0.01, within(0.0005));
      assertThat(sa.get("blocks.0.qkv.bias")).containsOnly(0f);
      assertThat(sa.get("blocks.0.ln2.weight")).containsOnly(1f);
      assertThat(sa.get("ln_f.bias")).containsOnly(0f);
    }
  }

  private static double std(float[] a) {
    double s = 0;
    double q = 0;
    for (float x : a) {
      s += x;
      q += (double) x * x;
    }
    double m = s / a.length;
    return Math.sqrt(q / a.length - m * m);
  }

  @Test
  void geluIsTheExactErfForm() {
    try (NDManager s = root.newSubManager()) {
      float[] y = Activation.gelu(Tensors.create(s, new float[] {-1f, 0.5f, 1f, 2f})).toFloatArray();
      // x Φ(x): Φ(1) = 0.8413447460685429, Φ(0.5) = 0.6914624612740131, Φ(2) = 0.9772498680518208
      assertThat(y[0]).isCloseTo((float) (-1 * (1 - 0.8413447460685429)), within(1e-7f));
      assertThat(y[1]).isCloseTo((float) (0.5 * 0.6914624612740131), within(1e-7f));
      assertThat(y[2]).isCloseTo(0.8413447f, within(1e-7f));
      assertThat(y[3]).isCloseTo((float) (2 * 0.9772498680518208), within(1e-7f));
    }
  }

  @Test
  void forwardShapes() {
    for (TinyGptConfig cfg : List.of(small(), small().withPositions(TinyGptConfig.Positions.ROTARY))) {
      try (TinyGpt m = new TinyGpt(root, cfg, RandomSource.of(1)); NDManager s = m.manager().newSubManager()) {
        NDArray logits = m.forward(tokens(s, randomRows(3, 11, 16, 5)));
        assertThat(logits.getShape()).isEqualTo(new Shape(3, 11, 16));
        assertThat(logits.getManager()).isSameAs(s);
      }
    }
  }

  @Test
  void futureTokensDoNotChangeEarlierLogits() {
    for (TinyGptConfig cfg : List.of(small(), small().withPositions(TinyGptConfig.Positions.ROTARY))) {
      try (TinyGpt m = new TinyGpt(root, cfg, RandomSource.of(3)); NDManager s = m.manager().newSubManager()) {
        int[][] rows = randomRows(2, 12, 16, 9);
        float[] before = m.forward(tokens(s, rows)).toFloatArray();
        int k = 7;
        rows[0][k] = (rows[0][k] + 5) % 16;
        rows[1][k] = (rows[1][k] + 3) % 16;
        float[] after = m.forward(tokens(s, rows)).toFloatArray();
        int v = 16;
        double maxEarlier = 0;
        double maxLater = 0;
        for (int b = 0; b < 2; b++) {
          for (int t = 0; t < 12; t++) {
            for (int a = 0; a < v; a++) {
              int i = (b * 12 + t) * v + a;
              double d = Math.abs(before[i] - after[i]);
              if (t < k) maxEarlier = Math.max(maxEarlier, d);
              else maxLater = Math.max(maxLater, d);
            }
          }
        }
        assertThat(maxEarlier).as(cfg.positions() + ": earlier logits").isLessThan(1e-6);
        assertThat(maxLater).as(cfg.positions() + ": logits from the changed token on").isGreaterThan(1e-4);
      }
    }
  }

  @Test
  void logProbsAreLogSoftmaxGatheredByHand() {
    try (TinyGpt m = new TinyGpt(root, small(), RandomSource.of(4)); NDManager s = m.manager().newSubManager()) {
      int[][] seqs = randomRows(3, 10, 16, 11);
      int[] prompts = {4, 4, 4};
      float[] logits = m.forward(tokens(s, seqs)).toFloatArray();
      CompletionLogProbs lp = m.completionLogProbs(seqs, prompts);
      CompletionLogProbs hot = m.completionLogProbs(seqs, prompts, 0.7f);
      for (int b = 0; b < 3; b++) {
        assertThat(lp.logProbs()[b]).hasSize(6);
        for (int t = 0; t < 6; t++) {
          int pos = prompts[b] - 1 + t; // the position whose output predicts completion token t
          int y = seqs[b][pos + 1];
          double[] ls = logSoftmax(logits, (b * 10 + pos) * 16, 16, 1.0);
          double ent = 0;
          for (double x : ls) ent -= Math.exp(x) * x;
          assertThat(lp.logProbs()[b][t]).isCloseTo((float) ls[y], within(1e-5f));
          assertThat(lp.entropy()[b][t]).isCloseTo((float) ent, within(1e-5f));
          double[] lsHot = logSoftmax(logits, (b * 10 + pos) * 16, 16, 0.7);
          assertThat(hot.logProbs()[b][t]).isCloseTo((float) lsHot[y], within(1e-5f));
        }
      }
    }
  }

  static double[] logSoftmax(float[] z, int o, int v, double tau) {
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < v; a++) max = Math.max(max, z[o + a] / tau);
    double sum = 0;
    for (int a = 0; a < v; a++) sum += Math.exp(z[o + a] / tau - max);
    double[] out = new double[v];
    for (int a = 0; a < v; a++) out[a] = z[o + a] / tau - max - Math.log(sum);
    return out;
  }

  @Test
  void paddedBatchesScoreLikeSingleSequences() {
    for (TinyGptConfig cfg : List.of(small(), small().withPositions(TinyGptConfig.Positions.ROTARY))) {
      try (TinyGpt m = new TinyGpt(root, cfg, RandomSource.of(5))) {
        RandomSource r = RandomSource.of(21);
        int[] lengths = {5, 12, 9, 3, 16};
        int[] promptLengths = {2, 7, 1, 2, 10};
        int[][] seqs = new int[lengths.length][];
        for (int b = 0; b < seqs.length; b++) seqs[b] = randomRow(lengths[b], 16, r);
        CompletionLogProbs batch = m.completionLogProbs(seqs, promptLengths);
        for (int b = 0; b < seqs.length; b++) {
          CompletionLogProbs one = m.completionLogProbs(new int[][] {seqs[b]}, new int[] {promptLengths[b]});
          assertThat(batch.logProbs()[b]).hasSize(lengths[b] - promptLengths[b]);
          for (int t = 0; t < one.logProbs()[0].length; t++) {
            assertThat(batch.logProbs()[b][t]).as(cfg.positions() + " row " + b + " token " + t)
                .isCloseTo(one.logProbs()[0][t], within(1e-5f));
            assertThat(batch.entropy()[b][t]).isCloseTo(one.entropy()[0][t], within(1e-5f));
          }
        }
        // left padding (generation's layout): logits of every real token equal the row alone
        try (NDManager s = m.manager().newSubManager()) {
          TokenBatch left = TokenBatch.leftPadded(seqs, CharTokenizer.PAD);
          TokenBatch right = TokenBatch.rightPadded(seqs, CharTokenizer.PAD);
          float[] l = m.forward(s, left).toFloatArray();
          float[] rr = m.forward(s, right).toFloatArray();
          int w = left.width();
          for (int b = 0; b < seqs.length; b++) {
            float[] alone = m.forward(tokens(s, new int[][] {seqs[b]})).toFloatArray();
            for (int i = 0; i < lengths[b]; i++) {
              for (int a = 0; a < 16; a++) {
                float want = alone[i * 16 + a];
                assertThat(l[(b * w + left.column(b, i)) * 16 + a]).isCloseTo(want, within(1e-5f));
                assertThat(rr[(b * w + right.column(b, i)) * 16 + a]).isCloseTo(want, within(1e-5f));
              }
            }
          }
        }
      }
    }
  }

  /** G = 3 completions of different lengths for each of 3 prompts of different lengths. */
  static int[][] groupedSequences(int[] promptLengthsOut) {
    RandomSource r = RandomSource.of(31);
    int[] plen = {4, 6, 2};
    int[][] seqs = new int[9][];
    for (int p = 0; p < 3; p++) {
      int[] prompt = randomRow(plen[p], 16, r);
      for (int g = 0; g < 3; g++) {
        int c = 1 + r.nextInt(6);
        int[] s = java.util.Arrays.copyOf(prompt, plen[p] + c);
        for (int t = 0; t < c; t++) s[plen[p] + t] = 3 + r.nextInt(13);
        seqs[p * 3 + g] = s;
        promptLengthsOut[p * 3 + g] = plen[p];
      }
    }
    return seqs;
  }

  @Test
  void sharedPromptScoringEqualsWholeRowsWithGradients() {
    for (TinyGptConfig cfg : List.of(small(), small().withPositions(TinyGptConfig.Positions.ROTARY))) {
      for (boolean ragged : new boolean[] {true, false}) {
        int[] prompts = new int[9];
        int[][] seqs = groupedSequences(prompts);
        if (!ragged) {
          for (int i = 0; i < 9; i++) { // one prompt length for all: cut or pad the prompts to 4
            int[] s = seqs[i];
            int[] t = new int[4 + (s.length - prompts[i])];
            for (int j = 0; j < 4; j++) t[j] = j < prompts[i] ? s[j] : 5 + i / 3;
            System.arraycopy(s, prompts[i], t, 4, s.length - prompts[i]);
            seqs[i] = t;
            prompts[i] = 4;
          }
        }
        try (TinyGpt m = new TinyGpt(root, cfg, RandomSource.of(8))) {
          float[][] lp = new float[2][];
          float[][] ent = new float[2][];
          float[][][] grads = new float[2][][];
          for (int path = 0; path < 2; path++) {
            try (NDManager s = m.manager().newSubManager()) {
              try (GradientCollector gc = Torch.init().newGradientCollector()) {
                TokenLogProbs t = path == 0 ? m.logProbs(s, seqs, prompts) : m.logProbsWholeRows(s, seqs, prompts);
                lp[path] = t.logProbs().toFloatArray();
                ent[path] = t.entropy().toFloatArray();
                gc.backward(t.logProbs().sum().add(t.entropy().sum()));
              }
            }
            grads[path] = Gradients.readAndZero(m.parameters());
          }
          String what = cfg.positions() + (ragged ? " ragged" : " aligned");
          assertThat(lp[0]).as(what).hasSize(9 * 6);
          for (int i = 0; i < lp[0].length; i++) {
            assertThat(lp[0][i]).as(what).isCloseTo(lp[1][i], within(1e-5f));
            assertThat(ent[0][i]).as(what).isCloseTo(ent[1][i], within(1e-5f));
          }
          for (int p = 0; p < grads[0].length; p++) {
            for (int i = 0; i < grads[0][p].length; i++) {
              assertThat(grads[0][p][i]).as(what + " gradient " + p).isCloseTo(grads[1][p][i], within(2e-5f));
            }
          }
        }
      }
    }
  }

  @Test
  void maskedEntriesAreZeroAndGradientsReachEveryParameter() {
    try (TinyGpt m = new TinyGpt(root, small().withTiedEmbeddings(true), RandomSource.of(6))) {
      int[][] seqs = {randomRow(8, 16, RandomSource.of(1)), randomRow(5, 16, RandomSource.of(2))};
      int[] prompts = {3, 2};
      try (NDManager s = m.manager().newSubManager()) {
        try (GradientCollector gc = Torch.init().newGradientCollector()) {
          TokenLogProbs lp = m.logProbs(s, seqs, prompts);
          assertThat(lp.logProbs().getShape()).isEqualTo(new Shape(2, 5));
          assertThat(lp.mask().toFloatArray()).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
          float[] l = lp.logProbs().toFloatArray();
          assertThat(l[8]).isZero();
          assertThat(l[9]).isZero();
          assertThat(lp.entropy().toFloatArray()[9]).isZero();
          assertThat(lp.tokenCount()).isEqualTo(8);
          gc.backward(LmLoss.sft(s, lp));
        }
      }
      float[][] g = Gradients.readAndZero(m.parameters());
      List<String> names = List.copyOf(m.namedParameters().keySet());
      for (int i = 0; i < g.length; i++) {
        double n = 0;
        for (float x : g[i]) n += Math.abs(x);
        assertThat(n).as("gradient of " + names.get(i)).isGreaterThan(0);
      }
    }
  }

  @Test
  void stateRoundTripsBitForBit() {
    try (TinyGpt a = new TinyGpt(root, small(), RandomSource.of(1));
        TinyGpt b = new TinyGpt(root, small(), RandomSource.of(2));
        NDManager s = root.newSubManager()) {
      int[][] rows = randomRows(2, 9, 16, 3);
      float[] la = a.forward(tokens(s, rows)).toFloatArray();
      assertThat(b.forward(tokens(s, rows)).toFloatArray()).isNotEqualTo(la);
      b.importState(a.exportState());
      assertThat(b.forward(tokens(s, rows)).toFloatArray()).isEqualTo(la);
      Map<String, float[]> sa = a.exportState();
      Map<String, float[]> sb = b.exportState();
      for (String k : sa.keySet()) assertThat(sb.get(k)).isEqualTo(sa.get(k));
      Map<String, float[]> broken = a.exportState();
      broken.put("blocks.0.fc.bias", new float[3]);
      assertThatThrownBy(() -> b.importState(broken)).hasMessageContaining("blocks.0.fc.bias");
      broken.remove("blocks.0.fc.bias");
      assertThatThrownBy(() -> b.importState(broken)).hasMessageContaining("lacks 'blocks.0.fc.bias'");
    }
  }

  @Test
  void passesLeaveNoTensorsInTheModelsManager() {
    for (TinyGptConfig cfg : List.of(small(), small().withPositions(TinyGptConfig.Positions.ROTARY))) {
      try (TinyGpt m = new TinyGpt(root, cfg, RandomSource.of(1))) {
        BaseNDManager owner = (BaseNDManager) m.manager();
        int before = owner.getManagedArrays().size();
        int[][] seqs = {randomRow(8, 16, RandomSource.of(1)), randomRow(5, 16, RandomSource.of(2))};
        int[] prompts = {3, 2};
        for (int i = 0; i < 3; i++) {
          m.completionLogProbs(seqs, prompts);
          LmTraining.sftStep(m, AdamW.peer(0.01), seqs, prompts, 1e-3, 1.0);
          new Sampler(m, SamplingConfig.sample(4)).generate(seqs, 2, RandomSource.of(i));
          new Sampler(m, SamplingConfig.sample(4).withKvCache(false)).generate(seqs, RandomSource.of(i));
        }
        assertThat(owner.getManagedArrays()).hasSize(before);
      }
    }
  }

  @Test
  void badInputGetsClearMessages() {
    assertThatThrownBy(() -> TinyGptConfig.defaults().withShape(2, 130, 4))
        .isInstanceOf(UserInputException.class).hasMessageContaining("model.heads");
    assertThatThrownBy(() -> new TinyGptConfig(16, 32, 2, 128, 4, 4, 0.1, TinyGptConfig.Positions.LEARNED, false, 1e-5))
        .isInstanceOf(UserInputException.class).hasMessageContaining("model.dropout");
    assertThatThrownBy(() -> TinyGptConfig.defaults().withShape(2, 12, 4).withPositions(TinyGptConfig.Positions.ROTARY))
        .isInstanceOf(UserInputException.class).hasMessageContaining("even head size");
    try (TinyGpt m = new TinyGpt(root, small(), RandomSource.of(1)); NDManager s = m.manager().newSubManager()) {
      assertThatThrownBy(() -> m.forward(tokens(s, randomRows(1, 17, 16, 1))))
          .isInstanceOf(UserInputException.class).hasMessageContaining("longer than the context of 16");
      assertThatThrownBy(() -> m.completionLogProbs(new int[][] {randomRow(18, 16, RandomSource.of(1))}, new int[] {1}))
          .isInstanceOf(UserInputException.class).hasMessageContaining("context");
      assertThatThrownBy(() -> m.completionLogProbs(new int[][] {{1, 2, 3}}, new int[] {3}))
          .hasMessageContaining("no sequence has a completion");
      assertThatThrownBy(() -> m.completionLogProbs(new int[][] {{1, 2, 3}}, new int[] {0}))
          .hasMessageContaining("prompt length 0");
      assertThatThrownBy(() -> m.completionLogProbs(new int[][] {{1, 2, 99}}, new int[] {1}))
          .hasMessageContaining("token id 99");
    }
  }

  @Test
  void aSequenceOfContextPlusOneTokensFits() {
    // its last token is only a target (the peer's sft_ctx phase scores ctx + 1 tokens)
    try (TinyGpt m = new TinyGpt(root, small(), RandomSource.of(1))) {
      CompletionLogProbs lp = m.completionLogProbs(new int[][] {randomRow(17, 16, RandomSource.of(3))}, new int[] {1});
      assertThat(lp.logProbs()[0]).hasSize(16);
    }
  }

  // ------------------------------------------------------------------------------------------ helpers

  static NDArray tokens(NDManager s, int[][] rows) {
    long[] ids = new long[rows.length * rows[0].length];
    for (int b = 0; b < rows.length; b++) {
      for (int t = 0; t < rows[0].length; t++) ids[b * rows[0].length + t] = rows[b][t];
    }
    return Tensors.create(s, ids, new Shape(rows.length, rows[0].length));
  }

  static int[][] randomRows(int b, int t, int v, long seed) {
    RandomSource r = RandomSource.of(seed);
    int[][] rows = new int[b][];
    for (int i = 0; i < b; i++) rows[i] = randomRow(t, v, r);
    return rows;
  }

  static int[] randomRow(int t, int v, RandomSource r) {
    int[] row = new int[t];
    row[0] = CharTokenizer.BOS;
    for (int i = 1; i < t; i++) row[i] = 3 + r.nextInt(v - 3);
    return row;
  }
}
