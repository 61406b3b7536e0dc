package org.rewardlab.nn.lm;

/**
 * A learning rate by step: linear warm-up, a constant plateau, then a decay to {@code minLr}.
 *
 * <pre>
 *   step &lt; warmupSteps:              lr = peak · (step + 1) / warmupSteps
 *   step &lt; decayStart:               lr = peak
 *   otherwise, with x = (step − decayStart) / (totalSteps − decayStart) in [0, 1):
 *     LINEAR:  lr = minLr + (peak − minLr) · (1 − x)
 *     COSINE:  lr = minLr + (peak − minLr) · (1 + cos(π x)) / 2
 *     CONSTANT: lr = peak
 * </pre>
 *
 * {@link #peerSft} is the peer's {@code --learn} SFT schedule (warm-up over 5% of the steps, constant,
 * linear decay to 0 over the last 25%), the same numbers as its code. Immutable.
 *
 * @param peakLr the plateau's learning rate
 * @param warmupSteps steps of linear warm-up (0 for none)
 * @param decayStart first step of the decay (at least {@code warmupSteps})
 * @param totalSteps the run's length (the decay reaches {@code minLr} there)
 * @param decay the decay's shape
 * @param minLr the learning rate the decay ends at
 */
public record LrSchedule(double peakLr, int warmupSteps, int decayStart, int totalSteps, Decay decay, double minLr) {

  /** Shape of the decay after the plateau. */
  public enum Decay {
    CONSTANT,
    LINEAR,
    COSINE
  }

  public LrSchedule {
    if (!(peakLr > 0) || Double.isInfinite(peakLr)) {
      throw new IllegalArgumentException("peak learning rate must be positive, got " + peakLr + " (use e.g. 1e-3)");
    }
    if (!(minLr >= 0 && minLr <= peakLr)) {
      throw new IllegalArgumentException("minLr must lie in [0, peakLr], got " + minLr);
    }
    if (totalSteps < 1) throw new IllegalArgumentException("totalSteps must be at least 1, got " + totalSteps);
    if (warmupSteps < 0 || warmupSteps > decayStart || decayStart > totalSteps) {
      throw new IllegalArgumentException("need 0 <= warmupSteps <= decayStart <= totalSteps, got " + warmupSteps
          + ", " + decayStart + ", " + totalSteps);
    }
    if (decay == null) throw new IllegalArgumentException("decay is missing (CONSTANT, LINEAR or COSINE)");
  }

  /** Warm-up, then cosine decay from {@code peakLr} to {@code minLr} over the remaining steps. */
  public static LrSchedule warmupCosine(double peakLr, int warmupSteps, int totalSteps, double minLr) {
    return new LrSchedule(peakLr, warmupSteps, warmupSteps, totalSteps, Decay.COSINE, minLr);
  }

  /** Warm-up, then linear decay from {@code peakLr} to {@code minLr} over the remaining steps. */
  public static LrSchedule warmupLinear(double peakLr, int warmupSteps, int totalSteps, double minLr) {
    return new LrSchedule(peakLr, warmupSteps, warmupSteps, totalSteps, Decay.LINEAR, minLr);
  }

  /** A constant learning rate. */
  public static LrSchedule constant(double lr, int totalSteps) {
    return new LrSchedule(lr, 0, totalSteps, totalSteps, Decay.CONSTANT, lr);
  }

  /**
   * The peer's SFT schedule for {@code steps} steps: warm-up over {@code max(1, steps/20)} steps,
   * constant until {@code floor(0.75 steps)}, then linear to 0.
   */
  public static LrSchedule peerSft(double peakLr, int steps) {
    int warm = Math.max(1, steps / 20);
    int decayStart = (int) (steps * 0.75);
    return new LrSchedule(peakLr, Math.min(warm, decayStart), decayStart, steps, Decay.LINEAR, 0.0);
  }

  /** The learning rate at 0-based {@code step} (steps past the end keep the final value). */
  public double lr(int step) {
    if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
    if (step < warmupSteps) return peakLr * ((double) (step + 1) / warmupSteps);
    if (step < decayStart || decay == Decay.CONSTANT) return peakLr;
    if (step >= totalSteps) return decayStart == totalSteps ? peakLr : minLr;
    double x = (double) (step - decayStart) / (totalSteps - decayStart);
    return switch (decay) {
      case LINEAR -> minLr + (peakLr - minLr) * (totalSteps - step) / (totalSteps - decayStart);
      case COSINE -> minLr + (peakLr - minLr) * 0.5 * (1 + Math.cos(Math.PI * x));
      case CONSTANT -> peakLr;
    };
  }
}
