package org.rewardlab.search.qd;

/**
 * What an archive did with one solution (pyribs's {@code AddStatus}), ordered so that a larger
 * value is a bigger change: {@code NOT_ADDED < IMPROVE_EXISTING < NEW}.
 */
public enum AddStatus {
  /** The archive was left unchanged. */
  NOT_ADDED,
  /** The solution replaced the elite of an occupied cell. */
  IMPROVE_EXISTING,
  /** The solution went into an empty cell (or, in an unstructured archive, became a new entry). */
  NEW
}
