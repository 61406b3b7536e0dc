package org.rewardlab.core.parallel;

import java.io.Serializable;

/**
 * The work done for one task, shipped to whichever worker runs it: it must be {@link Serializable}
 * (a record of settings, or a serializable lambda that captures only serializable values) and must
 * give the same result for the same task every time it runs.
 *
 * @param <T> the task
 * @param <R> its result
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Serializable {
  R apply(T task) throws Exception;
}
