package org.rewardlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.rewardlab.core.UserFiles;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.repro.Arm;
import org.rewardlab.repro.Claim;
import org.rewardlab.repro.Numbers;
import org.rewardlab.repro.Paper;
import org.rewardlab.repro.PaperStatus;
import org.rewardlab.repro.PapersReport;
import org.rewardlab.repro.Repro;
import org.rewardlab.repro.ReproConfig;
import org.rewardlab.repro.ReproRegistry;
import org.rewardlab.repro.ReproResult;
import org.rewardlab.repro.ReproRunner;
import org.rewardlab.repro.ResultStore;
import org.rewardlab.repro.Scale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rewardlab repro}: list the seed papers, run a paper's reproduction, write docs/PAPERS.md. */
@Command(
    name = "repro",
    description = "Reproduce the central claims of the 63 seed papers.",
    subcommands = {ReproCommand.ListCommand.class, ReproCommand.RunCommand.class, ReproCommand.ReportCommand.class})
final class ReproCommand implements Callable<Integer> {
  static final String RESULTS_DIR = "repro/results";
  static final String PAPERS_MD = "docs/PAPERS.md";

  @ParentCommand RewardLabCommand top;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "missing command: choose one of " + String.join(", ", spec.subcommands().keySet()));
  }

  ReproRegistry registry() {
    return top.registry();
  }

  /** {@code rewardlab repro list}. */
  @Command(name = "list", description = "List the seed papers: id, status, family, title.")
  static final class ListCommand implements Callable<Integer> {
    @ParentCommand ReproCommand repro;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      ReproRegistry registry = repro.registry();
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"#", "ID", "STATUS", "FAMILY", "TITLE"});
      for (Paper p : registry.papers()) {
        rows.add(new String[] {
            Integer.toString(p.number()), p.id(), registry.status(p.id()).label(), p.family(), p.title()});
      }
      printTable(spec.commandLine().getOut(), rows);
      return 0;
    }
  }

  /** {@code rewardlab repro run <id>}. */
  @Command(name = "run", description = "Run the reproduction of one paper: print the measured numbers per arm"
      + " and the verdict, and save the result as <results>/<id>.json. A claim that does not hold still exits 0:"
      + " it is a result.")
  static final class RunCommand implements Callable<Integer> {
    @ParentCommand ReproCommand repro;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<id>", description = "Paper id (see 'rewardlab repro list').")
    String id;

    @Option(names = "--scale", paramLabel = "SCALE", defaultValue = "default",
        description = "How long it runs: smoke (seconds), default (the CPU-scale run, minutes) or paper (the"
            + " paper's own scale, may take hours or be refused) (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--seed", paramLabel = "N",
        description = "First seed; the run uses seeds N, N+1, ... (default: the scale's own seeds, usually 1, 2, 3).")
    Long seed;

    @Option(names = "--seeds", paramLabel = "K|LIST",
        description = "How many seeds each arm runs on (K, counting from --seed), or the seeds themselves as a"
            + " comma-separated list (1,2,3) (default: the scale's own seeds).")
    String seeds;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Directory for the run's files (default: runs/repro/<id> in the repository).")
    Path out;

    @Option(names = "--results", paramLabel = "DIR",
        description = "Directory where <id>.json is saved (default: " + RESULTS_DIR + " in the repository).")
    Path results;

    @Mixin EngineFlags engineFlags = new EngineFlags();

    @Override
    public Integer call() {
      engineFlags.check();
      ReproRegistry registry = repro.registry();
      Paper paper = registry.paper(id);
      Repro<?> r = registry.repro(paper.id()).orElseThrow(() -> notRunnable(paper, registry.status(paper.id())));
      return run(r, paper);
    }

    private <C extends ReproConfig<C>> int run(Repro<C> r, Paper paper) {
      Scale runScale = Scale.parse(scale);
      C config = ReproRunner.config(r, runScale, chooseSeeds(r.config(runScale).seeds()));
      Path outDir = out != null ? out : Workspace.resolve("runs/repro/" + paper.id());
      UserFiles.requireDirectoryOrAbsent(outDir, "--out");
      UserFiles.requireDirectoryOrAbsent(results != null ? results : Workspace.resolve(RESULTS_DIR), "--results");
      try {
        Files.createDirectories(outDir);
      } catch (IOException e) {
        throw new UserInputException("--out " + outDir, "cannot create the directory: " + e.getMessage(),
            "choose a writable directory with --out DIR", e);
      }
      String command = "rewardlab repro run " + paper.id() + " --scale " + runScale.label() + " "
          + seedFlags(config.seeds());
      PrintWriter o = spec.commandLine().getOut();
      PrintWriter e = spec.commandLine().getErr();
      o.println(paper.id() + ": " + paper.title() + " (" + paper.family() + "; " + paper.spec() + ")");
      o.println("claim: " + paper.claim());
      o.println("scale: " + runScale.label() + "; paper's scale: " + r.paperScale());
      o.println("seeds: " + join(config.seeds()) + "; files: " + Workspace.show(outDir));
      o.flush();
      ReproRunner.Settings settings = new ReproRunner.Settings(outDir, Workspace.root(), command, line -> {
        e.println("  " + line);
        e.flush();
      });
      ReproResult result;
      if (engineFlags.given()) {
        try (TaskEngine engine = engineFlags.open()) {
          result = ReproRunner.run(r, runScale, config.seeds(), settings, engine);
        }
      } else {
        result = ReproRunner.run(r, runScale, config.seeds(), settings);
      }
      printResult(o, result);
      ResultStore store = new ResultStore(results != null ? results : Workspace.resolve(RESULTS_DIR));
      Path saved = store.save(result);
      o.println(String.format(Locale.ROOT, "verdict: %s (%.1f s); saved %s",
          result.verdict().label(), result.wallSeconds(), Workspace.show(saved)));
      return 0;
    }

    /**
     * The seeds the flags ask for, or null for the config's own: a list in {@code --seeds} as it is;
     * else {@code --seed} (default: the config's first seed) counting up {@code --seeds} times (default:
     * as many as the config has).
     */
    private List<Long> chooseSeeds(List<Long> configSeeds) {
      if (seeds == null && seed == null) {
        return null;
      }
      String text = seeds == null ? "" : seeds.strip();
      if (text.contains(",")) {
        if (seed != null) {
          throw new UserInputException("--seed", "cannot be combined with a list of seeds in --seeds",
              "give either --seeds 1,2,3 or --seed N --seeds K");
        }
        List<Long> list = new ArrayList<>();
        for (String part : text.split(",", -1)) {
          try {
            list.add(Long.parseLong(part.strip()));
          } catch (NumberFormatException ex) {
            throw new UserInputException("--seeds", "'" + part.strip() + "' in '" + text + "' is not a whole number",
                "give seeds as a comma-separated list like 1,2,3", ex);
          }
        }
        if (new HashSet<>(list).size() != list.size()) {
          throw new UserInputException("--seeds", "the list " + text + " repeats a seed", "give distinct seeds");
        }
        return list;
      }
      int count = configSeeds.size();
      if (!text.isEmpty()) {
        try {
          count = Integer.parseInt(text);
        } catch (NumberFormatException ex) {
          throw new UserInputException("--seeds", "'" + text + "' is neither a count nor a list of seeds",
              "use e.g. --seeds 3 or --seeds 1,2,3", ex);
        }
        if (count < 1) {
          throw new UserInputException("--seeds", "must be 1 or more, got " + count, "use e.g. --seeds 3");
        }
      }
      return ReproConfig.consecutiveSeeds(seed != null ? seed : configSeeds.get(0), count);
    }

    /** The flags that select exactly these seeds again: {@code --seed 1 --seeds 3} or {@code --seeds 4,7}. */
    static String seedFlags(List<Long> seeds) {
      boolean consecutive = true;
      for (int i = 1; i < seeds.size(); i++) {
        consecutive &= seeds.get(i) == seeds.get(0) + i;
      }
      if (consecutive) {
        return "--seed " + seeds.get(0) + " --seeds " + seeds.size();
      }
      StringJoiner j = new StringJoiner(",");
      for (long s : seeds) {
        j.add(Long.toString(s));
      }
      return "--seeds " + j;
    }

    private static UserInputException notRunnable(Paper paper, PaperStatus status) {
      String state = status == PaperStatus.PARTS_ONLY
          ? "has its parts in the library but no runnable reproduction yet"
          : "is not started yet: it has no reproduction";
      return new UserInputException("repro run " + paper.id(), "paper '" + paper.id() + "' (" + paper.title()
          + ") " + state, "see " + PAPERS_MD + " for the status of every paper");
    }

    private static void printResult(PrintWriter o, ReproResult result) {
      for (Claim c : result.claims()) {
        o.println();
        o.println(c.metricWithUnit() + ": " + c.comparison().describe() + " → " + c.verdict().label());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ARM", "MEAN", "STD", "N", "PER SEED"});
        for (Arm a : c.arms()) {
          StringJoiner perSeed = new StringJoiner(" ");
          for (double v : a.values()) {
            perSeed.add(fmt(v));
          }
          rows.add(new String[] {a.name(), fmt(a.mean()), fmt(a.std()), Integer.toString(a.n()), perSeed.toString()});
        }
        printTable(o, rows);
      }
      if (!result.armSeconds().isEmpty()) {
        o.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TIMED", "SECONDS"});
        result.armSeconds().forEach((arm, s) -> rows.add(new String[] {arm, String.format(Locale.ROOT, "%.2f", s)}));
        printTable(o, rows);
      }
      for (String note : result.notes()) {
        o.println("note: " + note);
      }
    }
  }

  /** {@code rewardlab repro report}. */
  @Command(name = "report", description = "Regenerate " + PAPERS_MD + " from the registry and the saved results.")
  static final class ReportCommand implements Callable<Integer> {
    @ParentCommand ReproCommand repro;
    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE",
        description = "Markdown file to write (default: " + PAPERS_MD + " in the repository).")
    Path out;

    @Option(names = "--results", paramLabel = "DIR",
        description = "Directory of saved <id>.json results (default: " + RESULTS_DIR + " in the repository).")
    Path results;

    @Override
    public Integer call() {
      ReproRegistry registry = repro.registry();
      Path target = out != null ? out : Workspace.resolve(PAPERS_MD);
      UserFiles.requireDirectoryOrAbsent(results != null ? results : Workspace.resolve(RESULTS_DIR), "--results");
      UserFiles.requireFileOrAbsent(target, "--out");
      ResultStore store = new ResultStore(results != null ? results : Workspace.resolve(RESULTS_DIR));
      try {
        PapersReport.write(registry, store, target);
      } catch (UncheckedIOException e) {
        throw new UserInputException("--out " + target, "cannot write the report: " + e.getCause().getMessage(),
            "choose a writable file with --out FILE", e);
      }
      int[] counts = new int[PaperStatus.values().length];
      for (Paper p : registry.papers()) {
        counts[registry.status(p.id()).ordinal()]++;
      }
      spec.commandLine().getOut().println(String.format(Locale.ROOT,
          "wrote %s: %d papers (%d working, %d parts only, %d not started)", Workspace.show(target),
          registry.papers().size(), counts[PaperStatus.WORKING.ordinal()],
          counts[PaperStatus.PARTS_ONLY.ordinal()], counts[PaperStatus.NOT_STARTED.ordinal()]));
      return 0;
    }
  }

  private static String join(List<Long> seeds) {
    StringJoiner j = new StringJoiner(", ");
    for (long s : seeds) {
      j.add(Long.toString(s));
    }
    return j.toString();
  }

  /** Numbers in tables: four significant digits. */
  static String fmt(double x) {
    return Numbers.format(x, 4);
  }


  /** Left-aligned columns separated by two spaces; the first row is the header. */
  static void printTable(PrintWriter out, List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        line.append(r[i]);
        if (i < cols - 1) {
          line.append(" ".repeat(width[i] - r[i].length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }
}
