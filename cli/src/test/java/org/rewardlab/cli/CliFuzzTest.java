package org.rewardlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.rewardlab.algos.experiment.Algorithms;
import org.rewardlab.algos.experiment.ExperimentSpec;
import org.rewardlab.algos.experiment.ExperimentSpecs;
import org.rewardlab.envs.EnvRegistry;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.config.Configs;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.RunManifest;

/**
 * A hostile user, generated: a few hundred bad configs and arguments, each run in process through
 * {@link Main}, each answered with exit code 2, exactly one stderr line starting with {@code error:}
 * that names the place (the config path of a mutated key, the file and line of a YAML or encoding
 * problem, the option or argument), and no run directory left in {@code --out}.
 *
 * <p>The configs are mutations of one tiny base experiment (64 steps, so a config that is valid by
 * accident would not train long), drawn from {@link RandomSource} with a fixed {@link #SEED}: a
 * catalogue of bad values for every field (negative, zero, huge, NaN, ±inf, overflowing integers,
 * wrong types, YAML 1.1 booleans), unknown keys, aliases, several documents, bytes that are not
 * UTF-8, megabyte strings, bad {@code --set} paths; then random combinations of them.
 *
 * <p>The base is written in the type-tagged form {@code algo: {type: ppo, ...}}. Cases are gated:
 *
 * <ul>
 *   <li>{@link Gate#ANY}: fail before the config is bound (syntax, encoding, documents, unknown keys
 *       outside {@code algo}), or concern other commands: they run on every branch;
 *   <li>{@link Gate#ALGO_FORM}: need the experiment record to accept the base's form; they run where
 *       {@code examples/cartpole-ppo.yaml} says {@code type: ppo} (the reshaped {@code algo:} section)
 *       or with {@code -Drewardlab.fuzz.algoForm=old}, which writes the base in the old form
 *       ({@code algo: ppo} and a top-level {@code ppo:} mapping) and maps the paths to match;
 *   <li>{@link Gate#MERGED}: need the reshaped form and the path checks wired into commands owned
 *       elsewhere ({@code train --out} and {@code repro ... --results} through
 *       {@code UserFiles.requireDirectoryOrAbsent}), or concern {@code algo.type};
 *   <li>{@link Gate#RESOURCE}: sizes that are valid types but would exhaust memory or time
 *       ({@code run.smoothWindow: 2147483647}, hidden sizes of 10^8, 10^8 envs, {@code numEnvs x
 *       numSteps} beyond an int, 10^9 evaluation episodes, {@code totalTimesteps} of Long.MAX_VALUE).
 *       They are rejected only once the lead's resource-bound validation lands; until then they are
 *       skipped with the reshaped form, and where it is present they first check that binding the
 *       config fails (so a missing bound fails the test instead of exhausting the heap).
 * </ul>
 *
 * {@code -Drewardlab.fuzz.print=true} prints each case with the error line a user would see.
 */
class CliFuzzTest {
  /** The seed of every random choice below; change it to explore, keep it to reproduce. */
  static final long SEED = 20250611L;
  /** Randomly composed cases on top of the catalogue. */
  static final int RANDOM_CASES = 120;

  enum Form { NEW, OLD, NONE }

  enum Gate { ANY, ALGO_FORM, MERGED, RESOURCE }

  static final Form FORM = detectForm();

  @TempDir static Path fixtures;
  static Path file;
  static Path emptyDir;
  static Path fakeRun;
  static Path fakeRun2;
  static Path badManifestRun;
  static Path badMetricsRun;
  static Path noMetricsRun;
  static Path fifo;

