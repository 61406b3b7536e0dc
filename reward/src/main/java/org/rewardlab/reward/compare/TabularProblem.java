package org.rewardlab.reward.compare;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.rewardlab.core.Suggestions;
import org.rewardlab.core.UserInputException;
import org.rewardlab.reward.mdp.TabularMdp;
import org.rewardlab.reward.mdp.TabularReward;

/**
 * Two rewards on one finite MDP, as a user hands them over in JSON (e.g. from Python with
 * {@code json.dump}):
 *
 * <pre>{@code
 * {"gamma": 0.9,                       // discount γ in [0, 1)
 *  "transition": [S][A][S'],           // τ(s'|s,a); each innermost row sums to 1 (within 1e-9)
 *  "R1": [S][A][S'], "R2": [S][A][S'], // rewards R(s,a,s'), finite
 *  "state_dist": [S],                  // optional D_S, default uniform
 *  "action_dist": [A],                 // optional D_A, default uniform
 *  "coverage": [S][A][S']}             // optional coverage D for EPIC's Pearson distance, sums to 1
 * }</pre>
 *
 * {@link #parse} checks everything a user can get wrong — syntax, unknown or missing keys, shapes,
 * non-numbers, non-finite or huge numbers, negative probabilities, sums off by more than 1e-9, γ
 * outside [0, 1) — and throws a {@link UserInputException} whose place is the file and the JSON path
 * ({@code problem.json: transition[2][1]}) and whose fix says what to change. Immutable.
 *
 * @param mdp the MDP (its start distribution is uniform; distances do not read it)
 * @param r1 the first reward
 * @param r2 the second reward
 * @param coverage D_S and D_A (uniform where the file gives none)
 * @param stateDistGiven whether the file gave {@code state_dist}
 * @param actionDistGiven whether the file gave {@code action_dist}
 * @param explicitCoverage the file's {@code coverage}, flat {@code [s][a][s']}, or {@code null}
 */
