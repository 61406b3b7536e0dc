package org.rewardlab.algos.lm.conformance;

import java.util.Arrays;

/**
 * A number, vector or matrix, flattened row-major with its shape ({@code []} for a scalar).
 *
 * @param values the numbers, row-major
 * @param shape the dimensions
 */
public record Quantity(double[] values, int[] shape) {
  public static Quantity scalar(double v) {
    return new Quantity(new double[] {v}, new int[0]);
  }

  public static Quantity vector(double[] v) {
    return new Quantity(v.clone(), new int[] {v.length});
  }

  public static Quantity matrix(double[] flat, int rows, int cols) {
    if (flat.length != rows * cols) throw new IllegalArgumentException(flat.length + " values for " + rows + "x" + cols);
    return new Quantity(flat.clone(), new int[] {rows, cols});
  }

  public static Quantity matrix(double[][] m) {
    int rows = m.length;
    int cols = rows == 0 ? 0 : m[0].length;
    double[] flat = new double[rows * cols];
    for (int i = 0; i < rows; i++) System.arraycopy(m[i], 0, flat, i * cols, cols);
    return new Quantity(flat, new int[] {rows, cols});
  }

  /** The shape as text, e.g. {@code [8][12]}, or {@code scalar}. */
  public String shapeText() {
    if (shape.length == 0) return "scalar";
    StringBuilder sb = new StringBuilder();
    for (int d : shape) sb.append('[').append(d).append(']');
    return sb.toString();
  }

  /** Index of element {@code k} as text, e.g. {@code [2][5]} (empty for a scalar). */
  public String indexText(int k) {
    if (shape.length == 0) return "";
    int[] idx = new int[shape.length];
    int rest = k;
    for (int d = shape.length - 1; d >= 0; d--) {
      idx[d] = shape[d] == 0 ? 0 : rest % shape[d];
      rest = shape[d] == 0 ? 0 : rest / shape[d];
    }
    StringBuilder sb = new StringBuilder();
    for (int i : idx) sb.append('[').append(i).append(']');
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity q && Arrays.equals(values, q.values) && Arrays.equals(shape, q.shape);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(values) + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return shapeText() + Arrays.toString(values);
  }
}
