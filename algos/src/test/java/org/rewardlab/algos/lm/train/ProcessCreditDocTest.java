package org.rewardlab.algos.lm.train;

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
import org.rewardlab.envs.EnvRegistry;

/** Every experiment of docs/process-credit.md reads, validates and builds its variant. */
class ProcessCreditDocTest {
  @Test
  void everyExperimentReadsAndValidates() throws Exception {
    String doc = Files.readString(Path.of("../docs/process-credit.md"));
    Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    List<Object> variants = new ArrayList<>();
    while (m.find()) {
      ExperimentSpec spec = ExperimentSpecs.read(m.group(1));
      Algorithms.of(spec).validate(spec, EnvRegistry.standard());
      GrpoConfig g = (GrpoConfig) spec.algo();
      g.variant().create(g);
      variants.add(g.variant());
    }
    assertThat(variants).contains(TpGrpo.defaults());
  }
}
