package org.rewardlab.repro.jobgrpo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rewardlab.core.config.Configs;
import org.rewardlab.envs.text.JobConfig;
import org.rewardlab.envs.text.JobProblem;
import org.rewardlab.envs.text.Problem;
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
 * Paper #26 — a custom multi-component reward for job-application evaluation with GRPO (PO Appendix A; abstract
 * only), on its toy: the {@code job} text task (label three criteria of a résumé, then accept or reject; about a
 * quarter of the applicants qualify). A TinyGpt is SFT-warm-started once per seed, then two GRPO arms start from the
 * same weights with the same seed, prompts and budget, on the same multi-component reward with different penalty
 * scales ({@code weighted} sums of the verifier's component signals):
 *
 * <ul>
 *   <li>{@code harsh}: r = 0.5·format + components + decision + 2·consistent − 4·false_accept − 1·false_reject
 *       (aggressive penalties: a wrong accept costs four times a right decision);
 *   <li>{@code gentle}: r = 0.5·format + components + decision + 0.25·consistent − 0.5·false_accept −
 *       0.5·false_reject ("gentle polishing": small, symmetric penalties).
 * </ul>
 *
 * Both penalty scales are this reproduction's choice (the paper's are not published). Per arm, on held-out
 * applications with greedy decoding: exact-label accuracy, decision accuracy, recall and precision of the accept
 * class, and the share of reject decisions (the over-negative collapse). Immutable.
 */
public final class JobGrpoRepro implements Repro<JobGrpoRepro.Config> {
  static final String SFT = "sft";
  static final String HARSH = "harsh";
  static final String GENTLE = "gentle";
  static final List<String> ARMS = List.of(HARSH, GENTLE);

  /**
   * The experiment's sizes.
   *
   * @param lm the model, warm start, GRPO budget and test split
   * @param task the job task
   * @param seeds run seeds (each: its own warm start, split, prompts and sampling)
   */
  public record Config(LmSetup lm, TextTaskConfig task, List<Long> seeds) implements ReproConfig<Config> {
    public Config {
      if (lm == null || task == null) throw new IllegalArgumentException("job-grpo config: needs the LM setup and the task");
      if (!(task instanceof JobConfig)) throw new IllegalArgumentException("job config: the task must be a JobConfig, got " + task);
      seeds = ReproConfig.checkSeeds(seeds);
    }

    /** The task's configuration. */
    JobConfig job() {
      return (JobConfig) task;
    }

    /**
     * smoke: a 1-layer width-32 model, 20 SFT steps, 3 GRPO steps of 4 x 4, seeds 1-2 (seconds); default: the job
     * task's defaults, 2 layers width 64, a short warm start (100 SFT steps of 32), 80 GRPO steps of 16 prompts x 8 at
     * lr 5e-4 with β = 0.04, 400 test applications, seeds 1-3; paper: refused.
     */
    public static Config forScale(Scale scale) {
      return switch (scale) {
        case SMOKE -> new Config(new LmSetup(1, 32, 2, 0, 20, 16, 3, 4, 4, 5e-4, 0.04, 20), JobConfig.defaults(), List.of(1L, 2L));
        case DEFAULT -> new Config(new LmSetup(2, 64, 4, 0, 100, 32, 80, 16, 8, 5e-4, 0.04, 400), JobConfig.defaults(),
            List.of(1L, 2L, 3L));
        case PAPER -> throw Scale.PAPER.refused("job-grpo", "the paper fine-tunes a <600M language model with SFT then GRPO on "
            + "real résumés and job descriptions");
      };
    }

    @Override
    public Config withSeeds(List<Long> s) {
      return new Config(lm, task, s);
    }

