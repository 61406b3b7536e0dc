package org.rewardlab.search.qd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.rewardlab.core.env.Checkpointable;
import org.rewardlab.core.env.StateBuffer;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.core.run.Checkpoints;

/**
 * Joins one archive to its emitters and runs the ask/tell loop (pyribs's {@code Scheduler}): the
 * third QD role.
 *
 * <pre>{@code
 * Scheduler s = new Scheduler(archive, List.of(emitter), resultArchive);
 * while (s.evaluations() < budget) {
 *   double[][] genomes = s.ask();          // every emitter's batch, concatenated
 *   ... evaluate: objective[i], measures[i] ...
 *   s.tell(objective, measures);           // archive.add, then each emitter's slice to its tell
 * }
 * }</pre>
 *
 * Call {@link #ask} and {@link #tell} alternately; tell routes row i back to the emitter whose ask
 * produced it, with the archive's {@link AddInfo}. The optional result archive receives every
 * evaluated solution too (pyribs's {@code result_archive}): e.g. a grid over the ground-truth
 * descriptor that measures the coverage of a novelty search whose own archive is unstructured.
 *
 * <p>{@link #save}/{@link #load} write and read a checkpoint of the archive, the result archive, every
 * emitter and the counters (layout {@value #LAYOUT}); a search loaded into identically built parts
 * continues exactly as if it had not stopped. Not thread-safe.
 */
public final class Scheduler implements Checkpointable {
  /** The checkpoint layout name. */
  public static final String LAYOUT = "qd-scheduler/1";

  private final Archive archive;
  private final List<Emitter> emitters;
  private final Archive resultArchive;
  private int[] sliceSizes;
  private double[][] asked;
  private long evaluations;
  private long iterations;

