package org.rewardlab.nn.lm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.random.Seeds;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.text.CharTokenizer;
import org.rewardlab.nn.Gradients;
import org.rewardlab.nn.Torch;

/** The Java walk-through of docs/lm-model.md, run as written. */
class DocsExampleTest {

  static int[] concat(int[] a, int[] b) {
    int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void walkThrough(@TempDir Path dir) {
    CharTokenizer tok = new CharTokenizer("0123456789+*=");          // the peer's 16 ids
    Seeds seeds = new Seeds(1);
    try (NDManager root = Torch.manager();
        TinyGpt policy = new TinyGpt(root, TinyGptConfig.forTokenizer(tok), seeds.stream("policy.init"))) {
      // SFT: prompt (<bos> first) + answer + <eos>; the loss covers the answer and <eos>
      int[] prompt = tok.encode("123+456=", true, false);
      int[][] batch = {concat(prompt, tok.encode("579", false, true))};
      int[] promptLengths = {prompt.length};
      AdamW opt = AdamW.peer(0.01);                                  // betas (0.9, 0.95), eps 1e-8
      LrSchedule lr = LrSchedule.peerSft(2e-3, 500);
      for (int step = 0; step < 3; step++) {
        LmTraining.StepStats s = LmTraining.sftStep(policy, opt, batch, promptLengths, lr.lr(step), 1.0);
        assertThat(s.tokens()).isEqualTo(4);
      }

      // G = 4 completions of one prompt in one batch, at most 5 tokens, stop at <eos>
      Sampler sampler = new Sampler(policy, SamplingConfig.sample(5));
      Generation g = sampler.generate(new int[][] {prompt}, 4, seeds.stream("policy.sample"));

      // π_old / π_ref for GRPO: a separate forward pass, Java arrays, no graph
      CompletionLogProbs old = policy.completionLogProbs(g.sequences(), g.promptLengths());

      // the training view: tensors in one scope per update, differentiable
      try (NDManager scope = policy.manager().newSubManager()) {
        try (GradientCollector gc = Torch.init().newGradientCollector()) {
          TokenLogProbs lp = policy.logProbs(scope, g.sequences(), g.promptLengths());  // [B, C]
          NDArray loss = LmLoss.sft(scope, lp);                      // or a GRPO loss on lp
          gc.backward(loss);
        }
      }
      float[][] grads = Gradients.readAndZero(policy.parameters());
      opt.step(policy.parameters(), grads, lr.lr(3));

      // checkpoint: config, weights and optimizer, bit for bit
      Checkpoint.Builder b = Checkpoint.builder();
      LmCheckpoint.writeModel(b, "policy", policy);
      LmCheckpoint.writeOptimizer(b, "policy", opt);
      Checkpoints.save(dir.resolve("lm.ckpt"), b.build());

      assertThat(g.size()).isEqualTo(4);
      for (int i = 0; i < 4; i++) {
        assertThat(old.logProbs()[i]).hasSize(g.completions()[i].length);
        assertThat(g.completions()[i].length).isBetween(1, 5);
      }
      assertThat(opt.stepCount()).isEqualTo(4);
      try (TinyGpt back = LmCheckpoint.readModel(Checkpoints.load(dir.resolve("lm.ckpt")), "policy", root)) {
        assertThat(back.exportState().get("head.weight")).isEqualTo(policy.exportState().get("head.weight"));
      }
    }
  }
}
