package org.rewardlab.algos.lm.bench;

import java.io.PrintStream;
import org.rewardlab.nn.lm.bench.LmBench;

/**
 * The face of the language-model benchmark for the CLI ({@code rewardlab bench lm}), which never
 * imports {@code nn}: runs {@link LmBench} (the PyTorch peer's phases on the peer's bench config) and
 * returns its table and JSON.
 */
public final class LmBenchmarks {
  private LmBenchmarks() {}

  /**
   * What a run measured.
   *
   * @param table one phase per line (tokens/s, median over repeats)
   * @param json the full result
   */
  public record Report(String table, String json) {}

  /** Runs every phase with {@code repeats} timed repeats after {@code warmup} calls. */
  public static Report run(int warmup, int repeats, double repeatSeconds, PrintStream log) {
    LmBench.Result r = LmBench.run(LmBench.Options.defaults().withRepeats(warmup, repeats, repeatSeconds), log);
    return new Report(r.table(), r.toJson());
  }
}
