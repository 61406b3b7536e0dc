package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rewardlab.algos.sweep.SweepPlan;
import org.rewardlab.algos.sweep.SweepSpec;
import org.rewardlab.core.UserFiles;

/** The sweep files in {@code docs/sweeps.md} read and validate (bases relative to {@code examples/}), and match the examples they quote. */
class SweepsDocTest {
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everySweepFileInTheGuideIsValid() throws IOException {
    Path examples = TrainCli.repoRoot().resolve("examples");
    String doc = Files.readString(TrainCli.repoRoot().resolve("docs/sweeps.md"));
    Matcher m = YAML_BLOCK.matcher(doc);
    List<String> blocks = new ArrayList<>();
    while (m.find()) blocks.add(m.group(1));
    assertThat(blocks).isNotEmpty();
    for (String yaml : blocks) {
      SweepSpec spec = SweepSpec.parse(yaml, "docs/sweeps.md", base ->
          new SweepSpec.BaseFile(base, UserFiles.readUtf8(examples.resolve(base), "experiment file")));
      assertThat(SweepPlan.of(spec).taskCount()).isPositive();
      String first = yaml.lines().findFirst().orElse("");
      if (first.startsWith("# examples/")) {
        SweepSpec file = SweepSpec.load(TrainCli.repoRoot().resolve(first.substring(2).trim()));
        assertThat(SweepPlan.of(spec).cells()).as("the guide quotes " + first).isEqualTo(SweepPlan.of(file).cells());
      }
    }
  }
}