  /**
   * @param archive where every evaluated solution is offered
   * @param emitters at least one, each a distinct instance
   * @param resultArchive also offered every solution; null for none
   */
  public Scheduler(Archive archive, List<? extends Emitter> emitters, Archive resultArchive) {
    if (archive == null) throw new IllegalArgumentException("Scheduler needs an archive");
    if (emitters == null || emitters.isEmpty()) throw new IllegalArgumentException("Scheduler needs at least one emitter");
    Set<Emitter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Emitter e : emitters) {
      if (!seen.add(e)) {
        throw new IllegalArgumentException("Scheduler: the same emitter instance is passed twice; build one instance per slot");
      }
    }
    if (resultArchive != null && resultArchive.solutionDim() != archive.solutionDim()) {
      throw new IllegalArgumentException("Scheduler: the result archive's solutionDim differs from the archive's");
    }
    this.archive = archive;
    this.emitters = List.copyOf(emitters);
    this.resultArchive = resultArchive;
  }

  /** The archive. */
  public Archive archive() {
    return archive;
  }

  /** The result archive, or null. */
  public Archive resultArchive() {
    return resultArchive;
  }

  /** The emitters, in order. */
  public List<Emitter> emitters() {
    return emitters;
  }

  /** Solutions told so far. */
  public long evaluations() {
    return evaluations;
  }

  /** ask/tell rounds completed. */
  public long iterations() {
    return iterations;
  }

  /**
   * Every emitter's next batch, concatenated in emitter order.
   *
   * @throws IllegalStateException if the last ask was not told yet
   */
  public double[][] ask() {
    if (asked != null) throw new IllegalStateException("Scheduler.ask called twice; tell the evaluated batch first");
    List<double[]> all = new ArrayList<>();
    sliceSizes = new int[emitters.size()];
    for (int e = 0; e < emitters.size(); e++) {
      double[][] batch = emitters.get(e).ask();
      sliceSizes[e] = batch.length;
      for (double[] g : batch) all.add(g);
    }
    asked = all.toArray(new double[0][]);
    double[][] out = new double[asked.length][];
    for (int i = 0; i < out.length; i++) out[i] = asked[i].clone();
    return out;
  }

  /** {@link #tell(double[], double[][], float[][])} without extras. */
  public AddInfo[] tell(double[] objectives, double[][] measures) {
    return tell(objectives, measures, null);
  }

  /**
   * The evaluation of the last {@link #ask}, row for row: offers it to the archive (with the
   * extras, if the archive is an {@link UnstructuredArchive}) and the result archive, then tells
   * each emitter its slice.
   *
   * @return the archive's answers
   * @throws IllegalStateException if nothing was asked
   * @throws IllegalArgumentException if the row counts differ from the asked batch
   */
  public AddInfo[] tell(double[] objectives, double[][] measures, float[][] extras) {
    if (asked == null) throw new IllegalStateException("Scheduler.tell without ask; call ask first");
    if (objectives.length != asked.length || measures.length != asked.length) {
      throw new IllegalArgumentException("Scheduler.tell: asked " + asked.length + " solutions, told " + objectives.length
          + " objectives and " + measures.length + " measures");
    }
    AddInfo[] infos = archive instanceof UnstructuredArchive u && extras != null
        ? u.add(asked, objectives, measures, extras)
        : archive.add(asked, objectives, measures);
    if (resultArchive != null) resultArchive.add(asked, objectives, measures);
    int from = 0;
    for (int e = 0; e < emitters.size(); e++) {
      int n = sliceSizes[e];
      emitters.get(e).tell(slice(asked, from, n), java.util.Arrays.copyOfRange(objectives, from, from + n),
          slice(measures, from, n), java.util.Arrays.copyOfRange(infos, from, from + n));
      from += n;
    }
    evaluations += asked.length;
    iterations++;
    asked = null;
    return infos;
  }

  private static double[][] slice(double[][] a, int from, int n) {
    double[][] s = new double[n][];
    System.arraycopy(a, from, s, 0, n);
    return s;
  }

  @Override
  public void saveState(StateBuffer out) {
    if (asked != null) throw new IllegalStateException("Scheduler: save between tell and the next ask, not in between");
    out.putLong(evaluations).putLong(iterations).putLong(emitters.size()).putBoolean(resultArchive != null);
    archive.saveState(out);
    if (resultArchive != null) resultArchive.saveState(out);
    for (Emitter e : emitters) e.saveState(out);
  }

  @Override
  public void loadState(StateBuffer in) {
    long ev = in.getLong();
    long it = in.getLong();
    long ne = in.getLong();
    boolean hasResult = in.getBoolean();
    if (ne != emitters.size() || hasResult != (resultArchive != null)) {
      throw new IllegalArgumentException("Scheduler: the saved search has " + ne + " emitters and "
          + (hasResult ? "a" : "no") + " result archive; build the scheduler as it was saved");
    }
    archive.loadState(in);
    if (resultArchive != null) resultArchive.loadState(in);
    for (Emitter e : emitters) e.loadState(in);
    evaluations = ev;
    iterations = it;
    asked = null;
  }

  /** Writes a checkpoint of the whole search to {@code file} (atomically). */
  public void save(Path file) {
    StateBuffer b = new StateBuffer();
    saveState(b);
    Checkpoints.save(file, Checkpoint.builder().longs("qd.state", b.toArray())
        .json("{\"layout\": \"" + LAYOUT + "\"}").build());
  }

  /**
   * Restores a checkpoint written by {@link #save} into this (identically built) scheduler.
   *
   * @throws org.rewardlab.core.UserInputException if the file is missing, damaged or of another layout
   */
  public void load(Path file) {
    Checkpoint c = Checkpoints.load(file);
    if (!c.json().contains("\"" + LAYOUT + "\"") || !c.has("qd.state")) {
      throw new org.rewardlab.core.UserInputException(file.toString(), "not a QD scheduler checkpoint (" + LAYOUT + ")",
          "pass a file written by Scheduler.save");
    }
    StateBuffer in = StateBuffer.of(c.longs("qd.state"));
    try {
      loadState(in);
    } catch (RuntimeException e) {
      throw new org.rewardlab.core.UserInputException(file.toString(), "does not fit this search: " + e.getMessage(),
          "load it into a scheduler built with the same archive, emitters and sizes");
    }
  }
}
