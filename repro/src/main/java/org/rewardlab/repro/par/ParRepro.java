package org.rewardlab.repro.par;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.algos.lm.grpo.GroupAdvantageConfig;
import org.rewardlab.algos.lm.grpo.GrpoLossConfig;
import org.rewardlab.algos.lm.grpo.KlEstimator;
import org.rewardlab.algos.lm.grpo.RewardScaling;
import org.rewardlab.algos.lm.train.GrpoConfig;
import org.rewardlab.algos.lm.train.LmEvalSpec;
import org.rewardlab.algos.lm.train.LmModelSpec;
import org.rewardlab.algos.lm.train.PlainGrpo;
import org.rewardlab.algos.lm.train.PrefProxyRm;
import org.rewardlab.algos.lm.train.SftConfig;
import org.rewardlab.algos.lm.train.SftSpec;
import org.rewardlab.core.run.MetricsRecord;
import org.rewardlab.envs.text.PrefConfig;
import org.rewardlab.envs.text.PrefTask;
import org.rewardlab.repro.Arm;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.Comparison;
import org.rewardlab.repro.LmRuns;
import org.rewardlab.repro.Paper;
import org.rewardlab.repro.PaperStatus;
import org.rewardlab.repro.Papers;
import org.rewardlab.repro.Repro;
import org.rewardlab.repro.ReproConfig;
import org.rewardlab.repro.ReproContext;
import org.rewardlab.repro.Scale;
import org.rewardlab.repro.SeedResult;
import org.rewardlab.reward.analysis.HackingMonitor;
import org.rewardlab.reward.spec.RewardSpec;

/**
 * Paper #25, PAR — Preference As Reward (Fu et al. 2025; methods PO §15), on the T-PREF toy of PO
 * §15(e): a TinyGpt is SFT-warm-started on T-PREF's gold-optimal responses (once per seed, shared by the
 * arms), then two GRPO arms start from the same weights with the same seed, prompts and budget, both
 * trained through the runner on a {@code reward:} spec over the same exploitable reward model:
 *
 * <ul>
 *   <li>{@code raw}: the RM score itself, {@code {type: completion, signal: rm}};
 *   <li>{@code par}: PAR of it, {@code {type: par, reward: <raw>, k}}: σ(k·(r − r_ref)) against the
 *       prompt's reference reward.
 * </ul>
 *
 * <p><b>The exploitable RM</b> is the library's {@code pref_proxy} completion signal
 * ({@link PrefProxyRm}): targetWeight·n_t(y), the count of the prompt's target symbol, which agrees
 * with T-PREF's hidden gold utility up to the cap (3 targets) and keeps paying beyond it, blind to the
 * excess and adjacent-repeat penalties. Its reference reward is the RM score of the prompt's
 * gold-optimal response — what SFT imitates — standing in for PAR's M samples of the SFT policy
 * (M = 1; the paper reports M = 1 works). The gold is the verdict's score, the hidden utility u(y); the
 * trainer logs {@code reward/rm} (proxy) and {@code gold/reward} side by side.
 *
 * <p>Both arms use group-relative advantages without the std division (TRL {@code scale_rewards:
 * none}, Dr. GRPO): the paper trains PPO on the reward's own scale, and a per-group z-score would
 * undo exactly what PAR changes (the reward's scale beyond the reference), leaving only the order of
 * the completions, which PAR keeps. The KL to the warm start (k3, β) is the same in both arms.
 *
 * <p>Measured per arm (training batches, the sampled completions): the proxy RM score and the gold
 * utility in the first and last fifth of RL and their change, the HackingMonitor's verdict on the
 * per-iteration (proxy, gold) series, and the greedy gold utility of the final model on every prompt.
 * Immutable.
 */
public final class ParRepro implements Repro<ParRepro.Config> {
  static final String RAW = "raw";
  static final String PAR = "par";
  static final List<String> ARMS = List.of(RAW, PAR);

