package org.rewardlab.algos.rm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.core.config.Configs;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.reward.spec.RewardSpec;

/** The YAML of docs/preferences.md reads; the experiment validates (its data file included); it is the example file. */
class PreferencesDocTest {
  public record Holder(RewardSpec reward) {}

  @Test
  void everyYamlBlockReads() throws Exception {
    String doc = Files.readString(Path.of("../docs/preferences.md"));
    Matcher m = Pattern.compile("```(?:yaml)?\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    List<String> read = new ArrayList<>();
    while (m.find()) {
      String yaml = m.group(1);
      if (yaml.startsWith("reward:")) {
        RewardSpec spec = Configs.read(yaml, Holder.class, List.of()).reward();
        read.add(RewardSpecsName.of(spec));
      } else if (yaml.startsWith("name:")) {
        assertThat(yaml).isEqualTo(Files.readString(Path.of("../examples/dpo-pref.yaml"))
            .replaceAll("(?m)^#.*\\n", ""));
        ExperimentSpec spec = ExperimentSpecs.read(yaml.replace("data: examples/", "data: ../examples/"));
        Algorithms.of(spec).validate(spec, EnvRegistry.standard());
        read.add(spec.algoType());
      }
    }
    assertThat(read).containsExactly("weighted", "dpo");
  }

  static final class RewardSpecsName {
    static String of(RewardSpec s) {
      return org.rewardlab.reward.RewardSpecs.typeName(s);
    }
  }
}
