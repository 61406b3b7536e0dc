package org.rewardlab.reward.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.rewardlab.core.UserInputException;

/** A tabular problem file: what it accepts, and one clear error naming the JSON path and the fix for each mistake. */
class TabularProblemTest {
  static final String VALID = """
      {"gamma": 0.9,
       "transition": [[[0.5, 0.5], [1, 0]], [[0, 1], [0.25, 0.75]]],
       "R1": [[[1, 0], [0, 2]], [[0.5, -1], [3, 0]]],
       "R2": [[[0, 1], [2, 0]], [[-1, 0.5], [0, 3]]]}
      """;

  private static UserInputException error(String json) {
    UserInputException e = catchThrowableOfType(() -> TabularProblem.parse(json, "p.json"), UserInputException.class);
    assertThat(e).as(json).isNotNull();
    assertThat(e.getMessage()).doesNotContain("\n");
    return e;
  }

  @Test
  void readsAValidProblemWithUniformDefaults() {
    TabularProblem p = TabularProblem.parse(VALID, "p.json");
    assertThat(p.mdp().nS()).isEqualTo(2);
    assertThat(p.mdp().nA()).isEqualTo(2);
    assertThat(p.mdp().gamma()).isEqualTo(0.9);
    assertThat(p.mdp().p(1, 1, 1)).isEqualTo(0.75);
    assertThat(p.r1().get(1, 1, 0)).isEqualTo(3.0);
    assertThat(p.r2().get(0, 0, 1)).isEqualTo(1.0);
    assertThat(p.coverage().isUniform()).isTrue();
    assertThat(p.stateDistGiven()).isFalse();
    assertThat(p.explicitCoverage()).isNull();
  }

  @Test
  void readsDistributionsAndACoverage() {
    String json = VALID.replace("\"gamma\": 0.9,", "\"gamma\": 0.9, \"state_dist\": [0.25, 0.75], \"action_dist\": [1, 0],"
        + " \"coverage\": [[[0.125, 0.125], [0, 0]], [[0, 0.25], [0.25, 0.25]]],");
    TabularProblem p = TabularProblem.parse(json, "p.json");
    assertThat(p.coverage().states()).containsExactly(0.25, 0.75);
    assertThat(p.coverage().actions()).containsExactly(1.0, 0.0);
    assertThat(p.stateDistGiven()).isTrue();
    assertThat(p.actionDistGiven()).isTrue();
    assertThat(p.explicitCoverage()).hasSize(8);
  }

  @Test
  void missingAndUnknownKeys() {
    UserInputException e = error(VALID.replace("\"gamma\": 0.9,", ""));
    assertThat(e.where()).isEqualTo("p.json: gamma");
    assertThat(e.problem()).isEqualTo("is missing");
    e = error(VALID.replace("\"gamma\": 0.9,", "\"gamma\": 0.9, \"stat_dist\": [0.5, 0.5],"));
    assertThat(e.where()).isEqualTo("p.json: stat_dist");
    assertThat(e.fix()).contains("did you mean 'state_dist'?");
    e = error(VALID.replace("\"gamma\": 0.9,", "\"gamma\": 0.9, \"gamma\": 0.5,"));
    assertThat(e.getMessage()).contains("Duplicate field 'gamma'");
  }

  @Test
  void syntaxAndNonFiniteNumbers() {
    assertThat(error("{\"gamma\": 0.9,").getMessage()).contains("is not valid JSON").contains("line");
    UserInputException e = error(VALID.replace("[1, 0], [0, 2]", "[NaN, 0], [0, 2]"));
    assertThat(e.problem()).contains("non-finite number");
    assertThat(e.fix()).contains("json.dump");
    e = error(VALID.replace("[1, 0], [0, 2]", "[1e400, 0], [0, 2]"));
    assertThat(e.where()).isEqualTo("p.json: R1[0][0][0]");
    assertThat(e.problem()).contains("not a finite double");
    e = error(VALID.replace("[1, 0], [0, 2]", "[1e200, 0], [0, 2]"));
    assertThat(e.where()).isEqualTo("p.json: R1[0][0][0]");
    assertThat(e.fix()).contains("scale the rewards down");
    e = error(VALID.replace("[1, 0], [0, 2]", "[\"1\", 0], [0, 2]"));
    assertThat(e.where()).isEqualTo("p.json: R1[0][0][0]");
    assertThat(e.problem()).isEqualTo("must be a number, found a string \"1\"");
    assertThat(error("[1, 2]").problem()).contains("must hold a JSON object");
  }