  static Form detectForm() {
    if ("old".equals(System.getProperty("rewardlab.fuzz.algoForm"))) return Form.OLD;
    try {
      String example = Files.readString(TrainCli.repoRoot().resolve("examples/cartpole-ppo.yaml"));
      return example.matches("(?s).*\\btype:\\s*ppo\\b.*") ? Form.NEW : Form.NONE;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeAll
  static void makeFixtures() throws Exception {
    file = Files.writeString(fixtures.resolve("notes.txt"), "not a run\n");
    emptyDir = Files.createDirectories(fixtures.resolve("empty"));
    fakeRun = PlotCommandTest.fakeRun(fixtures, "run-a", 1);
    fakeRun2 = PlotCommandTest.fakeRun(fixtures, "run-b", 2);
    badManifestRun = PlotCommandTest.fakeRun(fixtures, "run-bad-manifest", 3);
    byte[] m = Files.readAllBytes(badManifestRun.resolve(RunManifest.FILE_NAME));
    m[5] = (byte) 0xC3;
    m[6] = (byte) 0x28;
    Files.write(badManifestRun.resolve(RunManifest.FILE_NAME), m);
    badMetricsRun = PlotCommandTest.fakeRun(fixtures, "run-bad-metrics", 4);
    Files.write(badMetricsRun.resolve("metrics.jsonl"), "{\"step\":64,\"charts/episodic_return\":9.0}\n{\"step\":128,\"x\":\"\u00ff\"}\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    noMetricsRun = PlotCommandTest.fakeRun(fixtures, "run-no-metrics", 5);
    Files.delete(noMetricsRun.resolve("metrics.jsonl"));
    Path f = fixtures.resolve("fifo");
    Process p = new ProcessBuilder("mkfifo", f.toString()).start();
    fifo = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? f : null;
  }

  // ---------------------------------------------------------------- cases

  /**
   * One generated input.
   *
   * @param name what it is, for the report
   * @param gate when it can run (see the class comment)
   * @param yaml the config file's bytes for a {@code train} case, or null for other commands
   * @param args the arguments: for a train case the ones after {@code train FILE --out DIR --quiet}
   * @param allOf texts the error line must all contain
   * @param anyOf texts of which the error line must contain one (empty: no such check)
   */
  record Case(String name, Gate gate, byte[] yaml, List<String> args, List<String> allOf, List<String> anyOf) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A bad value and what the error line must name besides the field's path (if the path is named). */
  record Bad(String raw, boolean namesPath, List<String> also) {
    static Bad of(String raw) {
      return new Bad(raw, true, List.of());
    }
  }

  private static final List<String> INT_BAD = List.of("0", "-1", "1.5", "abc", ".nan", ".inf", "-.inf", "1099511627776",
      "-1099511627776", "true", "[2]", "{a: 1}", "~", "\"2\"", "1e3", "yes");
  private static final List<String> BOOL_BAD = List.of("2", "0", "1", "-1", "yes", "no", "on", "off", "y", "n", "\"true\"",
      "1.5", "[true]", "{a: 1}", "~", ".nan", "tru");

  /** Every field of the base experiment (new-form paths) and values that must be refused there. */
  static Map<String, List<Bad>> catalogue() {
    Map<String, List<Bad>> c = new LinkedHashMap<>();
    c.put("name", bads("\"a b\"", "\"a/b\"", "[1, 2]", "{a: 1}", "\"..\"", "\"-rf\"", "\"na\\nme\"", "\"\\e[31mred\""));
    // `seed: ~` is not bad: like an omitted seed it means the default seed 1
    c.put("seed", bads("1.5", "abc", "99999999999999999999", "-99999999999999999999", ".nan", ".inf", "true", "[1]", "\"1\""));
    for (String f : List.of("numEnvs", "numSteps", "numMinibatches", "updateEpochs")) c.put("algo." + f, bads(INT_BAD));
    c.get("algo.numMinibatches").add(Bad.of("17")); // more minibatches than the 16 samples of a batch
    c.put("algo.totalTimesteps", bads("0", "-5", "15", "1.5", "x", "1180591620717411303424", ".nan", ".inf", "true", "~", "[64]"));
    c.put("algo.learningRate", bads("0", "-0.001", ".nan", ".inf", "-.inf", "fast", "true", "[0.1]", "~", "\"0.1\"", "NaN", "-Infinity"));
    c.get("algo.learningRate").add(new Bad("1e400", true, List.of("beyond the range of a double")));
    for (String f : List.of("gamma", "gaeLambda")) c.put("algo." + f, bads("1.5", "-0.1", ".nan", ".inf", "x", "true", "~"));
    c.put("algo.clipCoef", bads("0", "-0.2", ".nan", "x", "[0.2]"));
    for (String f : List.of("entCoef", "vfCoef")) c.put("algo." + f, bads("-0.01", ".nan", ".inf", "x", "false"));
    c.put("algo.maxGradNorm", bads("0", "-1", ".nan", "x"));
    c.put("algo.adamEps", bads("0", "-1e-8", ".nan", "x"));
    c.put("algo.targetKl", bads("0", "-0.1", ".nan", "x", "[1]", "true"));
    for (String f : List.of("annealLr", "normAdv", "clipVloss", "truncationAsTermination")) c.put("algo." + f, bads(BOOL_BAD));
    c.put("algo.hiddenSizes", bads("[0]", "[-1]", "[]", "[4294967296]", "[1.5]", "\"64\"", "[a]", "{a: 1}", "64", "~", "[64, .nan]", "[64, ~]"));
    c.get("algo.hiddenSizes").add(new Bad("[064]", true, List.of("leading zero")));
    c.get("algo.numEnvs").add(new Bad("02", true, List.of("leading zero")));
    c.put("env.id", bads("NoSuchEnv-v0", "\"\"", "cartpole-v1", "[CartPole-v1]", "123", "CartPole-v0", "{a: 1}", "\"CartPole-v1\\n\""));
    for (String f : List.of("normalizeObservation", "normalizeReward", "clipAction")) c.put("env." + f, bads(BOOL_BAD));
    for (String f : List.of("clipObservation", "clipReward")) c.put("env." + f, bads("0", "-1", ".nan", "x", "-.inf"));
    c.put("run.checkpointEvery", bads("0", "-1", "1099511627776", "1.5", "x", "~", ".inf"));
    c.put("run.evalEpisodes", bads("-1", "1099511627776", "x", "1.5", "~"));
    c.put("run.smoothWindow", bads("0", "-1", "1099511627776", "x", ".nan"));
    c.put("policy.head", bads("nope", "1", "[auto]", "\"\""));
    return c;
  }

  private static List<Bad> bads(String... raws) {
    return bads(Arrays.asList(raws));
  }

  private static List<Bad> bads(List<String> raws) {
    List<Bad> out = new ArrayList<>();
    for (String r : raws) out.add(Bad.of(r));
    return out;
  }

  /** Bad reward specs: the raw YAML of {@code reward:} and what the error line must name. */
  static Map<String, List<String>> badRewards() {
    Map<String, List<String>> r = new LinkedHashMap<>();
    r.put("{type: nope}", List.of("reward.type", "'nope'"));
    r.put("{type: potential, potential: nope.energy}", List.of("reward", "nope.energy"));
    r.put("{type: potential, potential: mountaincar.energy}", List.of("reward", "mountaincar.energy"));
    r.put("{type: potential, potential: mountaincar.energy, gamma: 2}", List.of("reward", "gamma"));
    r.put("{type: weighted, terms: []}", List.of("reward", "terms"));
    r.put("{type: weighted, terms: [{weight: .nan, reward: {type: env}}]}", List.of("reward.terms.0.weight", "NaN"));
    r.put("{type: weighted, terms: [{weight: 1, reward: {type: env}}, {weight: 1, reward: {type: env}}]}", List.of("reward"));
    r.put("{type: weighted, terms: [{weight: 1}]}", List.of("reward", "reward"));
    r.put("{type: bonus, amount: -1, on: terminated}", List.of("reward", "amount"));
    r.put("{type: bonus, amount: 1, on: sometimes}", List.of("reward.on", "'sometimes'"));
    r.put("{type: bonus, amount: 1, on: yes}", List.of("reward.on", "'yes'"));
    r.put("{type: bonus, amount: .inf, on: step}", List.of("reward", "amount"));
    r.put("{type: clip, lo: 1, hi: 0, reward: {type: env}}", List.of("reward", "lo"));
    r.put("{type: env, name: \"bad name\"}", List.of("reward", "name"));
    r.put("{type: env, nmae: x}", List.of("reward.nmae", "did you mean 'name'"));
    r.put("{type: action_cost, coef: -1}", List.of("reward", "coef"));
    r.put("5", List.of("reward"));
    r.put("[{type: env}]", List.of("reward"));
    return r;
  }

  // ---------------------------------------------------------------- the base config

  /** The base experiment as nested maps; leaves are raw YAML text. */
  static Map<String, Object> base() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", "fuzz");
    root.put("seed", "1");
    Map<String, Object> algo = new LinkedHashMap<>();
    algo.put("type", "ppo");
    algo.put("numEnvs", "2");
    algo.put("numSteps", "8");
    algo.put("totalTimesteps", "64");
    root.put("algo", algo);
    root.put("env", new LinkedHashMap<>(Map.of("id", "CartPole-v1")));
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("checkpointEvery", "1");
    run.put("evalEpisodes", "0");
    root.put("run", run);
    return root;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> with(Map<String, Object> root, String path, String raw) {
    Map<String, Object> copy = deepCopy(root);
    String[] segs = path.split("\\.", 2);
    if (segs.length == 1) {
      copy.put(segs[0], raw);
    } else {
      Object section = copy.get(segs[0]);
      Map<String, Object> m = section instanceof Map ? (Map<String, Object>) section : new LinkedHashMap<>();
      m.put(segs[1], raw);
      copy.put(segs[0], m);
    }
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Map ? deepCopy((Map<String, Object>) v) : v));
    return out;
  }

  /** The YAML text of a config in the form under test (the old form moves algo's keys to ppo:). */
  @SuppressWarnings("unchecked")
  static String yaml(Map<String, Object> root) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Object> e : root.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> m) {
        Map<String, Object> section = (Map<String, Object>) m;
        if (FORM == Form.OLD && e.getKey().equals("algo")) {
          sb.append("algo: ").append(section.getOrDefault("type", "ppo")).append('\n');
          sb.append("ppo:\n");
          section.forEach((k, v) -> {
            if (!k.equals("type")) sb.append("  ").append(k).append(": ").append(v).append('\n');
          });
          continue;
        }
        sb.append(e.getKey()).append(":\n");
        section.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
      } else {
        sb.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
      }
    }
    return sb.toString();
  }

  /** A config path in the form under test: {@code algo.x} is {@code ppo.x} in the old form. */
  static String p(String path) {
    return FORM == Form.OLD && path.startsWith("algo.") && !path.equals("algo.type") ? "ppo." + path.substring(5) : path;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- generation

  static List<Case> trainCases() {
    List<Case> cases = new ArrayList<>();
    Map<String, Object> base = base();
    Map<String, List<Bad>> catalogue = catalogue();

    // every bad value of every field
    catalogue.forEach((path, bads) -> {
      for (Bad b : bads) {
        List<String> all = new ArrayList<>(b.also());
        if (b.namesPath()) all.add(p(path));
        cases.add(new Case(path + ": " + b.raw(), Gate.ALGO_FORM, utf8(yaml(with(base, path, b.raw()))), List.of(), all, List.of()));
      }
    });
    for (String raw : List.of("sac", "PPO", "\"\"", "[ppo]", "1", "{name: ppo}")) {
      cases.add(new Case("algo.type: " + raw, Gate.MERGED, utf8(yaml(with(base, "algo.type", raw))), List.of(),
          List.of("algo"), List.of()));
    }
    badRewards().forEach((raw, names) -> cases.add(new Case("reward: " + raw, Gate.ALGO_FORM,
        utf8(yaml(with(base, "reward", raw))), List.of(), names, List.of())));

    // unknown keys: outside algo they fail while merging, before the algo section is bound
    cases.add(new Case("unknown top key", Gate.ANY, utf8(yaml(base) + "nmae: x\n"), List.of(), List.of("nmae", "did you mean 'name'"), List.of()));
    cases.add(new Case("unknown env key", Gate.ANY, utf8(yaml(with(base, "env.idd", "x"))), List.of(), List.of("env.idd", "did you mean 'id'"), List.of()));
    cases.add(new Case("unknown run key", Gate.ANY, utf8(yaml(with(base, "run.smoothWindoww", "3"))), List.of(),
        List.of("run.smoothWindoww", "did you mean 'smoothWindow'"), List.of()));
    cases.add(new Case("unknown algo key", Gate.ALGO_FORM, utf8(yaml(with(base, "algo.numEnvz", "2"))), List.of(),
        List.of(p("algo.numEnvz"), "did you mean 'numEnvs'"), List.of()));
    cases.add(new Case("key with a newline", Gate.ANY, utf8(yaml(base) + "\"bad\\nkey\": 1\n"), List.of(), List.of("bad\\nkey"), List.of()));

    // aliases
    cases.add(new Case("alias without anchor", Gate.ANY, utf8(yaml(with(base, "name", "*e"))), List.of(),
        List.of("fuzz.yaml:1:", "undefined alias e"), List.of()));
    cases.add(new Case("alias carries the anchored value", Gate.ALGO_FORM,
        utf8(yaml(with(with(base, "name", "&x fuzzy"), "env.id", "*x"))), List.of(), List.of("env.id", "'fuzzy'"), List.of()));
    cases.add(new Case("alias of a bad number", Gate.ALGO_FORM,
        utf8(yaml(with(with(base, "algo.numEnvs", "&n 0"), "algo.numSteps", "*n"))), List.of(), List.of(p("algo.numEnvs")), List.of()));
    cases.add(new Case("recursive alias", Gate.ANY, utf8(yaml(base) + "policy: &r {head: *r}\n"), List.of(), List.of("recursive alias"), List.of()));
    cases.add(new Case("merge key brings a foreign key", Gate.ANY,
        utf8(yaml(with(with(base, "env", "&e {id: CartPole-v1}"), "run.<<", "*e"))), List.of(), List.of("run.id", "unknown key"), List.of()));
    StringBuilder laughs = new StringBuilder(yaml(base)).append("l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n");
    for (int i = 1; i < 9; i++) {
      laughs.append("l").append(i).append(": &l").append(i).append(" [");
      for (int k = 0; k < 10; k++) laughs.append(k == 0 ? "" : ", ").append("*l").append(i - 1);
      laughs.append("]\n");
    }
    cases.add(new Case("billion laughs", Gate.ANY, utf8(laughs.toString()), List.of(), List.of("alias"), List.of()));

    // bad --set paths and values
    String base1 = yaml(base);
    Object[][] sets = {
        {Gate.ANY, "env.idd=x", List.of("--set env.idd=x", "did you mean 'id'")},
        {Gate.ANY, "nope=1", List.of("--set nope=1", "has no key 'nope'")},
        {Gate.ANY, "seed.x=1", List.of("seed is a single value")},
        {Gate.ANY, "=1", List.of("must look like a.b.c=value")},
        {Gate.ANY, "noequals", List.of("must look like a.b.c=value")},
        {Gate.ANY, "name=*x", List.of("--set name=*x", "not valid YAML")},
        {Gate.ANY, "run.smoothWindow=[1", List.of("--set run.smoothWindow=[1", "not valid YAML")},
        {Gate.ANY, "run.checkpointEvery.0=1", List.of("run.checkpointEvery is a single value")},
        {Gate.ANY, "env." + "k".repeat(200_000) + "=1", List.of("--set env.kkk", "chars)")},
        {Gate.ALGO_FORM, "run.checkpointEvery=1099511627776", List.of("run.checkpointEvery: expected an integer between", "--set")},
        {Gate.ALGO_FORM, "run.evalEpisodes=-1", List.of("run.evalEpisodes", "--set run.evalEpisodes=-1")},
        {Gate.ALGO_FORM, "env.id=", List.of("env.id")},
        {Gate.ALGO_FORM, "env.id=\"Cart\\nPole\"", List.of("env.id", "Cart\\nPole")},
        {Gate.ALGO_FORM, "env.id=" + "x".repeat(1 << 20), List.of("env.id", "chars)")},
        {Gate.ALGO_FORM, p("algo.numEnvz") + "=2", List.of("--set " + p("algo.numEnvz") + "=2", "did you mean 'numEnvs'")},
        {Gate.ALGO_FORM, p("algo.hiddenSizes") + ".9=1", List.of("index 9 does not exist")},
        {Gate.ALGO_FORM, p("algo.annealLr") + "=yes", List.of(p("algo.annealLr"), "--set " + p("algo.annealLr") + "=yes")},
        {Gate.ALGO_FORM, p("algo.learningRate") + "=.nan", List.of(p("algo.learningRate"), "NaN")},
        {Gate.ALGO_FORM, p("algo.numSteps") + "=4294967296", List.of(p("algo.numSteps"), "expected an integer between")},
        {Gate.MERGED, "algo.type=sac", List.of("--set algo.type=sac", "'sac'")},
    };
    for (Object[] s : sets) {
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) s[2];
      String set = (String) s[1];
      cases.add(new Case("--set " + UserInputException.abbreviate(set), (Gate) s[0], utf8(base1), List.of("--set", set), names, List.of()));
    }
    cases.add(new Case("--seed abc", Gate.ANY, utf8(base1), List.of("--seed", "abc"), List.of("--seed", "'abc'"), List.of()));
    cases.add(new Case("--seed overflow", Gate.ANY, utf8(base1), List.of("--seed", "99999999999999999999"), List.of("--seed"), List.of()));
    cases.add(new Case("unknown train option", Gate.ANY, utf8(base1), List.of("--frobnicate"), List.of("--frobnicate"), List.of()));

    // resource bounds: valid types, refused only by the lead's bound validation
    Object[][] huge = {
        {"run.smoothWindow", "2147483647"}, {"algo.hiddenSizes", "[100000000]"}, {"algo.hiddenSizes", "[65536, 65536]"},
        {"algo.numEnvs", "100000000"}, {"algo.numSteps", "1073741824"}, {"run.evalEpisodes", "1000000000"},
        {"algo.totalTimesteps", "9223372036854775807"}};
    for (Object[] h : huge) {
      String path = (String) h[0];
      Map<String, Object> cfg = with(base, path, (String) h[1]);
      if (path.equals("algo.numSteps")) cfg = with(cfg, "algo.numEnvs", "4"); // 4 x 2^30 overflows an int
      cases.add(new Case("resource " + path + ": " + h[1], Gate.RESOURCE, utf8(yaml(cfg)), List.of(), List.of(p(path)), List.of()));
    }

    // --out where a directory is expected (TrainCommand wires UserFiles.requireDirectoryOrAbsent at merge)
    cases.add(new Case("train --out FILE", Gate.MERGED, utf8(base1), List.of("--out", file.toString()), List.of("--out", "is a file"), List.of()));
    cases.add(new Case("train --out FILE/sub", Gate.MERGED, utf8(base1), List.of("--out", file.resolve("sub").toString()),
        List.of("--out", "is a file"), List.of()));

    // random compositions
    RandomSource rng = RandomSource.of(SEED);
    List<String> paths = new ArrayList<>(catalogue.keySet());
    String[] lines = base1.split("\n");
    for (int i = 0; i < RANDOM_CASES; i++) {
      int family = rng.nextInt(7);
      switch (family) {
        case 0 -> { // two bad values: the line names one of the two paths
          String a = paths.get(rng.nextInt(paths.size()));
          String b = paths.get(rng.nextInt(paths.size()));
          if (a.equals(b)) b = "run.checkpointEvery".equals(a) ? "seed" : "run.checkpointEvery";
          Bad ba = pathBad(catalogue.get(a), rng);
          Bad bb = pathBad(catalogue.get(b), rng);
          cases.add(new Case("random " + i + ": " + a + "=" + ba.raw() + ", " + b + "=" + bb.raw(), Gate.ALGO_FORM,
              utf8(yaml(with(with(base, a, ba.raw()), b, bb.raw()))), List.of(), List.of(), List.of(p(a), p(b))));
        }
        case 1 -> { // an unknown key of random letters in a section that is merged before algo is bound
          String section = List.of("", "env.", "run.").get(rng.nextInt(3));
          String key = "zz" + letters(rng, 1 + rng.nextInt(12));
          cases.add(new Case("random " + i + ": unknown key " + section + key, Gate.ANY, utf8(yaml(with(base, section + key, "1"))),
              List.of(), List.of(section + key, "unknown key"), List.of()));
        }
        case 2 -> { // a second document from a random line on
          int at = 1 + rng.nextInt(lines.length - 1);
          String text = String.join("\n", Arrays.copyOfRange(lines, 0, at)) + "\n---\n"
              + String.join("\n", Arrays.copyOfRange(lines, at, lines.length)) + "\n";
          cases.add(new Case("random " + i + ": second document at line " + (at + 1), Gate.ANY, utf8(text), List.of(),
              List.of("fuzz.yaml:" + (at + 1) + ":1", "second YAML document"), List.of()));
        }
        case 3 -> { // bytes that are not UTF-8 at a random place
          byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82, 0x20},
              {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF8, (byte) 0x88}};
          byte[] ins = bad[rng.nextInt(bad.length)];
          int line = rng.nextInt(lines.length);
          int col = rng.nextInt(lines[line].length() + 1);
          StringBuilder before = new StringBuilder();
          for (int k = 0; k < line; k++) before.append(lines[k]).append('\n');
          before.append(lines[line], 0, col);
          byte[] head = utf8(before.toString());
          byte[] tail = utf8(lines[line].substring(col) + "\n" + String.join("\n", Arrays.copyOfRange(lines, line + 1, lines.length)) + "\n");
          byte[] all = new byte[head.length + ins.length + tail.length];
          System.arraycopy(head, 0, all, 0, head.length);
          System.arraycopy(ins, 0, all, head.length, ins.length);
          System.arraycopy(tail, 0, all, head.length + ins.length, tail.length);
          cases.add(new Case(String.format(Locale.ROOT, "random %d: byte 0x%02X at line %d", i, ins[0] & 0xFF, line + 1), Gate.ANY, all,
              List.of(), List.of("fuzz.yaml:" + (line + 1), String.format(Locale.ROOT, "byte 0x%02X at offset %d (line %d, column %d)",
                  ins[0] & 0xFF, head.length, line + 1, col + 1)), List.of()));
        }
        case 4 -> { // a very long string where a name, an id or an enum-like value goes
          int len = 1_000 + rng.nextInt(1 << 20);
          String where = List.of("name", "env.id", "policy.head", "algo.annealLr").get(rng.nextInt(4));
          String value = letters(rng, 1).repeat(len);
          cases.add(new Case("random " + i + ": " + len + " characters in " + where, Gate.ALGO_FORM, utf8(yaml(with(base, where, value))),
              List.of(), List.of(where.equals("name") ? "name" : p(where), "chars)"), List.of()));
        }
        case 5 -> { // an unknown key of random length given as an explicit key
          int len = 1 + rng.nextInt(200_000);
          String key = "zz" + letters(rng, 1).repeat(len);
          cases.add(new Case("random " + i + ": unknown key of " + len + " characters", Gate.ANY, utf8(yaml(base) + "? " + key + "\n: 1\n"),
              List.of(), List.of("unknown key", "'zz"), List.of()));
        }
        default -> { // a quoted random text where a number or a boolean goes
          List<String> typed = paths.stream().filter(x -> !List.of("name", "env.id", "policy.head").contains(x)).toList();
          String path = typed.get(rng.nextInt(typed.size()));
          String junk = "\"" + letters(rng, 1 + rng.nextInt(20)) + "\"";
          cases.add(new Case("random " + i + ": " + path + "=" + junk, Gate.ALGO_FORM, utf8(yaml(with(base, path, junk))), List.of(),
              List.of(p(path)), List.of()));
        }
      }
    }
    return cases;
  }

  private static Bad pathBad(List<Bad> bads, RandomSource rng) {
    List<Bad> naming = bads.stream().filter(Bad::namesPath).toList();
    return naming.get(rng.nextInt(naming.size()));
  }

  private static String letters(RandomSource rng, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) sb.append((char) ('a' + rng.nextInt(26)));
    return sb.toString();
  }

  /** Bad arguments to the other commands: files for directories and back, missing paths, broken runs. */
  static List<Case> otherCases() {
    List<Case> c = new ArrayList<>();
    String missing = fixtures.resolve("no-such-run").toString();
    for (String cmd : List.of("eval", "resume", "plot")) {
      c.add(other(cmd + " FILE", List.of(cmd, file.toString()), "notes.txt", "is a file, not a run directory"));
      c.add(other(cmd + " DIR", List.of(cmd, emptyDir.toString()), "empty", "not a run directory"));
      c.add(other(cmd + " missing", List.of(cmd, missing), "no-such-run"));
      c.add(other(cmd + " bad manifest", List.of(cmd, badManifestRun.toString()), "manifest.json", "not valid UTF-8"));
      c.add(other(cmd + " FILE/sub", List.of(cmd, file.resolve("sub").toString()), "notes.txt"));
    }
    for (String cmd : List.of("eval", "resume")) {
      c.add(other(cmd + " run without checkpoint", List.of(cmd, fakeRun.toString()), "no checkpoint"));
    }
    for (String episodes : List.of("0", "-3", "abc", "1099511627776", "")) {
      c.add(other("eval --episodes " + episodes, List.of("eval", fakeRun.toString(), "--episodes", episodes), "--episodes"));
    }
    c.add(other("eval --seed x", List.of("eval", fakeRun.toString(), "--seed", "x"), "--seed"));
    c.add(other("plot --metric nope", List.of("plot", fakeRun.toString(), "--metric", "nope"), "--metric", "'nope'", "charts/episodic_return"));
    c.add(other("plot --metric typo", List.of("plot", fakeRun.toString(), fakeRun2.toString(), "--metric", "charts/episodic_lenght",
        "--out", fixtures.resolve("x.png").toString()), "did you mean 'charts/episodic_length'"));
    c.add(other("plot --metric long", List.of("plot", fakeRun.toString(), "--metric", "m".repeat(1 << 20)), "--metric", "chars)"));
    c.add(other("plot --out DIR", List.of("plot", fakeRun.toString(), fakeRun2.toString(), "--out", emptyDir.toString()), "--out", "is a directory"));
    c.add(other("plot --out FILE/sub", List.of("plot", fakeRun.toString(), fakeRun2.toString(), "--out", file.resolve("c.png").toString()),
        "--out", "is a file"));
    if (Files.exists(Path.of("/dev/null"))) {
      c.add(other("plot --out /dev/null", List.of("plot", fakeRun.toString(), fakeRun2.toString(), "--out", "/dev/null"), "not a regular file"));
    }
    if (fifo != null) {
      c.add(other("plot --out FIFO", List.of("plot", fakeRun.toString(), "--out", fifo.toString()), "fifo", "not a regular file"));
    }
    c.add(other("plot bad metrics", List.of("plot", badMetricsRun.toString()), "metrics.jsonl:2", "not valid UTF-8"));
    c.add(other("plot no metrics", List.of("plot", noMetricsRun.toString()), "metrics.jsonl", "not found"));
    c.add(other("plot run and FILE", List.of("plot", fakeRun.toString(), file.toString()), "notes.txt"));
    c.add(other("env check unknown", List.of("env", "check", "--env", "NoSuch-v0"), "'NoSuch-v0'"));
    c.add(other("env check empty", List.of("env", "check", "--env", ""), "unknown environment"));
    c.add(other("env check long", List.of("env", "check", "--env", "e".repeat(1 << 20)), "chars)"));
    c.add(other("env check newline", List.of("env", "check", "--env", "Cart\nPole\u001b[2J"), "Cart\\nPole\\u001b[2J"));
    c.add(other("env check --seed x", List.of("env", "check", "--env", "CartPole-v1", "--seed", "x"), "--seed"));
    c.add(other("env check without --env", List.of("env", "check"), "--env"));
    c.add(other("env serve unknown", List.of("env", "serve", "--env", "NoSuch-v0"), "'NoSuch-v0'"));
    c.add(other("env unknown subcommand", List.of("env", "nope"), "nope"));
    c.add(other("repro run unknown", List.of("repro", "run", "nope"), "'nope'"));
    c.add(other("repro run long", List.of("repro", "run", "p".repeat(1 << 20)), "chars)"));
    String notStarted = org.rewardlab.repro.Papers.ALL.stream().map(org.rewardlab.repro.Paper::id)
        .filter(p -> org.rewardlab.repro.ReproRegistry.standard().repro(p).isEmpty()).findFirst().orElseThrow();
    c.add(other("repro run not started", List.of("repro", "run", notStarted, "--out", fixtures.resolve("repro-out").toString(),
        "--results", fixtures.resolve("repro-results").toString()), "'" + notStarted + "'", "not started"));
    c.add(other("repro run --seeds 0", List.of("repro", "run", "starc", "--seeds", "0", "--out", fixtures.resolve("repro-out").toString(),
        "--results", fixtures.resolve("repro-results").toString()), "--seeds"));
    c.add(other("repro run --seeds x", List.of("repro", "run", "starc", "--seeds", "x"), "--seeds"));
    c.add(other("repro report --out FILE/sub", List.of("repro", "report", "--out", file.resolve("PAPERS.md").toString(),
        "--results", emptyDir.toString()), "--out"));
    c.add(new Case("repro report --results FILE", Gate.MERGED, null, List.of("repro", "report", "--results", file.toString(),
        "--out", fixtures.resolve("papers.md").toString()), List.of("--results", "is a file"), List.of()));
    c.add(other("unknown command", List.of("tr\nain" + "x".repeat(100_000)), "unknown command", "chars)"));
    c.add(other("train without file", List.of("train"), "EXP.yaml"));
    c.add(other("train missing file", List.of("train", fixtures.resolve("nope.yaml").toString()), "nope.yaml"));
    c.add(other("train DIR", List.of("train", emptyDir.toString()), "empty"));
    if (fifo != null) c.add(other("train FIFO", List.of("train", fifo.toString()), "fifo"));
    return c;
  }

  private static Case other(String name, List<String> args, String... names) {
    return new Case(name, Gate.ANY, null, args, List.of(names), List.of());
  }

  // ---------------------------------------------------------------- running

  private static final AtomicInteger COUNTER = new AtomicInteger();

  @TestFactory
  Stream<DynamicTest> badTrainConfigs() {
    return trainCases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> runTrain(c)));
  }

  @TestFactory
  Stream<DynamicTest> badArgumentsToOtherCommands() {
    return otherCases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      gate(c);
      check(c, TrainCli.run(c.args().toArray(String[]::new)));
    }));
  }

  private static void gate(Case c) {
    switch (c.gate()) {
      case ANY -> { }
      case ALGO_FORM -> assumeTrue(FORM != Form.NONE,
          "needs the type-tagged algo section (examples/cartpole-ppo.yaml with 'type: ppo') or -Drewardlab.fuzz.algoForm=old");
      case MERGED -> assumeTrue(FORM == Form.NEW, "needs the algo reshaping and the path checks wired by the lead");
      case RESOURCE -> assumeTrue(FORM == Form.NEW, "needs the lead's resource-bound validation");
    }
  }

  private static void runTrain(Case c) throws Exception {
    gate(c);
    Path dir = Files.createDirectories(fixtures.resolve("case-" + COUNTER.incrementAndGet()));
    Path config = dir.resolve("fuzz.yaml");
    Files.write(config, c.yaml());
    Path out = dir.resolve("runs");
    List<String> args = new ArrayList<>(List.of("train", config.toString(), "--out", out.toString(), "--quiet"));
    args.addAll(c.args());
    if (args.contains("--out") && args.lastIndexOf("--out") != args.indexOf("--out")) {
      args.subList(2, 4).clear(); // the case gives its own --out
    }
    if (c.gate() == Gate.RESOURCE) requireRejectedBeforeTraining(config, c);
    TrainCli.Outcome o = TrainCli.run(args.toArray(String[]::new));
    check(c, o);
    assertThat(TrainCli.runs(out)).as("a run directory was left behind: " + c).isEmpty();
  }

  /**
   * A size the heap cannot hold must be refused when the config is bound, not by running out of
   * memory: fail here instead of starting the run.
   */
  private static void requireRejectedBeforeTraining(Path config, Case c) throws Exception {
    try {
      ExperimentSpec exp = ExperimentSpecs.load(config, List.of()).spec();
      Algorithms.of(exp).validate(exp, EnvRegistry.standard());
    } catch (UserInputException e) {
      return;
    }
    fail("not refused by validation, so it would run out of memory or time: " + c.name());
  }

  private static void check(Case c, TrainCli.Outcome o) {
    String what = c.name() + "\n" + shortened(o);
    assertThat(o.code()).as(what).isEqualTo(Main.BAD_INPUT);
    List<String> lines = o.errLines();
    assertThat(lines).as(what).hasSize(1);
    String line = lines.get(0);
    if (Boolean.getBoolean("rewardlab.fuzz.print")) System.out.println(c.name().length() > 120 ? c.name().substring(0, 120) + "…" : c.name() + "\n  " + line);
    assertThat(line).as(what).startsWith("error: ").doesNotContain("error: internal", "\tat ", "Exception");
    assertThat(line.length()).as("the line stays short: " + what).isLessThan(2500);
    for (String name : c.allOf()) assertThat(line).as(what).contains(name);
    if (!c.anyOf().isEmpty()) {
      assertThat(c.anyOf().stream().anyMatch(line::contains)).as(what + "\nnames one of " + c.anyOf()).isTrue();
    }
  }

  private static String shortened(TrainCli.Outcome o) {
    String s = o.toString();
    return s.length() > 4000 ? s.substring(0, 4000) + "…" : s;
  }
}