public record TabularProblem(TabularMdp mdp, TabularReward r1, TabularReward r2, Coverage coverage,
    boolean stateDistGiven, boolean actionDistGiven, double[] explicitCoverage) {

  /** Largest |R| accepted: beyond it squares overflow double precision in the L2 norms. */
  public static final double MAX_ABS_REWARD = 1e100;
  /** Largest number of (s, a, s') entries accepted. */
  public static final int MAX_ENTRIES = 4_000_000;

  private static final Set<String> KEYS = Set.of("gamma", "transition", "R1", "R2", "state_dist", "action_dist", "coverage");
  private static final List<String> KEY_ORDER = List.of("gamma", "transition", "R1", "R2", "state_dist", "action_dist",
      "coverage");
  private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  public TabularProblem {
    if (mdp == null || r1 == null || r2 == null || coverage == null) {
      throw new IllegalArgumentException("a tabular problem needs an MDP, two rewards and a coverage");
    }
    r1.requireShape(mdp);
    r2.requireShape(mdp);
    coverage.requireShape(mdp);
    if (explicitCoverage != null) {
      if (explicitCoverage.length != mdp.size()) {
        throw new IllegalArgumentException("explicit coverage has " + explicitCoverage.length + " entries, the MDP "
            + mdp.size());
      }
      explicitCoverage = explicitCoverage.clone();
    }
  }

  /** A problem with uniform D_S, D_A and no explicit coverage. */
  public static TabularProblem of(TabularMdp mdp, TabularReward r1, TabularReward r2) {
    return new TabularProblem(mdp, r1, r2, Coverage.uniform(mdp.nS(), mdp.nA()), false, false, null);
  }

  @Override
  public double[] explicitCoverage() {
    return explicitCoverage == null ? null : explicitCoverage.clone();
  }

  /**
   * Reads a problem file.
   *
   * @throws UserInputException if the file is missing or anything in it is wrong
   */
  public static TabularProblem read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserInputException(file.toString(), "file not found", "check the path");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    return parse(text, file.toString());
  }

  /**
   * Parses a problem from JSON text.
   *
   * @param source the name of the text in messages (the file name)
   * @throws UserInputException naming the JSON path and the fix for anything wrong
   */
  public static TabularProblem parse(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String at = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      String msg = e.getOriginalMessage();
      if (msg != null && (msg.contains("NaN") || msg.contains("Infinity"))) {
        throw new UserInputException(source, "has a non-finite number (NaN or Infinity)" + at,
            "every number must be finite; Python's json.dump writes NaN for float('nan'): check the tables with"
                + " numpy.isfinite first");
      }
      throw new UserInputException(source, "is not valid JSON" + at + ": " + firstLine(msg), "fix the JSON syntax");
    }
    return new Reader(source).problem(root);
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Walks the tree, naming each place as a JSON path. */
  private record Reader(String source) {
    TabularProblem problem(JsonNode root) {
      if (root == null || !root.isObject()) {
        throw error("", "must hold a JSON object, found " + kind(root),
            "write {\"gamma\": 0.9, \"transition\": [S][A][S'], \"R1\": [S][A][S'], \"R2\": [S][A][S']}");
      }
      for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!KEYS.contains(key)) {
          String hint = Suggestions.closest(key, KEYS).map(k -> "did you mean '" + k + "'? ").orElse("");
          throw error(key, "unknown key", hint + "the keys are " + String.join(", ", KEY_ORDER));
        }
      }
      for (String key : List.of("gamma", "transition", "R1", "R2")) {
        if (!root.has(key) || root.get(key).isNull()) {
          throw error(key, "is missing", "add \"" + key + "\": " + switch (key) {
            case "gamma" -> "a discount in [0, 1), e.g. 0.9";
            case "transition" -> "the kernel τ(s'|s,a) as an [S][A][S'] array";
            default -> "the reward R(s,a,s') as an [S][A][S'] array";
          });
        }
      }
      double gamma = number(root.get("gamma"), "gamma");
      if (!(gamma >= 0 && gamma < 1)) {
        throw error("gamma", "is " + gamma + ", outside [0, 1)", "use a discount in [0, 1), e.g. 0.9 (values need γ < 1)");
      }
      JsonNode tn = root.get("transition");
      int nS = length(tn, "transition", "an [S][A][S'] array of probabilities");
      JsonNode first = tn.get(0);
      int nA = length(first, "transition[0]", "an [A][S'] array: one row of next-state probabilities per action");
      if ((long) nS * nA * nS > MAX_ENTRIES) {
        throw error("transition", "has " + nS + " x " + nA + " x " + nS + " entries, more than " + MAX_ENTRIES,
            "compare on a smaller MDP");
      }
      double[] tau = table(tn, "transition", nS, nA, "transition");
      for (int s = 0; s < nS; s++) {
        for (int a = 0; a < nA; a++) {
          String path = "transition[" + s + "][" + a + "]";
          probabilities(tau, (s * nA + a) * nS, nS, path, "make each row τ(·|s,a) a probability vector summing to 1");
        }
      }
      double[] r1 = rewards(root.get("R1"), "R1", nS, nA);
      double[] r2 = rewards(root.get("R2"), "R2", nS, nA);
      boolean sGiven = present(root, "state_dist");
      boolean aGiven = present(root, "action_dist");
      double[] ds = sGiven ? distribution(root.get("state_dist"), "state_dist", nS, "states") : uniform(nS);
      double[] da = aGiven ? distribution(root.get("action_dist"), "action_dist", nA, "actions") : uniform(nA);
      double[] cov = null;
      if (present(root, "coverage")) {
        cov = table(root.get("coverage"), "coverage", nS, nA, "transition");
        for (int i = 0; i < cov.length; i++) {
          if (cov[i] < 0) {
            throw error(pathOf("coverage", i, nS, nA), "is " + cov[i] + ", a negative probability",
                "coverage entries are probabilities of transitions, >= 0");
          }
        }
        probabilities(cov, 0, cov.length, "coverage", "make the coverage a distribution over all (s, a, s') summing to 1");
      }
      TabularMdp mdp = TabularMdp.uniformStart(nS, nA, gamma, tau);
      return new TabularProblem(mdp, new TabularReward(nS, nA, r1), new TabularReward(nS, nA, r2),
          new Coverage(ds, da), sGiven, aGiven, cov);
    }

    private double[] rewards(JsonNode node, String key, int nS, int nA) {
      double[] r = table(node, key, nS, nA, "transition");
      for (int i = 0; i < r.length; i++) {
        if (Math.abs(r[i]) > MAX_ABS_REWARD) {
          throw error(pathOf(key, i, nS, nA), "is " + r[i] + ", beyond ±1e100",
              "scale the rewards down (distances do not change under positive scaling)");
        }
      }
      return r;
    }

    private static String pathOf(String key, int flat, int nS, int nA) {
      int s = flat / (nA * nS);
      int a = (flat / nS) % nA;
      int n = flat % nS;
      return key + "[" + s + "][" + a + "][" + n + "]";
    }

    private static boolean present(JsonNode root, String key) {
      return root.has(key) && !root.get(key).isNull();
    }

    private static double[] uniform(int n) {
      double[] u = new double[n];
      java.util.Arrays.fill(u, 1.0 / n);
      return u;
    }

    private double[] distribution(JsonNode node, String key, int n, String what) {
      if (node == null || !node.isArray() || node.size() != n) {
        throw error(key, "must be an array of " + n + " probabilities (one per " + what.substring(0, what.length() - 1)
            + "), found " + describe(node), "give one probability per " + what.substring(0, what.length() - 1)
            + ", or leave \"" + key + "\" out for uniform");
      }
      double[] p = new double[n];
      for (int i = 0; i < n; i++) {
        p[i] = number(node.get(i), key + "[" + i + "]");
        if (p[i] < 0) {
          throw error(key + "[" + i + "]", "is " + p[i] + ", a negative probability", "probabilities are >= 0");
        }
      }
      probabilities(p, 0, n, key, "make " + key + " sum to 1");
      return p;
    }

    /** Checks x[from..from+n) sums to 1 within the tolerance (entries already checked >= 0 or checked here). */
    private void probabilities(double[] x, int from, int n, String path, String fix) {
      double sum = 0;
      for (int i = from; i < from + n; i++) {
        if (x[i] < 0) {
          throw error(path + "[" + (i - from) + "]", "is " + x[i] + ", a negative probability", "probabilities are >= 0");
        }
        sum += x[i];
      }
      if (Math.abs(sum - 1) > Coverage.SUM_TOLERANCE) {
        throw error(path, "sums to " + sum + ", not 1 (tolerance 1e-9)", fix);
      }
    }

    /** An [S][A][S'] array of finite numbers, flat. */
    private double[] table(JsonNode node, String key, int nS, int nA, String shapeOf) {
      String shape = "[" + nS + "][" + nA + "][" + nS + "] (the shape of " + shapeOf + ")";
      if (node == null || !node.isArray() || node.size() != nS) {
        throw error(key, "must be an array of " + nS + " states, found " + describe(node), "give " + key + " the shape "
            + shape);
      }
      double[] out = new double[nS * nA * nS];
      for (int s = 0; s < nS; s++) {
        JsonNode ns = node.get(s);
        String ps = key + "[" + s + "]";
        if (!ns.isArray() || ns.size() != nA) {
          throw error(ps, "must be an array of " + nA + " actions, found " + describe(ns), "give " + key + " the shape "
              + shape);
        }
        for (int a = 0; a < nA; a++) {
          JsonNode na = ns.get(a);
          String pa = ps + "[" + a + "]";
          if (!na.isArray() || na.size() != nS) {
            throw error(pa, "must be an array of " + nS + " next states, found " + describe(na), "give " + key
                + " the shape " + shape);
          }
          for (int n = 0; n < nS; n++) {
            out[(s * nA + a) * nS + n] = number(na.get(n), pa + "[" + n + "]");
          }
        }
      }
      return out;
    }

    private int length(JsonNode node, String path, String expected) {
      if (node == null || !node.isArray() || node.isEmpty()) {
        throw error(path, "must be a non-empty array, found " + describe(node), "write " + expected);
      }
      return node.size();
    }

    private double number(JsonNode node, String path) {
      if (node == null || !node.isNumber()) {
        throw error(path, "must be a number, found " + describe(node), "write a finite JSON number there");
      }
      double v = node.doubleValue();
      if (!Double.isFinite(v)) {
        throw error(path, "is " + node.asText() + ", not a finite double", "write a finite number (|x| < 1e308)");
      }
      return v;
    }

    private static String describe(JsonNode node) {
      if (node == null || node.isMissingNode()) return "nothing";
      if (node.isArray()) return "an array of " + node.size();
      return kind(node) + (node.isValueNode() ? " " + abbreviate(node.toString()) : "");
    }

    private static String abbreviate(String s) {
      return s.length() > 30 ? s.substring(0, 27) + "..." : s;
    }

    private static String kind(JsonNode node) {
      if (node == null || node.isMissingNode()) return "nothing";
      return switch (node.getNodeType()) {
        case ARRAY -> "an array";
        case OBJECT -> "an object";
        case STRING -> "a string";
        case BOOLEAN -> "a boolean";
        case NULL -> "null";
        case NUMBER -> "a number";
        default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
      };
    }

    private UserInputException error(String path, String problem, String fix) {
      return new UserInputException(path.isEmpty() ? source : source + ": " + path, problem, fix);
    }
  }

  /** The file's keys in the order the docs list them. */
  public static List<String> keys() {
    return new ArrayList<>(KEY_ORDER);
  }
}
