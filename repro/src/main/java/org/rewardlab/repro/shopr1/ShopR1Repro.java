package org.rewardlab.repro.shopr1;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.core.config.Configs;
import org.rewardlab.envs.text.Problem;
import org.rewardlab.envs.text.ShopConfig;
import org.rewardlab.envs.text.ShopProblem;
import org.rewardlab.envs.text.TextTaskConfig;
import org.rewardlab.envs.text.Verdict;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.Comparison;
import org.rewardlab.repro.LmRuns;
import org.rewardlab.repro.LmSetup;
import org.rewardlab.repro.Paper;
import org.rewardlab.repro.PaperStatus;
import org.rewardlab.repro.Papers;
import org.rewardlab.repro.Repro;
import org.rewardlab.repro.ReproConfig;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * Paper #62, Shop-R1 — hierarchical reward with difficulty-aware reward scaling (arXiv 2507.17842; PO §22), on
 * the toy of PO §22(e): the {@code shop} text task (half the pages want {@code terminate}, 30% a click on a
 * named button, 20% typing a 3-8 letter query into a named box). A TinyGpt is SFT-warm-started once per seed,
 * then three GRPO arms start from the same weights with the same seed, prompts and budget, each on its own
 * {@code reward:} spec:
 *
 * <ul>
 *   <li>{@code flat}: binary exact match of the whole action ({@code {type: completion, field: correct}});
 *   <li>{@code hierarchical}: Shop-R1's format + type + field-presence + thresholded ROUGE-L reward without
 *       scaling ({@code {type: hierarchical_action, dars: 1}});
 *   <li>{@code dars}: the same with the paper's DARS factor 1000 on the long-text fields
 *       ({@code {type: hierarchical_action, dars: 1000}}).
 * </ul>
 *
 * Per arm, on the held-out pages with greedy decoding: exact-match accuracy, overall and per action type; the
 * share of {@code terminate} predictions (the easy action a hacked policy spams); the mean ROUGE-L of the typed
 * text. Immutable.
 */
public final class ShopR1Repro implements Repro<ShopR1Repro.Config> {
  static final String SFT = "sft";
  static final String FLAT = "flat";
  static final String HIER = "hierarchical";
  static final String DARS = "dars";
  static final List<String> ARMS = List.of(FLAT, HIER, DARS);
  static final List<String> KINDS = List.of("terminate", "click", "type");

  /**
   * The experiment's sizes.
   *
   * @param lm the model, warm start, GRPO budget and test split
   * @param task the shop task
   * @param dars the DARS factor of the {@code dars} arm (the paper's 1000)
   * @param seeds run seeds (each: its own warm start, split, prompts and sampling)
   */
  public record Config(LmSetup lm, TextTaskConfig task, double dars, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (lm == null || task == null) throw new IllegalArgumentException("shop-r1 config: needs the LM setup and the task");
      if (!(dars >= 1) || Double.isInfinite(dars)) throw new IllegalArgumentException("shop-r1 config: dars must be finite and >= 1, got " + dars);
      if (!(task instanceof ShopConfig)) throw new IllegalArgumentException("shop config: the task must be a ShopConfig, got " + task);
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /** The task's configuration. */
    ShopConfig shop() {
      return (ShopConfig) task;
    }

    /**
     * smoke: a 1-layer width-32 model, 20 SFT steps, 3 GRPO steps of 4 x 4, seeds 1-2 (seconds); default: 2 layers
     * width 64, 300 SFT steps of 32 (an imperfect warm start: GRPO has something to fix), 100 GRPO steps of 16 prompts
     * x 8 at lr 5e-4 with β = 0.04, 300 test pages, seeds 1-3; paper: refused.
     */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(new LmSetup(1, 32, 2, 0, 20, 16, 3, 4, 4, 5e-4, 0.04, 20), ShopConfig.defaults(), 1000, List.of(1L, 2L));
        case DEFAULT -> new Config(new LmSetup(2, 64, 4, 0, 300, 32, 100, 16, 8, 5e-4, 0.04, 300), ShopConfig.defaults(), 1000,
            List.of(1L, 2L, 3L));
        case PAPER -> throw Scale.PAPER.refused("shop-r1", "the paper fine-tunes Qwen-2.5-3B-Instruct with SFT then GRPO on 52K "
            + "real Amazon shopping sessions, GPU scale");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(lm, task, dars, s);
    }