  @Test
  void gammaMustBeADiscount() {
    for (String g : new String[] {"1", "1.5", "-0.1"}) {
      UserInputException e = error(VALID.replace("\"gamma\": 0.9", "\"gamma\": " + g));
      assertThat(e.where()).isEqualTo("p.json: gamma");
      assertThat(e.problem()).contains("outside [0, 1)");
    }
    assertThat(error(VALID.replace("\"gamma\": 0.9", "\"gamma\": null")).problem()).isEqualTo("is missing");
  }

  @Test
  void shapesAreCheckedAgainstTheKernel() {
    UserInputException e = error(VALID.replace("[[0.5, -1], [3, 0]]", "[[0.5, -1]]"));
    assertThat(e.where()).isEqualTo("p.json: R1[1]");
    assertThat(e.problem()).isEqualTo("must be an array of 2 actions, found an array of 1");
    assertThat(e.fix()).contains("[2][2][2]");
    e = error(VALID.replace("[[-1, 0.5], [0, 3]]", "[[-1, 0.5, 2], [0, 3]]"));
    assertThat(e.where()).isEqualTo("p.json: R2[1][0]");
    e = error(VALID.replace("[[0, 1], [0.25, 0.75]]", "[[0, 1], [0.25, 0.75], [1, 0]]"));
    assertThat(e.where()).isEqualTo("p.json: transition[1]");
    e = error(VALID.replace("\"transition\": [[[0.5, 0.5], [1, 0]], [[0, 1], [0.25, 0.75]]]", "\"transition\": []"));
    assertThat(e.where()).isEqualTo("p.json: transition");
    assertThat(e.problem()).contains("non-empty array");
  }

  @Test
  void probabilitiesMustBeDistributions() {
    UserInputException e = error(VALID.replace("[0.25, 0.75]", "[0.25, 0.7]"));
    assertThat(e.where()).isEqualTo("p.json: transition[1][1]");
    assertThat(e.problem()).startsWith("sums to 0.95");
    assertThat(e.fix()).contains("summing to 1");
    e = error(VALID.replace("[0.5, 0.5]", "[1.5, -0.5]"));
    assertThat(e.where()).isEqualTo("p.json: transition[0][0][1]");
    assertThat(e.problem()).contains("negative probability");
    // within 1e-9 is accepted, beyond is not
    TabularProblem.parse(VALID.replace("[0.25, 0.75]", "[0.25, 0.7500000000005]"), "p.json");
    assertThat(error(VALID.replace("[0.25, 0.75]", "[0.25, 0.750000002]")).where()).isEqualTo("p.json: transition[1][1]");
    e = error(VALID.replace("\"gamma\": 0.9,", "\"gamma\": 0.9, \"state_dist\": [0.5, 0.6],"));
    assertThat(e.where()).isEqualTo("p.json: state_dist");
    e = error(VALID.replace("\"gamma\": 0.9,", "\"gamma\": 0.9, \"action_dist\": [1],"));
    assertThat(e.where()).isEqualTo("p.json: action_dist");
    assertThat(e.problem()).contains("array of 2 probabilities");
    e = error(VALID.replace("\"gamma\": 0.9,", "\"gamma\": 0.9, \"coverage\": [[[0.5, 0.5], [0, 0]], [[0, 0.5], [0, 0]]],"));
    assertThat(e.where()).isEqualTo("p.json: coverage");
    assertThat(e.problem()).startsWith("sums to 1.5");
  }
}
