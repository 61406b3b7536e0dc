package org.rewardlab.repro;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Optional;
import org.rewardlab.core.UserInputException;

/**
 * The 63 seed papers with their status and, where one exists, their runnable {@link Repro}.
 *
 * <p>A paper with no entry here is {@link PaperStatus#NOT_STARTED}. Adding a paper's reproduction is
 * one new package {@code org.rewardlab.repro.<id>} plus one line naming its class in
 * {@code repro/src/main/resources/META-INF/services/org.rewardlab.repro.Repro} (found with {@link
 * ServiceLoader}, so this package never imports a paper package and the paper packages stay
 * independent). A paper whose parts are built but whose repro does not run yet gets a line in
 * {@link #PARTS_ONLY} instead.
 *
 * <p>Each call to {@link #standard()} builds a fresh registry (no global state); an instance is not
 * thread-safe while it is being filled, and safe to read from many threads afterwards.
 */
public final class ReproRegistry {
  private final Map<String, Repro<?>> repros = new LinkedHashMap<>();
  private final Map<String, PaperStatus> marked = new HashMap<>();

  private ReproRegistry() {}

  /** Papers whose library parts exist but whose repro does not run yet (ids). */
  static final java.util.List<String> PARTS_ONLY = java.util.List.of();

  /** The registry of this build: every reproduction listed in {@code META-INF/services}, in paper order. */
  @SuppressWarnings("rawtypes")
  public static ReproRegistry standard() {
    ReproRegistry registry = empty();
    java.util.List<Repro<?>> found = new java.util.ArrayList<>();
    for (Repro r : ServiceLoader.load(Repro.class, ReproRegistry.class.getClassLoader())) found.add(r);
    java.util.List<String> order = Papers.ALL.stream().map(Paper::id).toList();
    found.sort(java.util.Comparator.comparingInt(r -> order.indexOf(r.paper().id())));
    for (Repro<?> r : found) registry.register(r);
    for (String id : PARTS_ONLY) registry.markPartsOnly(id);
    return registry;
  }

  /** All 63 papers, none started: the base of {@link #standard()} and of tests. */
  public static ReproRegistry empty() {
    return new ReproRegistry();
  }

  /**
   * Adds the reproduction of {@code repro.paper()}.
   *
   * @throws IllegalArgumentException if its paper is not the index entry with that id, or the paper
   *     already has a reproduction
   */
  public ReproRegistry register(Repro<?> repro) {
    Paper paper = repro.paper();
    Paper indexed = Papers.find(paper.id()).orElseThrow(() -> new IllegalArgumentException(
        "repro " + repro.getClass().getName() + " names paper id '" + paper.id()
            + "', which is not one of the 63 ids of Papers.ALL"));
    if (!indexed.equals(paper)) {
      throw new IllegalArgumentException("repro " + repro.getClass().getName() + " must return Papers.find(\""
          + paper.id() + "\") as its paper, not a copy that differs from the index");
    }
    if (repro.status() == null || repro.status() == PaperStatus.NOT_STARTED) {
      throw new IllegalArgumentException("repro for '" + paper.id() + "' must say PARTS_ONLY or WORKING as its status");
    }
    if (repro.paperScale() == null || repro.paperScale().isBlank()) {
      throw new IllegalArgumentException("repro for '" + paper.id() + "' must describe the paper's own scale in"
          + " paperScale() (e.g. \"16 MDPs x 64 reward pairs, one run\")");
    }
    if (repros.containsKey(paper.id())) {
      throw new IllegalArgumentException("paper '" + paper.id() + "' already has a repro: "
          + repros.get(paper.id()).getClass().getName());
    }
    repros.put(paper.id(), repro);
    return this;
  }

  /** Marks a paper whose parts are in the library with tests, but which has no runnable repro yet. */
  public ReproRegistry markPartsOnly(String id) {
    Paper paper = Papers.find(id).orElseThrow(() -> new IllegalArgumentException(
        "cannot mark unknown paper id '" + id + "' as parts only"));
    marked.put(paper.id(), PaperStatus.PARTS_ONLY);
    return this;
  }

  /** The 63 papers in index order. */
  public List<Paper> papers() {
    return Papers.ALL;
  }

  /**
   * The paper with this id, for ids typed by a person.
   *
   * @throws UserInputException naming the id, the closest known id and how to list them all
   */
  public Paper paper(String id) {
    Optional<Paper> found = Papers.find(id);
    if (found.isPresent()) {
      return found.get();
    }
    String closest = closestId(id);
    String hint = closest == null ? "" : "; did you mean '" + closest + "'?";
    throw new UserInputException("paper id '" + id + "'", "no seed paper has this id" + hint,
        "run 'rewardlab repro list' to see the " + Papers.COUNT + " ids");
  }

  /** Every runnable reproduction, in paper order. */
  public List<Repro<?>> repros() {
    List<Repro<?>> out = new ArrayList<>();
    for (Paper p : Papers.ALL) {
      Repro<?> r = repros.get(p.id());
      if (r != null) {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  /** The runnable reproduction of a paper, if it has one. */
  public Optional<Repro<?>> repro(String id) {
    return Optional.ofNullable(repros.get(id));
  }

  /** How far the paper is built: its repro's status, else its mark, else {@code NOT_STARTED}. */
  public PaperStatus status(String id) {
    Repro<?> r = repros.get(id);
    if (r != null) {
      return r.status();
    }
    return marked.getOrDefault(id, PaperStatus.NOT_STARTED);
  }

  /** The known id nearest to {@code id} in edit distance, if it is close enough to be a typo. */
  private static String closestId(String id) {
    return org.rewardlab.core.Suggestions.closest(id, Papers.ALL.stream().map(Paper::id).toList()).orElse(null);
  }
}
