package org.rewardlab.nn.lm;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rewardlab.core.random.RandomSource;
import org.rewardlab.core.run.Checkpoint;
import org.rewardlab.nn.AdamState;

/**
 * Names under which a {@link TinyGpt} and its {@link AdamW} go into a {@link Checkpoint} (saved
 * atomically, with a checksum, by {@link org.rewardlab.core.run.Checkpoints}):
 *
 * <pre>
 *   PREFIX.config.*          the architecture ({@link TinyGptConfig#writeTo})
 *   PREFIX.weights.NAME      every parameter by its {@link TinyGpt#exportState()} name, float32 bits as they are
 *   PREFIX.adam.*            optimizer step count and moments ({@link AdamState#writeTo})
 * </pre>
 *
 * Weights and moments round-trip bit for bit, so training resumed from a checkpoint continues exactly
 * as if uninterrupted. Stateless and thread-safe.
 */
public final class LmCheckpoint {
  private LmCheckpoint() {}

  /** Writes the model's config and weights under {@code prefix}. */
  public static void writeModel(Checkpoint.Builder b, String prefix, TinyGpt model) {
    model.config().writeTo(b, prefix + ".config");
    b.floats(prefix + ".weights.", model.exportState());
  }

  /** Writes the optimizer's state under {@code prefix}. */
  public static void writeOptimizer(Checkpoint.Builder b, String prefix, AdamW optimizer) {
    optimizer.exportState().writeTo(b, prefix + ".adam");
  }

  /** The architecture stored under {@code prefix}. */
  public static TinyGptConfig readConfig(Checkpoint c, String prefix) {
    return TinyGptConfig.readFrom(c, prefix + ".config");
  }

  /** A new model (child of {@code parent}) with the architecture and weights stored under {@code prefix}. */
  public static TinyGpt readModel(Checkpoint c, String prefix, NDManager parent) {
    TinyGpt model = new TinyGpt(parent, readConfig(c, prefix), RandomSource.of(0));
    try {
      readWeights(c, prefix, model);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return model;
  }

  /** Overwrites {@code model}'s weights with those stored under {@code prefix} (same architecture). */
  public static void readWeights(Checkpoint c, String prefix, TinyGpt model) {
    TinyGptConfig stored = readConfig(c, prefix);
    if (!stored.equals(model.config())) {
      throw new IllegalArgumentException("checkpoint holds a model " + stored + ", not " + model.config());
    }
    Map<String, float[]> w = new LinkedHashMap<>();
    for (String name : model.namedParameters().keySet()) w.put(name, c.floats(prefix + ".weights." + name));
    model.importState(w);
  }

  /** Restores the optimizer state stored under {@code prefix}. */
  public static void readOptimizer(Checkpoint c, String prefix, AdamW optimizer) {
    optimizer.importState(AdamState.readFrom(c, prefix + ".adam"));
  }
}