    /** The arm's reward spec. */
    RewardSpec reward(String arm) {
      String yaml = switch (arm) {
        case FLAT -> "{type: completion, field: correct, name: exact}";
        case HIER -> "{type: hierarchical_action, dars: 1}";
        case DARS -> "{type: hierarchical_action, dars: " + dars + "}";
        default -> throw new IllegalArgumentException("no arm " + arm);
      };
      return Configs.read(yaml, RewardSpec.class);
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("shop-r1").orElseThrow();
  }

  @Override
  public PaperStatus status() {
    return PaperStatus.WORKING;
  }

  @Override
  public Config config(Scale scale) {
    return Config.forScale(scale);
  }

  @Override
  public String paperScale() {
    return "SFT then GRPO on Qwen-2.5-3B-Instruct, 52K real shopping sessions, DARS = 1000, 500 RL steps of batch 64";
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    Path root = ctx.outputDir().resolve("seed-" + seed);
    Path sft = ctx.timeArm("sft (shared)", () -> LmRuns.train(root, SFT, seed, c.lm().sft(c.task()), c.lm().sftSteps()));
    List<? extends Problem> test = c.lm().test(c.task(), seed);
    Map<String, Double> v = new LinkedHashMap<>();
    evaluate(sft, SFT, test, seed, v);
    ctx.log(String.format(Locale.ROOT, "seed %d: warm start exact match %.1f%%, terminate predicted %.1f%%", seed, v.get("acc/" + SFT),
        v.get("term/" + SFT)));
    for (String arm : ARMS) {
      Path run = ctx.timeArm(arm, () -> LmRuns.train(root, arm, seed, c.lm().grpo(c.task(), sft), c.reward(arm), c.lm().rlSteps()));
      evaluate(run, arm, test, seed, v);
      ctx.log(String.format(Locale.ROOT, "seed %d %-12s exact match %.1f%% (terminate %.1f, click %.1f, type %.1f), terminate predicted %.1f%%",
          seed, arm, v.get("acc/" + arm), v.get("acc/terminate/" + arm), v.get("acc/click/" + arm), v.get("acc/type/" + arm),
          v.get("term/" + arm)));
    }
    return new SeedResult(seed, v);
  }

  /** Greedy metrics of the run's final model on the test pages, into {@code v} under {@code <metric>/<arm>}. */
  private static void evaluate(Path run, String arm, List<? extends Problem> test, long seed, Map<String, Double> v) {
    List<String> out = LmRuns.generate(run, test, 1, 0.0, 0, seed);
    int[] n = new int[3];
    int[] right = new int[3];
    int correct = 0;
    int terminate = 0;
    int truthTerminate = 0;
    int formatted = 0;
    double textSim = 0;
    for (int i = 0; i < test.size(); i++) {
      ShopProblem p = (ShopProblem) test.get(i);
      Verdict verdict = LmRuns.verdict(p, out.get(i));
      int k = p.kind().ordinal();
      n[k]++;
      if (verdict.correct()) {
        right[k]++;
        correct++;
      }
      if (verdict.signal(ShopProblem.PREDICTED) == 0) terminate++;
      if (k == 0) truthTerminate++;
      if (verdict.wellFormed()) formatted++;
      if (k == 2) textSim += verdict.signal(ShopProblem.TEXT_SIM);
    }
    double size = test.size();
    v.put("acc/" + arm, 100 * correct / size);
    for (int k = 0; k < 3; k++) v.put("acc/" + KINDS.get(k) + "/" + arm, n[k] == 0 ? Double.NaN : 100.0 * right[k] / n[k]);
    v.put("acc/hard/" + arm, n[1] + n[2] == 0 ? Double.NaN : 100.0 * (right[1] + right[2]) / (n[1] + n[2]));
    v.put("term/" + arm, 100 * terminate / size);
    v.put("termexcess/" + arm, 100 * (terminate - truthTerminate) / size);
    v.put("format/" + arm, 100 * formatted / size);
    v.put("textsim/" + arm, n[2] == 0 ? Double.NaN : textSim / n[2]);
  }

