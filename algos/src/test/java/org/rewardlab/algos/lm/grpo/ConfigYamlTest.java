package org.rewardlab.algos.lm.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rewardlab.algos.lm.dpo.DpoConfig;
import org.rewardlab.algos.lm.dpo.DpoLossType;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;

/** The config records bind from YAML with the peers' option names and round-trip through their JSON tree. */
class ConfigYamlTest {
  @Test
  void grpoLossConfigReadsPeerNamesAndRoundTrips() {
    String yaml = """
        surrogate: vanilla
        epsilonLow: 0.2
        epsilonHigh: 0.28
        dualClipRatio: 3.0
        logRatioClamp: 20.0
        aggregation: seq-mean-token-sum-norm
        maxCompletionLength: 256
        beta: 0.04
        klEstimator: low_var_kl
        klStraightThrough: false
        entropyCoef: 0.001
        sapoTauPos: 1.0
        sapoTauNeg: 1.05
        """;
    GrpoLossConfig c = Configs.read(yaml, GrpoLossConfig.class);
    assertThat(c.aggregation()).isEqualTo(LossAggregation.SEQ_MEAN_TOKEN_SUM_NORM);
    assertThat(c.klEstimator()).isEqualTo(KlEstimator.LOW_VAR_KL);
    assertThat(c.lossScaleFactor()).isNull();
    assertThat(Configs.toJsonTree(c).get("aggregation").asText()).isEqualTo("seq-mean-token-sum-norm");
    assertThat(Configs.fromTree(Configs.toJsonTree(c), GrpoLossConfig.class)).isEqualTo(c);
    GrpoLossConfig d = GrpoLossConfig.defaults();
    assertThat(Configs.fromTree(Configs.toJsonTree(d), GrpoLossConfig.class)).isEqualTo(d);
    assertThat(Configs.read(Configs.toYaml(d), GrpoLossConfig.class, List.of("aggregation=dr_grpo")).aggregation())
        .isEqualTo(LossAggregation.DR_GRPO);
  }

  @Test
  void badValuesNameTheField() {
    String yaml = Configs.toYaml(GrpoLossConfig.defaults());
    assertThatThrownBy(() -> Configs.read(yaml, GrpoLossConfig.class, List.of("aggregation=luspo")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("luspo");
    assertThatThrownBy(() -> Configs.read(yaml, GrpoLossConfig.class, List.of("epsilonLow=1.5")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("epsilonLow");
  }

  @Test
  void advantageAndDpoConfigsRoundTrip() {
    GroupAdvantageConfig a = GroupAdvantageConfig.trl(RewardScaling.BATCH);
    assertThat(Configs.toJsonTree(a).get("scaling").asText()).isEqualTo("batch");
    assertThat(Configs.fromTree(Configs.toJsonTree(a), GroupAdvantageConfig.class)).isEqualTo(a);
    DpoConfig d = DpoConfig.of(DpoLossType.APO_ZERO, 0.1, 0.0);
    assertThat(Configs.toJsonTree(d).get("lossType").asText()).isEqualTo("apo_zero");
    assertThat(Configs.fromTree(Configs.toJsonTree(d), DpoConfig.class)).isEqualTo(d);
  }
}
