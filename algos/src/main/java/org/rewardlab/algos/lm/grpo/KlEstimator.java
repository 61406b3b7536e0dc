package org.rewardlab.algos.lm.grpo;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import org.rewardlab.core.UserInputException;

/**
 * Per-token estimators of KL(π_θ || π_ref) from the sampled token's log-probs x = log π_θ and y = log π_ref
 * (Schulman, "Approximating KL divergence", 2020), with their derivative with respect to x (the reference is
 * frozen). Names are verl's {@code kl_penalty} names.
 */
public enum KlEstimator {
  /** k1, verl {@code "kl"}/{@code "k1"}: x - y (unbiased, can be negative). */
  K1("k1") {
    @Override
    public double value(double x, double y) {
      return x - y;
    }

    @Override
    public double derivative(double x, double y) {
      return 1.0;
    }
  },
  /** verl {@code "abs"}: |x - y|. */
  ABS("abs") {
    @Override
    public double value(double x, double y) {
      return Math.abs(x - y);
    }

    @Override
    public double derivative(double x, double y) {
      return Math.signum(x - y); // torch abs backward: sign, 0 at 0
    }
  },
  /** k2, verl {@code "mse"}/{@code "k2"}: (x - y)^2 / 2. */
  K2("k2") {
    @Override
    public double value(double x, double y) {
      double d = x - y;
      return 0.5 * (d * d);
    }

    @Override
    public double derivative(double x, double y) {
      return x - y;
    }
  },
  /**
   * k3 as TRL computes it in {@code GRPOTrainer._compute_loss}, unclamped: exp(y - x) - (y - x) - 1 (unbiased,
   * non-negative). Note that verl's {@code "k3"} is {@link #LOW_VAR_KL} (clamped); the name {@code k3} here means
   * TRL's.
   */
  K3("k3") {
    @Override
    public double value(double x, double y) {
      double d = y - x;
      return Math.exp(d) - d - 1;
    }

    @Override
    public double derivative(double x, double y) {
      return 1.0 - Math.exp(y - x);
    }
  },
  /**
   * verl {@code "low_var_kl"} (also its {@code "k3"}): k3 with y - x clamped to [-20, 20] and the result clamped to
   * [-10, 10]; the derivative is 0 where a clamp is active (bounds inclusive pass, as torch.clamp's backward).
   */
  LOW_VAR_KL("low_var_kl") {
    @Override
    public double value(double x, double y) {
      double d = clamp(y - x, -20, 20);
      double k = Math.exp(d) - d - 1;
      return clamp(k, -10, 10);
    }

    @Override
    public double derivative(double x, double y) {
      double raw = y - x;
      if (raw < -20 || raw > 20) return 0.0;
      double k = Math.exp(raw) - raw - 1;
      if (k < -10 || k > 10) return 0.0;
      return 1.0 - Math.exp(raw);
    }
  };

  private final String peerName;

  KlEstimator(String peerName) {
    this.peerName = peerName;
  }

  /** The per-token estimate. */
  public abstract double value(double logp, double logpRef);

  /** d value / d logp (the reference is a constant). */
  public abstract double derivative(double logp, double logpRef);

  /** verl's {@code kl_penalty} / {@code kl_loss_type} name. */
  @JsonValue
  public String peerName() {
    return peerName;
  }

  /**
   * Parses verl's names ({@code kl}, {@code k1}, {@code abs}, {@code mse}, {@code k2}, {@code low_var_kl}) and
   * {@code k3}, which here is TRL's unclamped k3.
   */
  @JsonCreator
  public static KlEstimator fromName(String name) {
    return switch (name) {
      case "kl", "k1", "K1" -> K1;
      case "abs", "ABS" -> ABS;
      case "mse", "k2", "K2" -> K2;
      case "k3", "K3" -> K3;
      case "low_var_kl", "LOW_VAR_KL" -> LOW_VAR_KL;
      default -> throw new UserInputException("klEstimator", "unknown KL estimator '" + name + "'",
          "use one of " + Arrays.stream(values()).map(KlEstimator::peerName).toList());
    };
  }

  static double clamp(double v, double lo, double hi) {
    return v < lo ? lo : (v > hi ? hi : v);
  }
}
