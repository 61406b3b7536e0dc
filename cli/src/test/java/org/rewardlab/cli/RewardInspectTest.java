package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.cli.report.MetricsReader;
import org.rewardlab.core.config.Configs;

/**
 * {@code rewardlab reward inspect} on real runs: a shaped grid run that does not hack, and a CartPole run
 * whose per-step cost makes falling over pay (the proxy rises while the env's return falls).
 */
class RewardInspectTest {
  @TempDir Path tmp;

  /** CartPole paid +1 (env) - 2 (cost) per step: the shorter the episode, the higher the trained return. */
  static final String STEP_COST = """
      name: cartpole-step-cost
      seed: 1
      env: {id: CartPole-v1}
      reward:
        type: weighted
        terms:
          - {weight: 1.0, reward: {type: env, name: env}}
          - {weight: 1.0, reward: {type: penalty, on: step, amount: 2.0, name: step_cost}}
      algo: {type: ppo, totalTimesteps: 20480}
      run: {evalEpisodes: 0}
      """;

  private Path train(String... args) {
    Path out = tmp.resolve("runs-" + args[0].hashCode());
    List<String> all = new java.util.ArrayList<>(List.of("train"));
    all.addAll(List.of(args));
    all.addAll(List.of("--out", out.toString(), "--quiet"));
    TrainCli.Outcome o = TrainCli.run(all.toArray(String[]::new));
    assertThat(o.code()).as(o.toString()).isZero();
    return TrainCli.onlyRun(out);
  }

  private static void assertOneLineError(MainTest.Outcome o, String... parts) {
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
    assertThat(o.errLines()).hasSize(1);
    assertThat(o.err()).startsWith("error: ").contains(parts).doesNotContain("Exception");
  }

  @Test
  void aShapedGridRunThatDoesNotHack() throws IOException {
    Path run = train(TrainCli.repoRoot().resolve("examples/grid-lava-qlearning-shaped.yaml").toString());
    // the training already wrote the analysis into the report
    assertThat(TrainCli.read(run.resolve("report.html"))).contains("<div class=\"verdict ok\"><strong>env return</strong>");
    Path json = tmp.resolve("out/analysis.json");
    MainTest.Outcome o = MainTest.run("reward", "inspect", run.toString(), "--json", json.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out())
        .contains("Term contributions over", "recent = the last")
        .containsPattern("\\n  env\\s+\\S+\\s+\\S+%")
        .containsPattern("\\n  shaping\\s+\\S+\\s+\\S+%")
        .contains("the terms add up to charts/trained_return on every record")
        .contains("reward/shaping          charts/episodic_return")
        .contains("Hacking monitor, env return: proxy charts/trained_return, gold charts/episodic_return")
        .contains("no divergence: in none of")
        .contains("wrote " + run.resolve("plots/reward_contributions.png"), "wrote " + run.resolve("plots/proxy_vs_gold.png"))
        .contains("wrote " + json);

    // the breakdown's means are those of the logged episodes, and env + shaping make the trained return
    MetricsReader.Metrics m = MetricsReader.read(run.resolve("metrics.jsonl"));
    MetricsReader.Rows rows = m.rows(List.of("reward/env", "reward/shaping", "charts/trained_return"));
    double env = mean(rows.column("reward/env"));
    double shaping = mean(rows.column("reward/shaping"));
    JsonNode j = new ObjectMapper().readTree(json.toFile());
    assertThat(j.at("/breakdown/records").asInt()).isEqualTo(rows.size()).isGreaterThan(1000);
    assertThat(j.at("/breakdown/terms/0/term").asText()).isEqualTo("env");
    assertThat(j.at("/breakdown/terms/0/mean").asDouble()).isCloseTo(env, within(1e-9));
    assertThat(j.at("/breakdown/terms/1/mean").asDouble()).isCloseTo(shaping, within(1e-9));
    assertThat(env + shaping).isCloseTo(mean(rows.column("charts/trained_return")), within(1e-9));
    assertThat(j.at("/breakdown/terms/0/share").asDouble() + j.at("/breakdown/terms/1/share").asDouble())
        .isCloseTo(1, within(1e-12));
    assertThat(j.at("/breakdown/add_up_error").asDouble()).isLessThan(1e-9);
    assertThat(j.at("/monitors/0/status").asText()).isEqualTo("NO_DIVERGENCE");
    assertThat(j.at("/monitors/0/flagged")).isEmpty();
    assertThat(j.at("/window").asInt()).isEqualTo(rows.size() / 4);

    // --window sets the recent window and the monitor's
    MainTest.Outcome w = MainTest.run("reward", "inspect", run.toString(), "--window", "50");
    assertThat(w.code()).as(w.err()).isZero();
    assertThat(w.out()).contains("recent = the last 50)", "the last 50:", "W = 50,");
  }