  /** The arms share each seed's warm start, test pages and prompts, so accuracies are compared per seed (paired). */
  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    return List.of(
        Claim.of("greedy exact-match accuracy on held-out pages minus the flat arm's, same seed", "points",
            new Comparison.AtLeast(DARS + " - " + FLAT, 1), SeedResult.difference(DARS + " - " + FLAT, perSeed, "acc/" + DARS, "acc/" + FLAT),
            SeedResult.difference(HIER + " - " + FLAT, perSeed, "acc/" + HIER, "acc/" + FLAT)),
        Claim.of("exact-match accuracy on the hard actions (click, type_and_submit) minus the flat arm's, same seed", "points",
            new Comparison.AtLeast(DARS + " - " + FLAT, 1),
            SeedResult.difference(DARS + " - " + FLAT, perSeed, "acc/hard/" + DARS, "acc/hard/" + FLAT),
            SeedResult.difference(HIER + " - " + FLAT, perSeed, "acc/hard/" + HIER, "acc/hard/" + FLAT)),
        Claim.of("terminate predictions beyond the true terminate share (hacking the easy action)", "points",
            new Comparison.AtMost(DARS, 5), SeedResult.arm(DARS, perSeed, "termexcess/" + DARS),
            SeedResult.arm(HIER, perSeed, "termexcess/" + HIER), SeedResult.arm(FLAT, perSeed, "termexcess/" + FLAT)));
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> n = new ArrayList<>();
    LmSetup lm = c.lm();
    n.add(String.format(Locale.ROOT, "Toy of PO §22(e): the shop task (%s terminate, %s click, %s type_and_submit; texts of %d-%d "
        + "letters), TinyGpt %dx%d, %d SFT steps of %d shared per seed, then %d GRPO steps of %d prompts x %d per arm from the "
        + "same weights, seeds and prompts (lr %s, β %s); greedy evaluation on %d held-out pages. The hierarchical reward is "
        + "Shop-R1's Table 1 (format 0.5; type 0.3; presence 0.2 or 0.1 + 0.1; ROUGE-L counted from 0.75) with DARS = 1 or %s; "
        + "the self-certainty term (α = 0.005) is left out.", c.shop().terminate(), c.shop().click(), c.shop().typeAndSubmit(),
        c.shop().minText(), c.shop().maxText(), lm.layers(), lm.dModel(), lm.sftSteps(), lm.sftBatch(), lm.rlSteps(), lm.prompts(),
        lm.groupSize(), lm.learningRate(), lm.beta(), lm.testSize(), c.dars()));
    for (String arm : List.of(SFT, FLAT, HIER, DARS)) {
      n.add(String.format(Locale.ROOT, "%s: exact match %s%% (terminate %s, click %s, type %s), terminate predicted %s%%, "
          + "well formed %s%%, mean ROUGE-L of typed texts %s.", arm, mean(perSeed, "acc/" + arm), mean(perSeed, "acc/terminate/" + arm),
          mean(perSeed, "acc/click/" + arm), mean(perSeed, "acc/type/" + arm), mean(perSeed, "term/" + arm),
          mean(perSeed, "format/" + arm), mean(perSeed, "textsim/" + arm)));
    }
    if (Math.abs(SeedResult.meanOf(perSeed, "termexcess/" + FLAT)) < 1 && SeedResult.meanOf(perSeed, "acc/terminate/" + SFT) > 99) {
      n.add("The page shows its action type in its first character ($ cart, ? search box, a letter for a product list), and "
          + "the warm start already gets every terminate page right and predicts terminate nowhere else: no arm has an "
          + "uncertain type to hack, so the last claim holds trivially here. In the paper the type itself is hard to predict "
          + "from the page; a shop task whose pages hide the type would test the hacking half of the claim.");
    }
    n.add("Paper (abstract): over 65% relative improvement in exact action accuracy over the baseline; without DARS the "
        + "policy spams the easy terminate action (PO §22(a)).");
    return n;
  }

  private static String mean(List<SeedResult> perSeed, String key) {
    double m = SeedResult.meanOf(perSeed, key);
    return Double.isNaN(m) ? "n/a" : String.format(Locale.ROOT, "%.3g", m);
  }
}
