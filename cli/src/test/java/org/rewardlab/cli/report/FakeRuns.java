package org.rewardlab.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Synthetic run directories: a manifest and CleanRL-style metrics, noise from a fixed formula. */
final class FakeRuns {
  private FakeRuns() {}

  static Path run(Path parent, String dir, String name, long seed, String lr, int lines, boolean truncate)
      throws IOException {
    Path d = Files.createDirectories(parent.resolve(dir));
    Files.writeString(d.resolve("manifest.json"), """
        {"name": "%s", "seed": %d, "startTime": "2025-01-01T00:00:00Z",
         "git": {"commit": "abc123", "dirty": false},
         "config": {"env": {"id": "CartPole-v1", "numEnvs": 4}, "seed": %d,
                    "algo": {"type": "ppo", "learningRate": %s, "gamma": 0.99},
                    "reward": {"type": "weighted", "terms": [{"weight": 1.0, "reward": {"type": "env"}}]}}}
        """.formatted(name, seed, seed, lr));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      long step = 512L * (i + 1);
      double noise = Math.sin(step * 0.37 + seed) * 25;
      double ret = 500 * (1 - Math.exp(-step / 40000.0)) + noise;
      sb.append(String.format(Locale.ROOT, "{\"step\": %d, \"charts/episodic_return\": %.3f, \"charts/episodic_length\": %d", step, ret, (int) Math.max(1, ret)));
      if (i % 2 == 0) {
        sb.append(String.format(Locale.ROOT, ", \"reward/env\": %.3f, \"reward/shaping\": %.4f", ret, -0.3 + 0.1 * Math.cos(step * 0.01)));
        sb.append(String.format(Locale.ROOT, ", \"losses/policy_loss\": %.5f, \"losses/value_loss\": %.4f, \"losses/entropy\": %.4f",
            -0.01 + 0.005 * Math.sin(step * 0.13), 50 * Math.exp(-step / 60000.0) + Math.abs(noise) * 0.1, 0.69 * Math.exp(-step / 200000.0)));
      }
      sb.append("}\n");
    }
    if (truncate) sb.append("{\"step\": 999999, \"charts/episodic_ret");
    Files.writeString(d.resolve("metrics.jsonl"), sb.toString());
    return d;
  }
}
