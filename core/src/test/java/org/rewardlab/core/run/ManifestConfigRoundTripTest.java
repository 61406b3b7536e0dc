package org.rewardlab.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.config.TestConfigs.Constant;
import org.rewardlab.core.config.TestConfigs.Experiment;
import org.rewardlab.core.config.TestConfigs.Potential;

/** YAML → record → manifest.json → record → YAML gives back the same config. */
class ManifestConfigRoundTripTest {

  @Test
  void yamlRecordManifestRoundTrip(@TempDir Path root) throws Exception {
    String yaml = "name: shaped\nseed: 4\nalgo:\n  learningRate: 1e-3\n"
        + "terms:\n  - type: potential\n    gamma: 0.5\n  - type: constant\n    value: -0.01\n";
    Experiment e = Configs.read(yaml, Experiment.class, List.of("algo.hidden=[16]"));
    assertThat(e.terms()).containsExactly(new Potential(0.5, 1.0), new Constant(-0.01));
    Path dir;
    try (RunContext ctx = RunContext.create(root, e.name(), e.seed(), e)) {
      dir = ctx.runDir();
    }
    String json = Files.readString(dir.resolve(RunManifest.FILE_NAME));
    assertThat(json).contains("\"type\" : \"potential\"").contains("\"learningRate\" : 0.001");
    RunManifest m = RunManifest.read(dir);
    Experiment back = m.config(Experiment.class);
    assertThat(back).isEqualTo(e);
    assertThat(Configs.read(Configs.toYaml(m.config()), Experiment.class)).isEqualTo(e);
    assertThat(Configs.toYaml(back)).isEqualTo(Configs.toYaml(e));
  }
}
