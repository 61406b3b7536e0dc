package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.cli.MainTest.Outcome;
import org.rewardlab.reward.compare.TabularComparison;
import org.rewardlab.reward.compare.TabularProblem;

/** {@code rewardlab reward distance|compare}: output, --json, and one-line errors with exit code 2. */
class RewardCommandTest {
  @TempDir Path tmp;

  static final String PROBLEM = """
      {"gamma": 0.9,
       "transition": [[[0.5, 0.5], [1, 0]], [[0, 1], [0.25, 0.75]]],
       "R1": [[[1, 0], [0, 2]], [[0.5, -1], [3, 0]]],
       "R2": [[[0, 1], [2, 0]], [[-1, 0.5], [0, 3]]],
       "state_dist": [0.4, 0.6]}
      """;

  private Path write(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static void assertOneLineError(Outcome o, String... parts) {
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
    assertThat(o.errLines()).hasSize(1);
    assertThat(o.err()).startsWith("error: ").contains(parts).doesNotContain("Exception");
  }

  @Test
  void distancePrintsEveryTableAndWritesTheSameNumbersAsJson() throws Exception {
    Path file = write("p.json", PROBLEM);
    Path out = tmp.resolve("out/result.json");
    Outcome o = MainTest.run("reward", "distance", file.toString(), "--json", out.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("2 states, 2 actions, gamma 0.9; D_S from the file, D_A uniform",
        "Conventions (RM §1 d′):", "no 1/2 factor", "Canonicalized rewards c(R)[s][a][s']:",
        "minimal-potential-wl1", "value-potential", "wlinf", "Pearson distances", "transitions", "wrote " + out);
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    TabularComparison.Result expected = TabularComparison.compare(TabularProblem.parse(PROBLEM, "p.json"));
    assertThat(json.get("distances").get("val").get("wl2").get("l1").asDouble())
        .isEqualTo(expected.distance("val", "wl2", "l1"));
    assertThat(json.get("pearson").get("epic").get("transitions").asDouble())
        .isEqualTo(expected.pearson().get("epic").get("transitions"));
    assertThat(json.get("canonicalized").get("minimal-l2").get("R1").get(1).get(0).get(1).asDouble())
        .isEqualTo(expected.canonical().get("minimal-l2")[0].get(1, 0, 1));
    assertThat(json.get("state_dist").get(1).asDouble()).isEqualTo(0.6);
    try (var files = Files.list(out.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("result.json");
    }
  }

  @Test
  void distanceErrorsNameTheFileTheJsonPathAndTheFix() throws Exception {
    assertOneLineError(MainTest.run("reward", "distance", tmp.resolve("missing.json").toString()), "file not found");
    Path bad = write("bad.json", PROBLEM.replace("[0.25, 0.75]", "[0.25, 0.8]"));
    Path out = tmp.resolve("never.json");
    Outcome o = MainTest.run("reward", "distance", bad.toString(), "--json", out.toString());
    assertOneLineError(o, bad + ": transition[1][1]: sums to 1.05", "(make each row");
    assertThat(out).doesNotExist();
    assertOneLineError(MainTest.run("reward", "distance", write("r.json", PROBLEM.replace("[3, 0]", "[3]")).toString()),
        "R1[1][1]: must be an array of 2 next states");
    assertOneLineError(MainTest.run("reward", "distance", write("p.json", PROBLEM).toString(), "--json",
        tmp.toString()), "is a directory");
    assertOneLineError(MainTest.run("reward"), "missing command: choose one of distance, compare");
  }

  static final String ENV = "type: env\n";
  static final String SHAPED = """
      reward:
        type: weighted
        terms:
          - weight: 2.0
            reward: {type: env}
          - reward: {type: potential, potential: cartpole.upright, weight: 3.0}
      """;
  /** CartPole's +1 per step is, up to shaping, −γ/(1−γ) on falling; +150 on falling turns it around. */
  static final String FALL_BONUS = """
      type: weighted
      terms:
        - reward: {type: env}
        - reward: {type: bonus, on: terminated, amount: 150.0, name: fall}
      """;

  @Test
  void compareEstimatesEpicAndStarcWithStandardErrors() throws Exception {
    Path a = write("a.yaml", ENV);
    Path b = write("b.yaml", SHAPED);
    Path out = tmp.resolve("cmp.json");
    Outcome o = MainTest.run("reward", "compare", a.toString(), b.toString(), "--env", "CartPole-v1", "--samples", "100",
        "--repeats", "2", "--rollouts", "2", "--seed", "3", "--json", out.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("on CartPole-v1 (gamma 0.99; 100 coverage transitions x 2 draws, 2 rollouts per action",
        "EPIC  (Pearson distance", "STARC (VAL", "(standard error)", "Conventions:", "EPIC by sampling");
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertThat(json.get("epic").get("mean").asDouble()).isCloseTo(0.0, within(1e-9));
    assertThat(json.get("starc").get("mean").asDouble()).isCloseTo(0.0, within(1e-9));
    assertThat(json.get("epic").get("draws").size()).isEqualTo(2);
    assertThat(json.get("seed").asLong()).isEqualTo(3);
    Outcome opposite = MainTest.run("reward", "compare", a.toString(), write("c.yaml", FALL_BONUS).toString(), "--env",
        "CartPole-v1", "--samples", "100", "--repeats", "2", "--rollouts", "2");
    assertThat(opposite.code()).as(opposite.err()).isZero();
    assertThat(opposite.out()).containsPattern("EPIC  \\(Pearson distance, range \\[0, 1\\]\\) +1 ± ");
    assertThat(opposite.out()).containsPattern("STARC \\(VAL, L2 over the coverage, \\[0, 2\\]\\) +2 ± ");
  }

  @Test
  void compareSaysWhenARewardIsInvisibleToTheCoverage() throws Exception {
    Path a = write("a.yaml", ENV);
    Path b = write("b.yaml", "type: weighted\nterms:\n  - reward: {type: env}\n  - reward: {type: potential,"
        + " potential: mountaincar.height, gamma: 0.5}\n");
    Outcome o = MainTest.run("reward", "compare", a.toString(), b.toString(), "--env", "MountainCar-v0", "--samples",
        "50", "--repeats", "1", "--rollouts", "2", "--horizon", "50");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("(one draw: no standard error)", "the first reward's EPIC canonical reward vanished",
        "no coverage transition terminated");
  }

  @Test
  void compareErrorsNameTheFileTheKeyOrTheFlag() throws Exception {
    Path a = write("a.yaml", ENV);
    Path typo = write("typo.yaml", SHAPED.replace("cartpole.upright", "cartpole.uprigth"));
    assertOneLineError(MainTest.run("reward", "compare", a.toString(), typo.toString(), "--env", "CartPole-v1"),
        typo + ": reward.terms.1.reward.potential: unknown potential 'cartpole.uprigth'", "did you mean 'cartpole.upright'");
    Path badKey = write("key.yaml", "type: weighted\nterms:\n  - reward: {type: env}\n    wieght: 2\n");
    assertOneLineError(MainTest.run("reward", "compare", a.toString(), badKey.toString(), "--env", "CartPole-v1"),
        badKey.toString(), "wieght");
    assertOneLineError(MainTest.run("reward", "compare", a.toString(), a.toString(), "--env", "CartPol-v1"),
        "--env: unknown environment 'CartPol-v1'");
    assertOneLineError(MainTest.run("reward", "compare", a.toString(), a.toString(), "--env", "CartPole-v1",
        "--rollouts", "1"), "--rollouts: is 1, below 2");
    assertOneLineError(MainTest.run("reward", "compare", a.toString(), a.toString(), "--env", "CartPole-v1",
        "--gamma", "1"), "--gamma: is 1.0, outside [0, 1)");
    assertOneLineError(MainTest.run("reward", "compare", a.toString(), tmp.resolve("none.yaml").toString(), "--env",
        "CartPole-v1"), "none.yaml: reward spec file not found");
    assertOneLineError(MainTest.run("reward", "compare", a.toString(), write("empty.yaml", "").toString(), "--env",
        "CartPole-v1"), "empty.yaml: holds no reward spec");
    assertOneLineError(MainTest.run("reward", "compare", a.toString(), write("cost.yaml", "type: action_cost\ncoef: 0.1\n").toString(),
        "--env", "CartPole-v1"), "cost.yaml: type:", "Box");
  }
}