    /** The arm's reward spec. */
    RewardSpec reward(String arm) {
      double[] w = switch (arm) {
        case HARSH -> new double[] {2, -4, -1};
        case GENTLE -> new double[] {0.25, -0.5, -0.5};
        default -> throw new IllegalArgumentException("no arm " + arm);
      };
      String yaml = String.format(Locale.ROOT, """
          type: weighted
          terms:
            - reward: {type: completion, field: format, weight: 0.5}
            - reward: {type: completion, signal: job.components}
            - reward: {type: completion, signal: job.decision}
            - reward: {type: completion, signal: job.consistent, weight: %s}
            - reward: {type: completion, signal: job.false_accept, weight: %s}
            - reward: {type: completion, signal: job.false_reject, weight: %s}
          """, w[0], w[1], w[2]);
      return Configs.read(yaml, RewardSpec.class);
    }
  }

  @Override
  public Paper paper() {
    return Papers.find("job-grpo").orElseThrow();
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
    return "SFT then GRPO on a <600M-parameter language model scoring real résumés against job descriptions";
  }

  @Override
  public SeedResult measure(Config c, long seed, ReproContext ctx) {
    Path root = ctx.outputDir().resolve("seed-" + seed);
    Path sft = ctx.timeArm("sft (shared)", () -> LmRuns.train(root, SFT, seed, c.lm().sft(c.task()), c.lm().sftSteps()));
    List<? extends Problem> test = c.lm().test(c.task(), seed);
    Map<String, Double> v = new LinkedHashMap<>();
    evaluate(sft, SFT, test, seed, v);
    ctx.log(String.format(Locale.ROOT, "seed %d: warm start accuracy %.1f%%, decision %.1f%%, recall %.1f%%, rejects %.1f%%", seed,
        v.get("acc/" + SFT), v.get("decision/" + SFT), v.get("recall/" + SFT), v.get("reject/" + SFT)));
    for (String arm : ARMS) {
      Path run = ctx.timeArm(arm, () -> LmRuns.train(root, arm, seed, c.lm().grpo(c.task(), sft), c.reward(arm), c.lm().rlSteps()));
      evaluate(run, arm, test, seed, v);
      ctx.log(String.format(Locale.ROOT, "seed %d %-6s accuracy %.1f%%, decision %.1f%%, recall %.1f%%, precision %.1f%%, rejects %.1f%%",
          seed, arm, v.get("acc/" + arm), v.get("decision/" + arm), v.get("recall/" + arm), v.get("precision/" + arm),
          v.get("reject/" + arm)));
    }
    return new SeedResult(seed, v);
  }

  /** Greedy metrics of the run's final model on the test applications, into {@code v} under {@code <metric>/<arm>}. */
  private static void evaluate(Path run, String arm, List<? extends Problem> test, long seed, Map<String, Double> v) {
    List<String> out = LmRuns.generate(run, test, 1, 0.0, 0, seed);
    int correct = 0;
    int decision = 0;
    int positives = 0;
    int truePos = 0;
    int accepts = 0;
    int rejects = 0;
    int formed = 0;
    double components = 0;
    for (int i = 0; i < test.size(); i++) {
      Verdict verdict = LmRuns.verdict(test.get(i), out.get(i));
      if (verdict.correct()) correct++;
      if (verdict.wellFormed()) formed++;
      decision += (int) verdict.signal(JobProblem.DECISION);
      components += verdict.signal(JobProblem.COMPONENTS);
      boolean positive = verdict.signal(JobProblem.POSITIVE) == 1;
      boolean accept = verdict.signal(JobProblem.ACCEPT) == 1;
      if (positive) positives++;
      if (accept) accepts++;
      if (positive && accept) truePos++;
      if (verdict.signal(JobProblem.REJECT) == 1) rejects++;
    }
    double n = test.size();
    v.put("acc/" + arm, 100 * correct / n);
    v.put("decision/" + arm, 100 * decision / n);
    v.put("components/" + arm, 100 * components / n);
    v.put("recall/" + arm, positives == 0 ? Double.NaN : 100.0 * truePos / positives);
    v.put("precision/" + arm, accepts == 0 ? Double.NaN : 100.0 * truePos / accepts);
    v.put("reject/" + arm, 100 * rejects / n);
    v.put("negatives/" + arm, 100 * (n - positives) / n);
    v.put("format/" + arm, 100 * formed / n);
  }

