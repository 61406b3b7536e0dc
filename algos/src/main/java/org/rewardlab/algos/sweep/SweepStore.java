package org.rewardlab.algos.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.rewardlab.core.UserFiles;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.run.AtomicFiles;

/**
 * A sweep's directory:
 *
 * <pre>
 *   &lt;sweepDir&gt;/
 *     sweep.json                        the sweep (base experiment text included) and its plan
 *     results/&lt;hash12&gt;-seed&lt;n&gt;.json   one per finished task, written atomically as it arrives
 *     runs/&lt;hash12&gt;/seed-&lt;n&gt;/           the tasks' run directories (local engine)
 *     results.csv, cells.csv, sweep.html
 * </pre>
 *
 * A result file exists only complete ({@link AtomicFiles}), so a sweep killed at any point keeps every
 * finished task and {@code sweep resume} runs only the others. A directory holds one plan: opening it
 * for another plan is refused.
 *
 * <p>Thread-safe for {@link #save} from one driver thread; not for two drivers on one directory.
 */
public final class SweepStore {
  public static final String SWEEP_FILE = "sweep.json";
  public static final String RESULTS_DIR = "results";
  public static final String RUNS_DIR = "runs";
  static final int FORMAT = 1;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path dir;

  private SweepStore(Path dir) {
    this.dir = dir;
  }

  /**
   * Opens {@code dir} for {@code plan}: writes {@code sweep.json} if the directory is new; keeps the
   * results already there if it holds the same plan (same cells' configs and seeds).
   *
   * @throws UserInputException if {@code dir} holds a sweep with another plan, or is a file
   */
  public static SweepStore create(Path dir, SweepPlan plan) {
    UserFiles.requireDirectoryOrAbsent(dir, "--out");
    SweepStore store = new SweepStore(dir);
    if (Files.isRegularFile(dir.resolve(SWEEP_FILE))) {
      SweepPlan old = store.readPlan();
      store.requireSamePlan(old, plan);
    }
    AtomicFiles.writeString(dir.resolve(SWEEP_FILE), toJson(plan));
    return store;
  }

  /**
   * Opens an existing sweep directory (for {@code sweep resume}).
   *
   * @throws UserInputException if {@code dir} holds no readable {@code sweep.json}
   */
  public static SweepStore open(Path dir) {
    if (!Files.isRegularFile(dir.resolve(SWEEP_FILE))) {
      throw new UserInputException(dir.toString(), Files.isDirectory(dir) ? "is not a sweep directory (no " + SWEEP_FILE + ")" : "no such sweep directory",
          "give the directory a `rewardlab sweep` wrote (it prints it), e.g. runs/sweep-<name>");
    }
    return new SweepStore(dir);
  }

  public Path dir() {
    return dir;
  }

  /** Where the local engine's run directories go: {@code <dir>/runs}, absolute. */
  public Path runsRoot() {
    return dir.resolve(RUNS_DIR).toAbsolutePath().normalize();
  }

  /** The plan stored in {@code sweep.json}, as it was written. */
  public SweepPlan readPlan() {
    Path f = dir.resolve(SWEEP_FILE);
    String text = UserFiles.readUtf8(f, "sweep file");
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null || n.path("format").asInt() != FORMAT) {
        throw new UserInputException(f.toString(), "not a sweep file of this RewardLab version (format " + n.path("format") + ")",
            "start the sweep again in a new directory");
      }
      SweepSpec spec = JSON.treeToValue(n.get("spec"), SweepSpec.class);
      List<SweepPlan.Cell> cells = new ArrayList<>();
      for (JsonNode c : n.get("cells")) cells.add(JSON.treeToValue(c, SweepPlan.Cell.class));
      return new SweepPlan(spec, cells);
    } catch (JsonProcessingException | RuntimeException e) {
      if (e instanceof UserInputException u) throw u;
      throw new UserInputException(f.toString(), "unreadable sweep file (" + e.getMessage().lines().findFirst().orElse("") + ")",
          "start the sweep again in a new directory", e);
    }
  }

  /**
   * Refuses a plan that differs from {@code stored} in its cells' configs or its seeds.
   *
   * @throws UserInputException naming the directory and what differs
   */
  public void requireSamePlan(SweepPlan stored, SweepPlan plan) {
    List<String> a = stored.cells().stream().map(SweepPlan.Cell::configHash).toList();
    List<String> b = plan.cells().stream().map(SweepPlan.Cell::configHash).toList();
    String what = null;
    if (!stored.spec().seeds().equals(plan.spec().seeds())) {
      what = "other seeds (" + stored.spec().seeds() + " there, " + plan.spec().seeds() + " now)";
    } else if (a.size() != b.size()) {
      what = a.size() + " cells there, " + b.size() + " now";
    } else if (!a.equals(b)) {
      int i = 0;
      while (a.get(i).equals(b.get(i))) i++;
      what = "cell " + i + " (" + plan.cells().get(i).label() + ") resolves to another config than the stored one ("
          + stored.cells().get(i).label() + ")";
    }
    if (what != null) {
      throw new UserInputException(dir.toString(), "holds a sweep with another plan: " + what,
          "use another --out DIR, or delete that directory to start over");
    }
  }

  /** Saves one task's result atomically ({@code results/<hash12>-seed<n>.json}); a retry's result replaces it. */
  public void save(TaskResult r) {
    try {
      AtomicFiles.writeString(resultFile(r.key()), JSON.writeValueAsString(r) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the result of " + r.key(), e);
    }
  }

  Path resultFile(String key) {
    return dir.resolve(RESULTS_DIR).resolve(key + ".json");
  }

  /** The results saved so far, by key ({@code <hash12>-seed<n>}), keys sorted. Removes leftovers of killed writes. */
  public Map<String, TaskResult> results() {
    Path rd = dir.resolve(RESULTS_DIR);
    Map<String, TaskResult> out = new TreeMap<>();
    if (!Files.isDirectory(rd)) return out;
    AtomicFiles.removeLeftovers(rd);
    try (Stream<Path> s = Files.list(rd)) {
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".json")) continue;
        TaskResult r;
        try {
          r = JSON.readValue(UserFiles.readUtf8(p, "result file"), TaskResult.class);
        } catch (JsonProcessingException e) {
          throw new UserInputException(p.toString(), "unreadable result file", "delete it; `sweep resume` runs that task again", e);
        }
        if (!name.equals(r.key() + ".json")) {
          throw new UserInputException(p.toString(), "holds the result of " + r.key(), "delete it; `sweep resume` runs that task again");
        }
        out.put(r.key(), r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + rd, e);
    }
    return out;
  }

  /** Writes a file of the sweep (a CSV, the report) atomically. */
  public Path write(String fileName, String text) {
    Path p = dir.resolve(fileName);
    AtomicFiles.writeString(p, text);
    return p;
  }

  static String toJson(SweepPlan plan) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.set("spec", JSON.valueToTree(plan.spec()));
    root.set("cells", JSON.valueToTree(plan.cells()));
    root.put("tasks", plan.taskCount());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the sweep plan", e);
    }
  }

  /** A result as the JSON text of its file. */
  public static String toJson(TaskResult r) {
    try {
      return JSON.writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the result of " + r.key(), e);
    }
  }
}