  /**
   * The experiment's sizes.
   *
   * @param symbols T-PREF's symbols (one prompt each; 8 give 6 training prompts beside a test split of 2)
   * @param layers TinyGpt blocks
   * @param dModel TinyGpt width
   * @param heads attention heads
   * @param sftSteps SFT warm-start steps on the gold-optimal responses, once per seed
   * @param sftBatch SFT sequences per step
   * @param rlSteps GRPO iterations per arm
   * @param prompts prompts per GRPO iteration
   * @param groupSize G, completions per prompt
   * @param learningRate GRPO AdamW step size
   * @param beta KL coefficient (k3) to the warm start
   * @param k PAR's sigmoid slope (the paper's default 1)
   * @param seeds run seeds (each: its own warm start, split, prompts and sampling)
   */
  public record Config(String symbols, int layers, int dModel, int heads, int sftSteps, int sftBatch, int rlSteps,
      int prompts, int groupSize, double learningRate, double beta, double k, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (layers < 1 || dModel < 1 || heads < 1 || sftSteps < 1 || sftBatch < 1 || rlSteps < 10 || prompts < 1 || groupSize < 2) {
        throw new IllegalArgumentException("par config: sizes must be positive (rlSteps >= 10, groupSize >= 2), got "
            + List.of(layers, dModel, heads, sftSteps, sftBatch, rlSteps, prompts, groupSize));
      }
      if (!(learningRate > 0) || !(beta >= 0) || !(k > 0)) {
        throw new IllegalArgumentException("par config: need learningRate > 0, beta >= 0, k > 0");
      }
      new PrefConfig(symbols, 1, 8, 3, 1.0, 1.0, 0.5, 1.0);
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /**
     * smoke: a 1-layer width-16 model, 10 SFT steps, 10 GRPO steps of 2 x 4, seeds 1-2 (seconds);
     * default: a 1-layer width-32 model, 60 SFT steps of 32 (a warm start that still samples other
     * responses), 150 GRPO steps of 6 prompts x 8 at lr 1e-3 with β = 0.04, k = 1, seeds 1-5 (about
     * 2 minutes on 2 idle cores); paper: refused.
     */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config("abcdefgh", 1, 16, 2, 10, 16, 10, 2, 4, 1e-3, 0.04, 1.0, List.of(1L, 2L));
        case DEFAULT -> new Config("abcdefgh", 1, 32, 2, 60, 32, 150, 6, 8, 1e-3, 0.04, 1.0, List.of(1L, 2L, 3L, 4L, 5L));
        case PAPER -> throw Scale.PAPER.refused("par", "the paper trains Gemma2-2B and Llama3-8B policies with PPO against "
            + "reward models on UltraFeedback and HH-RLHF, GPU scale");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(symbols, layers, dModel, heads, sftSteps, sftBatch, rlSteps, prompts, groupSize, learningRate, beta, k, s);
    }

    PrefConfig task() {
      PrefConfig d = PrefConfig.defaults();
      return new PrefConfig(symbols, d.minLength(), d.maxLength(), d.cap(), d.targetWeight(), d.excessPenalty(),
          d.repeatPenalty(), d.oracleScale());
    }

    LmModelSpec model() {
      return new LmModelSpec(layers, dModel, heads, 0, null, false);
    }

    SftConfig sft() {
      return new SftConfig(task(), model(), new SftSpec(sftSteps, sftBatch, 3e-3, 0.01, 0.0), new LmEvalSpec(2, 0, 1, 1.0));
    }

    GrpoConfig grpo(Path warmStart) {
      return new GrpoConfig(task(), model(), new SftSpec(0, sftBatch, 3e-3, 0.01, 0.0), rlSteps, prompts, groupSize, 0, 1.0,
          learningRate, 0.0, 1, 0.0, false, GroupAdvantageConfig.trl(RewardScaling.NONE),
          GrpoLossConfig.defaults().withKl(beta, KlEstimator.K3, false), new LmEvalSpec(2, 0, 1, 1.0), PlainGrpo.defaults(),
          warmStart.toString()).withSignals(List.of(PrefProxyRm.defaults()));
    }

