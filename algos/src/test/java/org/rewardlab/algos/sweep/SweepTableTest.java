package org.rewardlab.algos.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepTableTest {
  static SweepPlan plan() {
    return SweepPlan.of(SweepPlanTest.spec(SweepSpecTest.BASE,
        "seeds: [1, 2, 3, 4]\naxes: [{path: algo.gamma, values: [0.9, 0.99]}]\nmetrics: [x]\n"));
  }

  static TaskResult result(SweepPlan plan, int cell, long seed, double ret) {
    return new TaskResult(plan.cells().get(cell).configHash(), cell, seed, Map.of("eval/mean_return", ret, "x", 1.0),
        Map.of("x", new TaskResult.MetricSummary(1, 1, 1, 1)), "/runs/" + cell + "/" + seed, "host-" + seed, seed);
  }

  @Test
  void meanStdAndTIntervalByHand() {
    // 1, 2, 3, 4: mean 2.5; std sqrt(5/3) = 1.2909944; t(0.975, 3) = 3.1824463; ci = t * std / 2
    SweepTable.Stat s = SweepTable.stat(List.of(1.0, 2.0, 3.0, 4.0));
    assertThat(s.n()).isEqualTo(4);
    assertThat(s.mean()).isEqualTo(2.5);
    assertThat(s.std()).isCloseTo(1.2909944487, within(1e-9));
    assertThat(s.ci95()).isCloseTo(3.1824463053 * 1.2909944487 / 2, within(1e-8));
    // two values: t(0.975, 1) = 12.7062047
    SweepTable.Stat two = SweepTable.stat(List.of(10.0, 12.0));
    assertThat(two.ci95()).isCloseTo(12.7062047362 * Math.sqrt(2) / Math.sqrt(2), within(1e-7));
    assertThat(SweepTable.stat(List.of(5.0)).std()).isNaN();
    assertThat(SweepTable.stat(List.of()).n()).isZero();
  }

  @Test
  void tablesAndCsvsDoNotDependOnResultOrderHostOrWallTime() {
    SweepPlan plan = plan();
    List<TaskResult> rs = new ArrayList<>();
    for (int c = 0; c < 2; c++) for (long s = 1; s <= 4; s++) rs.add(result(plan, c, s, c * 10 + s));
    SweepTable a = SweepTable.of(plan, rs);
    List<TaskResult> shuffled = new ArrayList<>();
    for (TaskResult r : rs) shuffled.add(new TaskResult(r.configHash(), r.cell(), r.seed(), r.finalMetrics(), r.summary(), "/elsewhere", "other", 99));
    Collections.reverse(shuffled);
    SweepTable b = SweepTable.of(plan, shuffled);
    assertThat(b.resultsCsv()).isEqualTo(a.resultsCsv());
    assertThat(b.cellsCsv()).isEqualTo(a.cellsCsv());
    assertThat(a.cells().get(1).stat("eval/mean_return").mean()).isEqualTo(12.5);
    String h0 = plan.cells().get(0).shortHash();
    assertThat(a.resultsCsv()).startsWith("cell,algo.gamma,seed,config_hash,eval/mean_return,x\n0,0.9,1," + h0 + ",1.0,1.0\n");
    assertThat(a.cellsCsv().lines().toList().get(0))
        .isEqualTo("cell,algo.gamma,config_hash,seeds,eval/mean_return n,eval/mean_return mean,eval/mean_return std,eval/mean_return ci95,x n,x mean,x std,x ci95");
    assertThat(a.cellsCsv().lines().toList().get(1)).startsWith("0,0.9," + h0 + ",4,4,2.5,1.2909944487358056,2.05");
    assertThat(a.text()).contains("2.500 ± 2.1", "12.50 ± 2.1");
  }

  @Test
  void missingCellsAndMetricsAreEmptyFields() {
    SweepPlan plan = plan();
    SweepTable t = SweepTable.of(plan, List.of(result(plan, 0, 1, 3.0)));
    assertThat(t.cellsCsv().lines().toList().get(1)).endsWith(",1,1,3.0,,,1,1.0,,");
    assertThat(t.cellsCsv().lines().toList().get(2)).endsWith(",0,0,,,,0,,,");
    assertThat(t.text()).contains("3.000");
  }

  @Test
  void csvQuotesFieldsWithCommas() {
    assertThat(SweepTable.csv("a,b")).isEqualTo("\"a,b\"");
    assertThat(SweepTable.csv("say \"x\"")).isEqualTo("\"say \"\"x\"\"\"");
  }
}
