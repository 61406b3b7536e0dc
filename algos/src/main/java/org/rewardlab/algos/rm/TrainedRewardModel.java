package org.rewardlab.algos.rm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;
import org.rewardlab.core.text.CharTokenizer;
import org.rewardlab.nn.lm.TinyGptConfig;

/**
 * A trained reward model: an ensemble of K ≥ 1 {@link RewardModel}s of one kind, trained from different
 * seeds on the same pairs. Its reward is the members' mean score; their standard deviation is the
 * ensemble's disagreement, an uncertainty estimate (large where the data did not pin the reward down). It
 * also keeps the mean and standard deviation of its rewards on the training responses, so a user may
 * standardise (HERON's (r − μ)/σ).
 *
 * <p>Saved as one checkpoint file ({@code .rm} by convention) with the config as JSON; {@link #load} refuses
 * other files with a message. Not thread-safe.
 */
public final class TrainedRewardModel implements AutoCloseable {
  /** The layout name in the file. */
  public static final String LAYOUT = "reward-model/1";

  private final RmConfig config;
  private final List<RewardModel> members;
  private final String alphabet;
  private final int vectorDim;
  private double mean;
  private double std = 1;

  private TrainedRewardModel(RmConfig config, List<RewardModel> members, String alphabet, int vectorDim) {
    this.config = config;
    this.members = List.copyOf(members);
    this.alphabet = alphabet;
    this.vectorDim = vectorDim;
  }

  /**
   * Fresh members for data whose text uses the characters of {@code alphabet} (text models), or whose
   * inputs are vectors of {@code vectorDim} numbers ({@code vectorDim > 0}; feature models only).
   */
  public static TrainedRewardModel create(RmConfig cfg, String alphabet, int vectorDim, RandomSource seed) {
    if (vectorDim > 0 && cfg.model().equals("tinygpt")) {
      throw new UserInputException("model", "a TinyGpt reward model reads text, and this data is feature vectors",
          "use the feature model");
    }
    List<RewardModel> m = new ArrayList<>();
    for (int k = 0; k < cfg.ensemble(); k++) m.add(member(cfg, alphabet, vectorDim, seed.derive("rm.member." + k)));
    return new TrainedRewardModel(cfg, m, alphabet, vectorDim);
  }

  private static RewardModel member(RmConfig cfg, String alphabet, int vectorDim, RandomSource rng) {
    if (cfg.model().equals("tinygpt")) {
      CharTokenizer tok = new CharTokenizer(alphabet.isEmpty() ? " " : alphabet);
      TinyGptConfig g = TinyGptConfig.defaults().withVocabSize(tok.vocabSize()).withContextLength(cfg.contextLength())
          .withShape(cfg.layers(), cfg.dModel(), cfg.heads());
      return new GptRewardModel(tok, g, rng);
    }
    int[] hidden = cfg.hidden().stream().mapToInt(Integer::intValue).toArray();
    Featurizer f = vectorDim > 0 ? Featurizer.vectors(vectorDim) : Featurizer.hashedNgrams(cfg.featureDim());
    return new FeatureRewardModel(f, hidden, rng);
  }