    /** The arm's reward spec over the RM signal {@code rm}. */
    RewardSpec reward(String arm) {
      RewardSpec rm = new RewardSpec.CompletionTerm("rm", null, "rm", null);
      return switch (arm) {
        case RAW -> rm;
        case PAR -> new RewardSpec.Par("par", rm, null, null, k);
        default -> throw new IllegalArgumentException("no arm " + arm);
      };
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("par").orElseThrow();
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
    return "PPO on Gemma2-2B and Llama3-8B against learned reward models (UltraFeedback, HH-RLHF), M = 10 SFT references "
        + "per prompt, 2 epochs; evaluated by win rate against the SFT model";
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    Path root = ctx.outputDir().resolve("seed-" + seed);
    Path sft = ctx.timeArm("sft (shared)", () -> LmRuns.train(root, "sft", seed, c.sft(), c.sftSteps()));
    Map<String, Double> v = new LinkedHashMap<>();
    PrefTask task = new PrefTask(c.task());
    long fifth = Math.max(1, c.rlSteps() / 5);
    long all = c.rlSteps();
    for (String arm : ARMS) {
      Path run = ctx.timeArm(arm, () -> LmRuns.train(root, arm, seed, c.grpo(sft), c.reward(arm), c.rlSteps()));
      List<MetricsRecord> m = LmRuns.metrics(run);
      double proxy0 = LmRuns.mean(m, "reward/rm", 1, fifth);
      double proxy1 = LmRuns.mean(m, "reward/rm", all - fifth + 1, all);
      double gold0 = LmRuns.mean(m, "gold/reward", 1, fifth);
      double gold1 = LmRuns.mean(m, "gold/reward", all - fifth + 1, all);
      v.put("proxy0/" + arm, proxy0);
      v.put("proxy/" + arm, proxy1);
      v.put("dproxy/" + arm, proxy1 - proxy0);
      v.put("gold0/" + arm, gold0);
      v.put("gold/" + arm, gold1);
      v.put("dgold/" + arm, gold1 - gold0);
      v.put("kl/" + arm, LmRuns.mean(m, "charts/kl", all - fifth + 1, all));
      v.put("len/" + arm, LmRuns.mean(m, "charts/completions/mean_length", all - fifth + 1, all));
      List<double[]> pg = series(m);
      HackingMonitor.Verdict hv = HackingMonitor.check(pg.get(0), pg.get(1), HackingMonitor.Config.defaults());
      v.put("flagged/" + arm, hv.hacking() ? 100.0 : 0.0);
      v.put("greedy/" + arm, greedyGold(run, task));
      ctx.log(String.format(Locale.ROOT, "seed %d %-4s proxy %.2f -> %.2f, gold %.2f -> %.2f, monitor %s, greedy gold %.2f",
          seed, arm, proxy0, proxy1, gold0, gold1, hv.status(), v.get("greedy/" + arm)));
    }
    v.put("gold/par-raw", v.get("gold/" + PAR) - v.get("gold/" + RAW));
    v.put("maxgold", task.maxUtility(c.symbols().charAt(0)));
    return new SeedResult(seed, v);
  }

