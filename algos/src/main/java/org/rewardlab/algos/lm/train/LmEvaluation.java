package org.rewardlab.algos.lm.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rewardlab.algos.lm.eval.TextEvaluation;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.text.CharTokenizer;
import org.rewardlab.envs.text.Completion;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.nn.lm.Generation;
import org.rewardlab.nn.lm.Sampler;
import org.rewardlab.nn.lm.SamplingConfig;
import org.rewardlab.nn.lm.TinyGpt;

/** Completes problems with a model and scores the completions ({@link TextEvaluation}). */
final class LmEvaluation {
  /** Prompts per generation call (bounds the batch the KV cache holds). */
  static final int CHUNK = 256;

  private LmEvaluation() {}

  /**
   * {@code samples} completions of each problem, in problem order, generated in chunks.
   *
   * @param rng the sampling stream (unused by greedy decoding)
   */
  static List<List<Completion>> complete(TinyGpt model, CharTokenizer tokenizer, List<? extends Problem> problems,
      int samples, SamplingConfig sampling, RandomSource rng) {
    List<List<Completion>> out = new ArrayList<>(problems.size());
    Sampler sampler = new Sampler(model, sampling);
    for (int start = 0; start < problems.size(); start += CHUNK) {
      List<? extends Problem> chunk = problems.subList(start, Math.min(problems.size(), start + CHUNK));
      int[][] prompts = new int[chunk.size()][];
      for (int i = 0; i < prompts.length; i++) prompts[i] = tokenizer.encode(chunk.get(i).prompt(), true, false);
      Generation g = sampler.generate(prompts, samples, rng);
      for (int i = 0; i < chunk.size(); i++) {
        List<Completion> group = new ArrayList<>(samples);
        for (int s = 0; s < samples; s++) group.add(completion(tokenizer, chunk.get(i), g, i * samples + s));
        out.add(group);
      }
    }
    return out;
  }

  /**
   * Row {@code b} of a generation as a completion of {@code problem}: its answer tokens decoded (an id
   * the tokenizer cannot decode makes the text empty: model output is arbitrary), finished when it
   * ended with {@code <eos>}.
   */
  static Completion completion(CharTokenizer tokenizer, Problem problem, Generation g, int b) {
    String text;
    try {
      text = tokenizer.decode(g.answer(b));
    } catch (RuntimeException e) {
      text = "";
    }
    return new Completion(problem, text, !g.truncated(b));
  }

  /**
   * Greedy pass@1 ({@code eval/greedy_accuracy}) and, unless {@code greedyOnly}, sampled pass@1 and
   * pass@k (k = {@code samples}) at {@code temperature}, with lengths and accuracy by difficulty.
   */
  static Map<String, Double> evaluate(TinyGpt model, CharTokenizer tokenizer, List<? extends Problem> problems,
      int maxNewTokens, int samples, double temperature, boolean greedyOnly, RandomSource rng) {
    Map<String, Double> greedy = TextEvaluation.score(
        complete(model, tokenizer, problems, 1, SamplingConfig.greedy(maxNewTokens), rng));
    Map<String, Double> m = new java.util.LinkedHashMap<>();
    m.put("eval/greedy_accuracy", greedy.get("eval/pass@1"));
    if (greedyOnly) {
      for (Map.Entry<String, Double> e : greedy.entrySet()) {
        if (!e.getKey().equals("eval/pass@1")) m.put(e.getKey().replace("eval/", "eval/greedy_"), e.getValue());
      }
      return m;
    }
    SamplingConfig sc = SamplingConfig.sample(maxNewTokens).withTemperature((float) temperature);
    m.putAll(TextEvaluation.score(complete(model, tokenizer, problems, samples, sc, rng), samples));
    return m;
  }
}
