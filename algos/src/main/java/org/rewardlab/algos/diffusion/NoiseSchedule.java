package org.rewardlab.algos.diffusion;

/**
 * A DDPM noise schedule with {@code T} training timesteps {@code t = 0..T-1}, linear betas
 * {@code beta_t} from {@code betaStart} to {@code betaEnd}, and {@code alphaBar_t = prod_{s<=t} (1 - beta_s)}
 * (diffusers' indexing). The DDIM update of one sampling step {@code t -> t-1} with stochasticity
 * {@code eta} (Song et al. 2021, eq. 12; {@code alphaBar_{-1} = 1}) is linear in the latent and the
 * predicted noise:
 *
 * <pre>
 *   x0^ = (x_t - sqrt(1 - a_t) eps) / sqrt(a_t)
 *   sigma_t = eta * sqrt((1 - a_p) / (1 - a_t) * (1 - a_t / a_p))
 *   x_{t-1} = sqrt(a_p) x0^ + sqrt(1 - a_p - sigma_t^2) eps + sigma_t z   =  A_t x_t + B_t eps + sigma_t z
 * </pre>
 *
 * with {@code a_t = alphaBar_t}, {@code a_p = alphaBar_{t-1}}. The last step ({@code t = 0}) has
 * {@code sigma = 0}: it is deterministic. Immutable.
 */
public final class NoiseSchedule {
  private final double[] beta;
  private final double[] alphaBar;

  /**
   * @param steps T, the number of diffusion steps (2..1000)
   * @param betaStart beta_0
   * @param betaEnd beta_{T-1}
   */
  public NoiseSchedule(int steps, double betaStart, double betaEnd) {
    if (steps < 2 || steps > 1000) throw new IllegalArgumentException("diffusion steps must be in 2..1000, got " + steps);
    if (!(betaStart > 0 && betaEnd >= betaStart && betaEnd < 1)) {
      throw new IllegalArgumentException("need 0 < betaStart <= betaEnd < 1, got " + betaStart + ", " + betaEnd);
    }
    beta = new double[steps];
    alphaBar = new double[steps];
    double prod = 1;
    for (int t = 0; t < steps; t++) {
      beta[t] = betaStart + (betaEnd - betaStart) * t / (steps - 1);
      prod *= 1 - beta[t];
      alphaBar[t] = prod;
    }
  }

  /** T = 50 steps, betas 1e-4 .. 0.2 (alphaBar_{T-1} about 0.003, so x_T is nearly pure noise). */
  public static NoiseSchedule defaults(int steps) {
    return new NoiseSchedule(steps, 1e-4, Math.min(0.2 * 50.0 / steps, 0.5));
  }

  public int steps() {
    return beta.length;
  }

  public double beta(int t) {
    return beta[t];
  }

  public double alphaBar(int t) {
    return alphaBar[t];
  }

  /** alphaBar_{t-1}, 1 for t = 0. */
  public double alphaBarPrev(int t) {
    return t == 0 ? 1.0 : alphaBar[t - 1];
  }

  /** sigma_t of the DDIM step t -> t-1 at stochasticity eta (0 for t = 0). */
  public double sigma(int t, double eta) {
    double at = alphaBar[t];
    double ap = alphaBarPrev(t);
    double var = (1 - ap) / (1 - at) * (1 - at / ap);
    return eta * Math.sqrt(Math.max(var, 0));
  }

  /** A_t, the coefficient of x_t in the DDIM mean. */
  public double coefX(int t) {
    return Math.sqrt(alphaBarPrev(t) / alphaBar[t]);
  }

  /** B_t, the coefficient of the predicted noise in the DDIM mean. */
  public double coefEps(int t, double eta) {
    double ap = alphaBarPrev(t);
    double s = sigma(t, eta);
    return Math.sqrt(Math.max(1 - ap - s * s, 0)) - coefX(t) * Math.sqrt(1 - alphaBar[t]);
  }
}