  /** The per-iteration (proxy RM, gold) series of a run: {@code reward/rm} and {@code gold/reward}. */
  static List<double[]> series(List<MetricsRecord> m) {
    List<Double> p = new ArrayList<>();
    List<Double> g = new ArrayList<>();
    for (MetricsRecord r : m) {
      Double x = r.values().get("reward/rm");
      Double y = r.values().get("gold/reward");
      if (x != null && y != null) {
        p.add(x);
        g.add(y);
      }
    }
    return List.of(p.stream().mapToDouble(Double::doubleValue).toArray(), g.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The mean gold utility of the final model's greedy response over every prompt (training and test). */
  static double greedyGold(Path run, PrefTask task) {
    List<org.rewardlab.envs.text.PrefProblem> problems = new ArrayList<>();
    for (char t : task.config().symbols().toCharArray()) problems.add(task.problem(t));
    List<String> out = LmRuns.generateGreedy(run, problems);
    double s = 0;
    for (int i = 0; i < problems.size(); i++) {
      String text = out.get(i);
      s += text.endsWith(LmRuns.CUT) ? task.minUtility() : problems.get(i).verify(text).score();
    }
    return s / problems.size();
  }

  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    return List.of(
        Claim.of("precondition: proxy RM score, last fifth of RL minus first fifth (the RM is exploited)", "RM score",
            new Comparison.AtLeast(RAW, 0.5), SeedResult.arm(RAW, perSeed, "dproxy/" + RAW),
            SeedResult.arm(PAR, perSeed, "dproxy/" + PAR)),
        Claim.of("raw RM reward is hacked: gold utility, last fifth of RL minus first fifth", "utility",
            new Comparison.AtMost(RAW, -0.5), SeedResult.arm(RAW, perSeed, "dgold/" + RAW),
            SeedResult.arm(PAR, perSeed, "dgold/" + PAR)),
        Claim.of("PAR is not hacked: gold utility, last fifth of RL minus first fifth", "utility",
            new Comparison.AtLeast(PAR, -0.25), SeedResult.arm(PAR, perSeed, "dgold/" + PAR),
            SeedResult.arm(RAW, perSeed, "dgold/" + RAW)),
        Claim.of("gold utility in the last fifth of RL, par minus raw, same seed", "utility",
            new Comparison.AtLeast(PAR + " - " + RAW, 0.5), Arm.of(PAR + " - " + RAW,
                SeedResult.column(perSeed, "gold/par-raw"))),
        Claim.of("runs the hacking monitor flags (proxy rising while gold falls)", "%",
            new Comparison.Less(PAR, RAW, 0), SeedResult.arm(PAR, perSeed, "flagged/" + PAR),
            SeedResult.arm(RAW, perSeed, "flagged/" + RAW)));
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> n = new ArrayList<>();
    PrefConfig t = c.task();
    n.add(String.format(Locale.ROOT, "Toy of PO §15(e): T-PREF with symbols %s (one prompt per target symbol t), gold "
        + "u(y) = min(n_t, %d) - %s·max(0, n_t - %d) - %s·repeats, maximum %s; exploitable RM (pref_proxy signal) = n_t "
        + "for a valid response (lengths %d-%d); PAR reference = the RM score of the prompt's gold-optimal response "
        + "(M = 1), k = %s. TinyGpt %dx%d, %d SFT steps shared per seed, then %d GRPO steps of %d prompts x %d per arm "
        + "from the same weights, seeds and prompts; lr %s, β = %s (k3), advantages without the std division in both "
        + "arms (see the class doc).", t.symbols(), t.cap(), t.excessPenalty(), t.cap(), t.repeatPenalty(),
        mean(perSeed, "maxgold"), t.minLength(), t.maxLength(), c.k(), c.layers(), c.dModel(), c.sftSteps(), c.rlSteps(),
        c.prompts(), c.groupSize(), c.learningRate(), c.beta()));
    for (String arm : ARMS) {
      n.add(String.format(Locale.ROOT, "%s: proxy RM %s -> %s, gold %s -> %s (first -> last fifth of RL, sampled "
          + "completions); greedy gold of the final model over every prompt %s; KL to the warm start %s; mean length %s "
          + "tokens; per seed gold change %s.", arm, mean(perSeed, "proxy0/" + arm), mean(perSeed, "proxy/" + arm),
          mean(perSeed, "gold0/" + arm), mean(perSeed, "gold/" + arm), mean(perSeed, "greedy/" + arm),
          mean(perSeed, "kl/" + arm), mean(perSeed, "len/" + arm), perSeedText(perSeed, "dgold/" + arm)));
    }
    n.add("Hacking monitor: HackingMonitor defaults on each run's per-iteration (reward/rm, gold/reward) series.");
    n.add("Not separated here: PAR's reward lies in [0, 1] while the raw RM's spans 0-8, so with unscaled advantages part "
        + "of PAR's slower drift may be its smaller scale alone (no scale-matched raw arm, no running-normalised arm, "
        + "no M = 10 arm of PO §15(e) were run); the references are the RM score of the gold-optimal response, not of "
        + "samples from the SFT policy.");
    n.add("Paper (PO §15): PAR keeps the gold reward at its maximum without late-training collapse while the raw RM "
        + "reward is hacked; M = 1 and M = 10 references are close.");
    return n;
  }

  private static String mean(List<SeedResult> perSeed, String key) {
    double s = 0;
    int n = 0;
    for (SeedResult r : perSeed) {
      Double x = r.values().get(key);
      if (x != null && Double.isFinite(x)) {
        s += x;
        n++;
      }
    }
    return n == 0 ? "n/a" : String.format(Locale.ROOT, "%.3g", s / n);
  }

  private static String perSeedText(List<SeedResult> perSeed, String key) {
    List<String> out = new ArrayList<>();
    for (SeedResult r : perSeed) out.add(String.format(Locale.ROOT, "%.3g", r.value(key)));
    return String.join(" ", out);
  }
}