  @Test
  void aCartPoleRunThatLearnsToFallIsFlagged() throws IOException {
    Path config = TrainCli.write(tmp.resolve("step-cost.yaml"), STEP_COST);
    Path run = train(config.toString());
    Path json = tmp.resolve("a.json");
    MainTest.Outcome o = MainTest.run("reward", "inspect", run.toString(), "--json", json.toString());
    assertThat(o.code()).as(o.err()).isZero();
    JsonNode j = Configs.jsonMapper().readTree(json.toFile());
    // the agent learns to fall within the first ~6000 steps: the env's return drops from ~20 to ~10
    assertThat(j.at("/monitors/0/status").asText()).isIn("DIVERGING", "DIVERGED_EARLIER");
    assertThat(j.at("/monitors/0/flagged/0/from_step").asLong()).isLessThan(4000);
    assertThat(o.out()).containsPattern("(DIVERGING|DIVERGED EARLIER)").contains("flagged: records 0-");
    assertThat(j.at("/correlations/run/spearman/2/3").asDouble()).as("env return vs trained return").isCloseTo(-1, within(1e-9));
    assertThat(TrainCli.read(run.resolve("report.html"))).containsPattern("verdict (bad|warn)");
  }

  /** A GRPO run scored by a reward spec: its terms, the add-up check and the proxy/gold monitor, as for env runs. */
  @Test
  void anLmRunWithARewardSpecShowsItsTermsAndTheMonitor() throws IOException {
    Path run = train(TrainCli.repoRoot().resolve("examples/lm-grpo-reward-spec.yaml").toString(),
        "--set", "algo.warmStart.steps=20", "--set", "algo.steps=12", "--set", "algo.promptsPerStep=2",
        "--set", "algo.model.layers=1", "--set", "algo.model.dModel=32", "--set", "algo.eval.testSize=8",
        "--set", "algo.eval.every=0", "--set", "run.evalEpisodes=0");
    Path json = tmp.resolve("lm.json");
    MainTest.Outcome o = MainTest.run("reward", "inspect", run.toString(), "--json", json.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out())
        .containsPattern("\\n  task\\s+\\S+\\s+\\S+%")
        .containsPattern("\\n  format\\s+\\S+\\s+\\S+%")
        .containsPattern("\\n  overlong\\s+\\S+\\s+\\S+%")
        .contains("the terms add up to charts/reward on every record")
        .contains("Hacking monitor, reward: proxy proxy/reward, gold gold/reward (12 records");
    JsonNode j = Configs.jsonMapper().readTree(json.toFile());
    assertThat(j.at("/breakdown/records").asInt()).isEqualTo(12);
    assertThat(TrainCli.read(run.resolve("report.html"))).contains("proxy/reward");
  }

  @Test
  void badInputIsOneLineAndWritesNothing() throws IOException {
    Path missing = tmp.resolve("nope");
    assertOneLineError(MainTest.run("reward", "inspect", missing.toString()), missing.toString(), "run directory not found");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertOneLineError(MainTest.run("reward", "inspect", empty.toString()), "metrics file not found");
    Path run = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(run.resolve("metrics.jsonl"), "{\"step\": 1, \"charts/episodic_return\": 1, \"charts/trained_return\": 2}\n");
    assertOneLineError(MainTest.run("reward", "inspect", run.toString(), "--window", "5"), "--window", "below 10",
        "--window 50");
    assertOneLineError(MainTest.run("reward", "inspect", run.toString(), "--json", tmp.toString()), "is a directory");
    assertThat(run.resolve("plots")).as("nothing written before the checks").doesNotExist();
    MainTest.Outcome ok = MainTest.run("reward", "inspect", run.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("No reward/* terms in this run", "not enough data: 1 records");
    assertThat(MainTest.run("reward", "inspect", "--help").out()).contains("--window", "--json", "hacking monitor");
  }

  private static double mean(double[] a) {
    double s = 0;
    for (double v : a) s += v;
    return s / a.length;
  }
}
