package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard of the experiment-runner refactor (issue 6): {@code examples/cartpole-ppo.yaml} trained
 * through {@code rewardlab train} must give, for seeds 1–3, exactly the {@code charts/episodic_return}
 * sequence recorded before the refactor (fixtures in {@code src/test/resources/guard/}, written by
 * the PPO trainer of commit c587064), and for seed 1 exactly the recorded per-update losses. Any change
 * of these numbers must be a deliberate, documented change of semantics, never a side effect.
 */
class RefactorGuardTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {1, 2, 3})
  void cartpoleExampleGivesTheRecordedNumbers(int seed) {
    Path example = TrainCli.repoRoot().resolve("examples/cartpole-ppo.yaml");
    TrainCli.Outcome o = TrainCli.run("train", example.toString(), "--seed", String.valueOf(seed),
        "--out", tmp.toString(), "--quiet", "--set", "run.evalEpisodes=0");
    assertThat(o.code()).as(o.toString()).isZero();
    List<String> lines = TrainCli.read(TrainCli.onlyRun(tmp).resolve("metrics.jsonl")).lines().toList();

    String returns = String.join("\n", returns(lines));
    String expected = String.join("\n", resource("guard/cartpole-ppo-seed" + seed + "-returns.txt"));
    assertThat(returns).as("charts/episodic_return of seed " + seed).isEqualTo(expected);

    if (seed == 1) {
      List<String> updates = lines.stream().filter(l -> l.contains("\"losses/")).toList();
      assertThat(String.join("\n", updates)).as("per-update losses of seed 1")
          .isEqualTo(String.join("\n", resource("guard/cartpole-ppo-seed1-updates.jsonl")));
    }
  }

  /** "step value" of every episode line, with the number's text exactly as the metrics sink wrote it. */
  static List<String> returns(List<String> metricsLines) {
    List<String> out = new ArrayList<>();
    for (String l : metricsLines) {
      int k = l.indexOf("\"charts/episodic_return\":");
      if (k < 0) continue;
      int s = l.indexOf("\"step\":") + 7;
      String step = l.substring(s, l.indexOf(',', s));
      int v = k + "\"charts/episodic_return\":".length();
      int end = v;
      while (end < l.length() && l.charAt(end) != ',' && l.charAt(end) != '}') end++;
      out.add(step + " " + l.substring(v, end));
    }
    return out;
  }

  private static List<String> resource(String name) {
    try (InputStream in = RefactorGuardTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing test resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