  /** The arms share each seed's warm start, test applications and prompts, so they are compared per seed (paired). */
  @Override
  public List<Claim> claims(Config c, List<SeedResult> perSeed) {
    return List.of(
        Claim.of("recall of qualified applicants (accept class), gentle minus harsh, same seed", "points",
            new Comparison.AtLeast(GENTLE + " - " + HARSH, 5),
            SeedResult.difference(GENTLE + " - " + HARSH, perSeed, "recall/" + GENTLE, "recall/" + HARSH)),
        Claim.of("reject decisions beyond the true reject share (the over-negative collapse), harsh arm", "points",
            new Comparison.AtLeast(HARSH, 5), SeedResult.difference(HARSH, perSeed, "reject/" + HARSH, "negatives/" + HARSH),
            SeedResult.difference(GENTLE, perSeed, "reject/" + GENTLE, "negatives/" + GENTLE)),
        Claim.of("gentle arm: greedy decision accuracy on held-out applications (paper: 91% accuracy)", "%",
            new Comparison.AtLeast(GENTLE, 90), SeedResult.arm(GENTLE, perSeed, "decision/" + GENTLE),
            SeedResult.arm(HARSH, perSeed, "decision/" + HARSH), SeedResult.arm(SFT, perSeed, "decision/" + SFT)),
        Claim.of("gentle arm: recall of qualified applicants (paper: 0.85)", "%", new Comparison.AtLeast(GENTLE, 85),
            SeedResult.arm(GENTLE, perSeed, "recall/" + GENTLE), SeedResult.arm(HARSH, perSeed, "recall/" + HARSH),
            SeedResult.arm(SFT, perSeed, "recall/" + SFT)));
  }

  @Override
  public List<String> notes(Config c, List<SeedResult> perSeed) {
    List<String> n = new ArrayList<>();
    LmSetup lm = c.lm();
    n.add(String.format(Locale.ROOT, "Toy of PO Appendix A: the job task (required skill of %s, %d-%d skills per résumé, %d+ years, "
        + "degree level 1+; labels YYYA/NYYR...), TinyGpt %dx%d, %d SFT steps of %d shared per seed, then %d GRPO steps of %d "
        + "prompts x %d per arm from the same weights, seeds and prompts (lr %s, β %s); greedy evaluation on %d held-out "
        + "applications (%s%% of them qualify). The penalty scales are this reproduction's (the paper gives none).",
        c.job().skills(), c.job().minSkills(), c.job().maxSkills(), c.job().minYears(), lm.layers(), lm.dModel(), lm.sftSteps(),
        lm.sftBatch(), lm.rlSteps(), lm.prompts(), lm.groupSize(), lm.learningRate(), lm.beta(), lm.testSize(),
        fmt(100 - SeedResult.meanOf(perSeed, "negatives/" + SFT))));
    for (String arm : List.of(SFT, HARSH, GENTLE)) {
      n.add(String.format(Locale.ROOT, "%s: exact labels %s%%, decision %s%%, criterion labels %s%%, recall %s%%, precision %s%%, "
          + "rejects %s%%, well formed %s%%.", arm, mean(perSeed, "acc/" + arm), mean(perSeed, "decision/" + arm),
          mean(perSeed, "components/" + arm), mean(perSeed, "recall/" + arm), mean(perSeed, "precision/" + arm),
          mean(perSeed, "reject/" + arm), mean(perSeed, "format/" + arm)));
    }
    n.add("Paper (abstract): aggressive penalties gave excessively negative outputs; the gentle reward reached 91% accuracy, "
        + "recall 0.85 and precision 1.0 on the SELECTED class.");
    return n;
  }

  private static String mean(List<SeedResult> perSeed, String key) {
    return fmt(SeedResult.meanOf(perSeed, key));
  }

  private static String fmt(double m) {
    return Double.isNaN(m) ? "n/a" : String.format(Locale.ROOT, "%.3g", m);
  }
}
