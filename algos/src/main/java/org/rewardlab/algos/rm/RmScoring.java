package org.rewardlab.algos.rm;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rewardlab.core.UserInputException;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.core.parallel.TaskFunction;

/**
 * Scoring a dataset with a trained reward model in parts, on a {@link TaskEngine} ({@code rewardlab rm score
 * --engine local|spark --partitions P}), with the same numbers as one call of {@link TrainedRewardModel#score}.
 *
 * <p>The inputs come as columns of equal length (one column of completions, or the chosen and the rejected
 * responses of pairs). A text model's score may change in its last bits with the batch an input is scored in
 * (padding to the batch's longest input, the shapes of the matrix products), so the batches are fixed by the
 * global index: batch {@code b} is rows {@code [b·B, (b+1)·B)} of each column, exactly the batches of a single
 * call with batch size {@code B}, and parts are cut at batch boundaries. Every engine, partitioning and worker
 * count then computes the same batches, hence the same bytes.
 *
 * <p>The model file's bytes travel with the task function, so workers need no shared file system; each part
 * loads the model once.
 */
public final class RmScoring {
  private RmScoring() {}

  /** A serializable {@link RmInput}. */
  public record Input(String prompt, String response, float[] features) implements Serializable {
    private static final long serialVersionUID = 1L;

    static Input of(RmInput in) {
      return new Input(in.prompt(), in.response(), in.features());
    }

    RmInput toRmInput() {
      return new RmInput(prompt, response, features);
    }
  }

  /**
   * Rows {@code [start, start + rows)} of every column; {@code start} is a multiple of the batch size.
   *
   * @param start the first row's global index
   * @param columns per column, its rows of this part
   */
  public record Part(int start, ArrayList<ArrayList<Input>> columns) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The number of rows. */
    public int rows() {
      return columns.isEmpty() ? 0 : columns.get(0).size();
    }
  }

  /**
   * A part's numbers.
   *
   * @param start the first row's global index
   * @param scores per column, the mean member score of each row
   * @param uncertainty per column, the members' disagreement of each row; null when not asked for
   */
  public record Scores(int start, double[][] scores, double[][] uncertainty) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * The whole dataset's numbers, in input order.
   *
   * @param scores per column, per row
   * @param uncertainty per column, per row; null when not asked for
   * @param parts the number of parts scored
   */
  public record Result(double[][] scores, double[][] uncertainty, int parts) {}

  /**
   * Cuts {@code columns} into at most {@code partitions} parts of whole batches of {@code batchSize} rows (the
   * last batch may be short); parts differ by at most one batch.
   *
   * @throws IllegalArgumentException for columns of different lengths, batchSize or partitions below 1
   */
  public static List<Part> cut(List<List<RmInput>> columns, int batchSize, int partitions) {
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be 1 or more, got " + batchSize);
    if (partitions < 1) throw new IllegalArgumentException("partitions must be 1 or more, got " + partitions);
    if (columns.isEmpty()) throw new IllegalArgumentException("nothing to score: no columns");
    int n = columns.get(0).size();
    for (List<RmInput> c : columns) {
      if (c.size() != n) throw new IllegalArgumentException("columns of different lengths: " + n + " and " + c.size());
    }
    int batches = (n + batchSize - 1) / batchSize;
    int parts = Math.max(1, Math.min(partitions, batches));
    List<Part> out = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      int from = (int) Math.min(n, (long) p * batches / parts * batchSize);
      int to = (int) Math.min(n, (long) (p + 1) * batches / parts * batchSize);
      ArrayList<ArrayList<Input>> cols = new ArrayList<>();
      for (List<RmInput> c : columns) {
        ArrayList<Input> rows = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) rows.add(Input.of(c.get(i)));
        cols.add(rows);
      }
      out.add(new Part(from, cols));
    }
    return out;
  }

  /**
   * Scores {@code columns} with the model in {@code modelBytes}: on {@code engine} in {@code partitions} parts,
   * or in this thread as one part when {@code engine} is null.
   *
   * @param modelName the model's file name, for messages
   * @param uncertainty whether to compute the ensemble's disagreement too
   */
  public static Result score(TaskEngine engine, byte[] modelBytes, String modelName, List<List<RmInput>> columns,
      int batchSize, int partitions, boolean uncertainty) {
    List<Part> parts = cut(columns, batchSize, engine == null ? 1 : partitions);
    Score fn = new Score(modelBytes, modelName, batchSize, uncertainty);
    List<Scores> got;
    if (engine == null) {
      got = new ArrayList<>();
      for (Part p : parts) got.add(fn.apply(p));
    } else {
      got = engine.map(parts, fn, parts.size());
    }
    int k = columns.size();
    int n = columns.get(0).size();
    double[][] scores = new double[k][n];
    double[][] unc = uncertainty ? new double[k][n] : null;
    for (int p = 0; p < parts.size(); p++) {
      Scores s = got.get(p);
      Part part = parts.get(p);
      if (s.start() != part.start()) {
        throw new IllegalStateException("the engine returned the scores of rows from " + s.start() + " for rows from "
            + part.start());
      }
      for (int c = 0; c < k; c++) {
        System.arraycopy(s.scores()[c], 0, scores[c], part.start(), part.rows());
        if (unc != null) System.arraycopy(s.uncertainty()[c], 0, unc[c], part.start(), part.rows());
      }
    }
    return new Result(scores, unc, parts.size());
  }

  /** Scores one part on a worker: loads the model from the bytes it carries (once per part), scores every column. */
  public static final class Score implements TaskFunction<Part, Scores> {
    private static final long serialVersionUID = 1L;

    private final byte[] model;
    private final String modelName;
    private final int batchSize;
    private final boolean uncertainty;

    public Score(byte[] model, String modelName, int batchSize, boolean uncertainty) {
      this.model = model.clone();
      this.modelName = modelName;
      this.batchSize = batchSize;
      this.uncertainty = uncertainty;
    }

    @Override
    public Scores apply(Part part) {
      try (TrainedRewardModel m = load()) {
        int k = part.columns().size();
        double[][] scores = new double[k][];
        double[][] unc = uncertainty ? new double[k][] : null;
        for (int c = 0; c < k; c++) {
          List<RmInput> inputs = new ArrayList<>(part.rows());
          for (Input in : part.columns().get(c)) inputs.add(in.toRmInput());
          scores[c] = m.score(inputs, batchSize);
          if (unc != null) unc[c] = m.disagreement(inputs, batchSize);
        }
        return new Scores(part.start(), scores, unc);
      }
    }

    /** The model from the bytes, through a temporary file (the checkpoint reader reads files). */
    private TrainedRewardModel load() {
      Path tmp = null;
      try {
        tmp = Files.createTempFile("rewardlab-rm-", ".rm");
        Files.write(tmp, model);
        return TrainedRewardModel.load(tmp);
      } catch (UserInputException e) {
        throw new UserInputException(modelName, e.problem(), e.fix(), e);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot stage the reward model " + modelName + " in a temporary file", e);
      } finally {
        if (tmp != null) {
          try {
            Files.deleteIfExists(tmp);
          } catch (java.io.IOException ignored) {
            // a leftover temporary file is harmless
          }
        }
      }
    }
  }
}