  /** The characters of every prompt and response of {@code pairs}, in order of first use. */
  public static String alphabetOf(List<RmPair> pairs) {
    Set<Character> seen = new LinkedHashSet<>();
    for (RmPair p : pairs) {
      for (RmInput in : List.of(p.chosen(), p.rejected())) {
        for (String s : new String[] {in.prompt(), in.response()}) {
          if (s == null) continue;
          for (int i = 0; i < s.length(); i++) seen.add(s.charAt(i));
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    for (char c : seen) sb.append(c);
    return sb.toString();
  }

  public RmConfig config() {
    return config;
  }

  public List<RewardModel> members() {
    return members;
  }

  /** Whether the model reads text (false: feature vectors). */
  public boolean readsText() {
    return vectorDim == 0;
  }

  /** The size of the feature vectors it reads (0 for text models). */
  public int vectorDim() {
    return vectorDim;
  }

  /** Checks that {@code in} fits, or throws a {@code UserInputException} naming {@code where}. */
  public void check(RmInput in, String where) {
    members.get(0).check(in, where);
  }

  /** Checks every input of {@code pairs} (pair i is named {@code source:i+1}). */
  public void checkAll(List<RmPair> pairs, String source) {
    for (int i = 0; i < pairs.size(); i++) {
      check(pairs.get(i).chosen(), source + ": pair " + (i + 1) + " (chosen)");
      check(pairs.get(i).rejected(), source + ": pair " + (i + 1) + " (rejected)");
    }
  }

  /** Trains every member on {@code pairs} (each shuffles with its own stream) and records μ, σ of the rewards. */
  public List<RmTrainer.Report> train(List<RmPair> pairs, RandomSource seed) {
    List<RmTrainer.Report> reports = new ArrayList<>();
    for (int k = 0; k < members.size(); k++) {
      reports.add(RmTrainer.train(members.get(k), pairs, config, seed.derive("rm.shuffle." + k)));
    }
    List<RmInput> responses = new ArrayList<>();
    for (RmPair p : pairs) {
      responses.add(p.chosen());
      responses.add(p.rejected());
    }
    double[] s = score(responses);
    double m = 0;
    for (double v : s) m += v;
    m /= s.length;
    double v2 = 0;
    for (double v : s) v2 += (v - m) * (v - m);
    this.mean = m;
    this.std = Math.max(1e-8, Math.sqrt(v2 / s.length));
    return reports;
  }

  /** The inputs per forward pass of {@link #score(List)} and {@link #disagreement(List)}. */
  public static final int SCORE_BATCH = 256;

  /** The mean member score of each input. */
  public double[] score(List<RmInput> inputs) {
    return score(inputs, SCORE_BATCH);
  }

  /**
   * The mean member score of each input, {@code batchSize} inputs per forward pass. A text model's numbers may
   * depend in their last bits on which inputs share a pass (padding to the batch's longest, matrix shapes), so
   * callers that cut a dataset into parts keep the passes where a single call would put them ({@link RmScoring}).
   */
  public double[] score(List<RmInput> inputs, int batchSize) {
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be 1 or more, got " + batchSize);
    double[] out = new double[inputs.size()];
    for (RewardModel m : members) {
      double[] s = m.score(inputs, batchSize);
      for (int i = 0; i < s.length; i++) out[i] += s[i] / members.size();
    }
    return out;
  }

  /** The members' standard deviation for each input (0 for one member): the ensemble's disagreement. */
  public double[] disagreement(List<RmInput> inputs) {
    return disagreement(inputs, SCORE_BATCH);
  }

  /** {@link #disagreement(List)} with {@code batchSize} inputs per forward pass. */
  public double[] disagreement(List<RmInput> inputs, int batchSize) {
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be 1 or more, got " + batchSize);
    int k = members.size();
    double[][] all = new double[k][];
    for (int j = 0; j < k; j++) all[j] = members.get(j).score(inputs, batchSize);
    double[] out = new double[inputs.size()];
    for (int i = 0; i < out.length; i++) {
      double m = 0;
      for (int j = 0; j < k; j++) m += all[j][i] / k;
      double v = 0;
      for (int j = 0; j < k; j++) v += (all[j][i] - m) * (all[j][i] - m) / k;
      out[i] = Math.sqrt(v);
    }
    return out;
  }

  /** The mean member score of one feature vector {@code x[off .. off + vectorDim)} (feature models on vectors). */
  public double scoreVector(float[] x, int off) {
    double s = 0;
    for (RewardModel m : members) s += ((FeatureRewardModel) m).scoreFeatures(x, off);
    return s / members.size();
  }

  /** The score of one text input. */
  public double score(String prompt, String response) {
    return score(List.of(RmInput.text(prompt, response)))[0];
  }

  /** The mean of the rewards on the training responses (0 before training). */
  public double trainMean() {
    return mean;
  }

  /** Their standard deviation (1 before training). */
  public double trainStd() {
    return std;
  }

  /** Saves the model to {@code file} atomically. */
  public void save(Path file) {
    ObjectNode meta = Configs.jsonMapper().createObjectNode();
    meta.put("layout", LAYOUT);
    meta.set("config", Configs.jsonMapper().valueToTree(config));
    meta.put("alphabet", alphabet);
    meta.put("vectorDim", vectorDim);
    Checkpoint.Builder b = Checkpoint.builder();
    try {
      b.json(Configs.jsonMapper().writeValueAsString(meta));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    b.scalar("mean", mean).scalar("std", std);
    for (int k = 0; k < members.size(); k++) members.get(k).writeTo(b, "member" + k + ".");
    Checkpoints.save(file, b.build());
  }

  /** Loads a model saved by {@link #save}; a file of another kind is refused with a message. */
  public static TrainedRewardModel load(Path file) {
    Checkpoint c = Checkpoints.load(file);
    JsonNode meta;
    try {
      meta = Configs.jsonMapper().readTree(c.json());
    } catch (JsonProcessingException e) {
      meta = null;
    }
    if (meta == null || !LAYOUT.equals(meta.path("layout").asText())) {
      throw new UserInputException(file.toString(), "is not a reward model (" + LAYOUT + ")",
          "pass a file written by `rewardlab rm train`");
    }
    RmConfig cfg;
    try {
      cfg = Configs.jsonMapper().treeToValue(meta.get("config"), RmConfig.class);
    } catch (JsonProcessingException e) {
      throw new UserInputException(file.toString(), "has an unreadable config (" + e.getOriginalMessage() + ")",
          "retrain the model with this version");
    }
    TrainedRewardModel m = create(cfg, meta.path("alphabet").asText(), meta.path("vectorDim").asInt(),
        RandomSource.of(0));
    for (int k = 0; k < m.members.size(); k++) m.members.get(k).readFrom(c, "member" + k + ".");
    m.mean = c.scalar("mean");
    m.std = c.scalar("std");
    return m;
  }

  @Override
  public void close() {
    for (RewardModel m : members) m.close();
  }
}
