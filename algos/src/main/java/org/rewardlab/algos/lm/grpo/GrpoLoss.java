package org.rewardlab.algos.lm.grpo;

import java.util.Objects;
import org.rewardlab.algos.lm.grpo.LossAggregation.Normalizers;
import org.rewardlab.core.UserInputException;

/**
 * The GRPO-family policy loss over per-token log-probs, in float64, with its exact gradient with respect to the
 * log-probs (and the entropies): DeepSeekMath's GRPO as TRL's {@code GRPOTrainer._compute_loss} and verl's
 * {@code compute_policy_loss_vanilla} + {@code agg_loss} + {@code kl_penalty} compute it, plus verl's GSPO, SAPO,
 * CISPO, GPG and GMPO surrogates ({@link PolicySurrogate}).
 *
 * <p>In our words: ρ_{b,t} = π_θ/π_old per token; ℓ_{b,t} is the surrogate (for GRPO -min(ρ Â, clip(ρ) Â), with
 * verl's dual clip capping it at -Â c where Â < 0); the KL estimate k_{b,t} to the frozen reference and the entropy
 * H_{b,t} are aggregated like ℓ; L = agg(ℓ) + β agg(k) - c_H agg_H(H). With a TRL aggregation the KL term is added
 * per token before aggregating (TRL's order) and the entropy term is a plain token mean (TRL normalises it the same
 * way for every {@code loss_type}; {@code dapo} divides by the global token count); with a verl mode the terms are
 * aggregated separately and added (verl's order: pg - c_H ent + β kl). All aggregations are linear, so the two
 * orders give the same number up to rounding.
 *
 * <p>Gradients follow torch's autograd exactly, ties included: {@code max}/{@code min} of two equal values send
 * half the gradient to each, and {@code clamp} passes the gradient at its bounds. See {@link LossResult} for the
 * gradient contract. Immutable and thread-safe.
 */
public final class GrpoLoss {
  private final GrpoLossConfig config;

  public GrpoLoss(GrpoLossConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public GrpoLossConfig config() {
    return config;
  }

  /** The loss of {@code batch} with local normalizers (one process, one accumulation step). */
  public LossResult compute(TokenBatch batch) {
    return compute(batch, Normalizers.local());
  }

  /**
   * The loss, its parts, metrics and gradient.
   *
   * @throws UserInputException if β > 0 without reference log-probs, or c_H ≠ 0 without entropies
   */
  public LossResult compute(TokenBatch batch, Normalizers counts) {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(counts, "counts");
    boolean withKl = config.beta() != 0.0;
    boolean withEntropy = config.entropyCoef() != 0.0;
    if (withKl && batch.logpRef() == null) {
      throw new UserInputException("token batch", "beta = " + config.beta() + " needs reference log-probs",
          "pass logpRef, or set beta to 0");
    }
    if (withEntropy && batch.entropy() == null) {
      throw new UserInputException("token batch", "entropyCoef = " + config.entropyCoef() + " needs per-token entropies",
          "pass entropy, or set entropyCoef to 0");
    }
    int rows = batch.rows();
    int width = batch.width();
    int n = rows * width;
    double[] mask = batch.mask();
    Surrogate s = surrogate(batch);

    // Policy term: aggregated with the configured mode, or the one the surrogate forces (verl's gspo, sapo, geo_mean).
    LossAggregation policyMode = switch (config.surrogate()) {
      case GSPO, SAPO -> LossAggregation.SEQ_MEAN_TOKEN_MEAN;
      default -> config.aggregation();
    };
    LossAggregation mode = config.aggregation();
    int lMax = config.maxCompletionLength();
    double scale = config.lossScaleFactorOrNaN();
    double[] grad = new double[n];
    double policyLoss;
    if (config.surrogate() == PolicySurrogate.GEO_MEAN) {
      policyLoss = s.sequenceLoss;
      System.arraycopy(s.sequenceGrad, 0, grad, 0, n);
    } else {
      policyLoss = policyMode.aggregate(s.loss, mask, rows, width, lMax, scale, counts);
      double[] w = policyMode.weights(mask, rows, width, lMax, scale, counts);
      for (int k = 0; k < n; k++) grad[k] = w[k] == 0 ? 0.0 : w[k] * s.dLoss[k];
    }

    double[] kl = null;
    double klLoss = 0.0;
    double total;
    boolean trlOrder = mode.peer() == PeerConvention.TRL && policyMode == mode
        && config.surrogate() != PolicySurrogate.GEO_MEAN;
    double[] modeWeights = null;
    if (withKl) {
      kl = new double[n];
      double[] dKl = new double[n];
      double[] ref = batch.logpRef();
      double[] x = batch.logp();
      for (int k = 0; k < n; k++) {
        kl[k] = config.klEstimator().value(x[k], ref[k]);
        dKl[k] = config.klStraightThrough() ? x[k] - ref[k] : config.klEstimator().derivative(x[k], ref[k]);
      }
      klLoss = mode.aggregate(kl, mask, rows, width, lMax, scale, counts);
      modeWeights = mode.weights(mask, rows, width, lMax, scale, counts);
      for (int k = 0; k < n; k++) {
        if (modeWeights[k] != 0) grad[k] += config.beta() * modeWeights[k] * dKl[k];
      }
      if (trlOrder) {
        double[] combined = new double[n];
        for (int k = 0; k < n; k++) combined[k] = s.loss[k] + config.beta() * kl[k];
        total = mode.aggregate(combined, mask, rows, width, lMax, scale, counts);
      } else {
        total = policyLoss;
      }
    } else {
      total = policyLoss;
    }

    double[] gradEntropy = null;
    double entropyLoss = 0.0;
    if (withEntropy) {
      double[] h = batch.entropy();
      double[] we;
      if (mode.peer() == PeerConvention.TRL) {
        // TRL: the mean per-token entropy whatever the loss_type; dapo divides by its global token count instead.
        LossAggregation hMode = mode == LossAggregation.DAPO ? LossAggregation.DAPO : LossAggregation.BNPO;
        entropyLoss = hMode.aggregate(h, mask, rows, width, lMax, scale, counts);
        we = hMode.weights(mask, rows, width, lMax, scale, counts);
      } else {
        entropyLoss = mode.aggregate(h, mask, rows, width, lMax, scale, counts);
        we = modeWeights != null ? modeWeights : mode.weights(mask, rows, width, lMax, scale, counts);
      }
      gradEntropy = new double[n];
      for (int k = 0; k < n; k++) gradEntropy[k] = we[k] == 0 ? 0.0 : -config.entropyCoef() * we[k];
      total = total - config.entropyCoef() * entropyLoss;
    }
    if (withKl && !trlOrder) total = total + klLoss * config.beta();

    PolicyMetrics metrics = metrics(batch, s, kl);
    return new LossResult(total, policyLoss, klLoss, entropyLoss, s.loss, kl, s.ratio, s.clippedRatio, grad,
        gradEntropy, metrics);
  }

  /** Per-token surrogate values, their derivatives with respect to logp, and the per-token flags the metrics count. */
  private static final class Surrogate {
    final double[] loss;
    final double[] dLoss;
    final double[] ratio;
    final double[] clippedRatio;
    final double[] logRatio; // as used (after a clamp), for verl's ppo_kl
    final boolean[] low;
    final boolean[] high;
    final boolean[] clipped; // verl pg_clipfrac
    final boolean[] dualActive; // verl pg_clipfrac_lower
    double sequenceLoss;
    double[] sequenceGrad;

    Surrogate(int n) {
      loss = new double[n];
      dLoss = new double[n];
      ratio = new double[n];
      clippedRatio = new double[n];
      logRatio = new double[n];
      low = new boolean[n];
      high = new boolean[n];
      clipped = new boolean[n];
      dualActive = new boolean[n];
    }
  }

  private Surrogate surrogate(TokenBatch batch) {
    int rows = batch.rows();
    int width = batch.width();
    int n = rows * width;
    double[] x = batch.logp();
    double[] old = batch.logpOld();
    double[] a = batch.advantages();
    double lo = 1 - config.epsilonLow();
    double hi = 1 + config.epsilonHigh();
    Surrogate s = new Surrogate(n);
    double[] seqLogRatio = config.surrogate() == PolicySurrogate.GSPO ? gspoSequenceLogRatios(batch) : null;
    for (int k = 0; k < n; k++) {
      double xk = x[k];
      double d = old == null ? 0.0 : xk - old[k];
      double ak = a[k];
      // ρ and dρ/dx, after the optional log-ratio clamp (verl: ±20 for vanilla, sapo, cispo)
      boolean pass = true;
      Double clamp = switch (config.surrogate()) {
        case CLIP -> config.logRatioClamp();
        case SAPO, CISPO -> 20.0;
        default -> null;
      };
      double rawLogRatio = d;
      if (config.surrogate() == PolicySurrogate.GSPO) {
        double ls = seqLogRatio[k / width];
        if (ls > 10.0) {
          ls = 10.0;
          pass = false;
        }
        d = ls;
      } else if (clamp != null) {
        if (d < -clamp) {
          d = -clamp;
          pass = false;
        } else if (d > clamp) {
          d = clamp;
          pass = false;
        }
      }
      double rho = Math.exp(d);
      double dRho = pass ? rho : 0.0;
      double rhoClip = rho < lo ? lo : (rho > hi ? hi : rho);
      boolean clipPass = rho >= lo && rho <= hi;
      s.ratio[k] = rho;
      s.clippedRatio[k] = rhoClip;
      s.logRatio[k] = config.surrogate() == PolicySurrogate.GSPO ? rawLogRatio : d;
      s.low[k] = rho < lo && ak < 0;
      s.high[k] = rho > hi && ak > 0;
      switch (config.surrogate()) {
        case CLIP, GSPO -> {
          double rho1 = rho;
          double dRho1 = dRho;
          if (config.surrogate() == PolicySurrogate.CLIP && config.delta() != null && rho > config.delta()) {
            rho1 = config.delta();
            dRho1 = 0.0;
          }
          double u = -ak * rho1;
          double du = -ak * dRho1;
          double v = -ak * rhoClip;
          double dv = clipPass ? -ak * dRho : 0.0;
          double l1 = Math.max(u, v);
          double dl1 = tieMax(u, v, du, dv);
          s.clipped[k] = v > u;
          double l = l1;
          double dl = dl1;
          if (config.surrogate() == PolicySurrogate.CLIP && config.dualClipRatio() != null && ak < 0) {
            double w = -ak * config.dualClipRatio();
            s.dualActive[k] = l1 > w;
            l = Math.min(w, l1);
            dl = w < l1 ? 0.0 : (w > l1 ? dl1 : dl1 / 2);
          }
          s.loss[k] = l;
          s.dLoss[k] = dl;
        }
        case SAPO -> {
          double tau = ak > 0 ? config.sapoTauPos() : config.sapoTauNeg();
          double sig = 1.0 / (1.0 + Math.exp(-(tau * (rho - 1.0))));
          double gate = sig * (4.0 / tau);
          s.loss[k] = -gate * ak;
          s.dLoss[k] = -ak * (4.0 / tau) * sig * (1 - sig) * tau * dRho;
        }
        case CISPO -> {
          s.loss[k] = -rhoClip * ak * xk;
          s.dLoss[k] = -rhoClip * ak;
          s.clipped[k] = rho != rhoClip;
        }
        case GPG -> {
          s.loss[k] = -xk * ak;
          s.dLoss[k] = -ak;
        }
        case GEO_MEAN -> {
          double raw = old == null ? 0.0 : xk - old[k];
          s.logRatio[k] = raw;
          double dc = raw < -config.epsilonLow() ? -config.epsilonLow()
              : (raw > config.epsilonHigh() ? config.epsilonHigh() : raw);
          boolean dcPass = raw >= -config.epsilonLow() && raw <= config.epsilonHigh();
          double sgn = Math.signum(ak);
          double a1 = sgn * raw;
          double a2 = sgn * dc;
          double m = Math.min(a1, a2);
          double dm = a1 < a2 ? sgn : (a1 > a2 ? (dcPass ? sgn : 0.0) : (sgn + (dcPass ? sgn : 0.0)) / 2);
          s.loss[k] = sgn * m; // the clipped log-ratio of the token (aggregated per sequence below)
          s.dLoss[k] = sgn * dm;
          boolean clippedToken = raw != dc;
          s.clipped[k] = clippedToken && ak > 0;
          s.dualActive[k] = clippedToken && ak < 0;
        }
        default -> throw new IllegalStateException("unreachable");
      }
    }
    if (config.surrogate() == PolicySurrogate.GEO_MEAN) geoMean(batch, s);
    return s;
  }

  /** GSPO's per-row mean log-ratio: sum_t m (x - old) / max(sum_t m, 1). */
  private static double[] gspoSequenceLogRatios(TokenBatch batch) {
    int width = batch.width();
    double[] out = new double[batch.rows()];
    if (batch.logpOld() == null) return out;
    for (int b = 0; b < batch.rows(); b++) {
      double s = 0;
      double len = 0;
      for (int t = 0; t < width; t++) {
        int k = b * width + t;
        s += (batch.logp()[k] - batch.logpOld()[k]) * batch.mask()[k];
        len += batch.mask()[k];
      }
      out[b] = s / Math.max(len, 1.0);
    }
    return out;
  }

  /** verl {@code compute_policy_loss_geo_mean}: L = mean over all rows of -Ā_b exp(sum_t m c_{b,t} / (n_b + 1e-8)). */
  private static void geoMean(TokenBatch batch, Surrogate s) {
    int rows = batch.rows();
    int width = batch.width();
    double[] m = batch.mask();
    double[] a = batch.advantages();
    double total = 0;
    double[] grad = new double[rows * width];
    for (int b = 0; b < rows; b++) {
      double len = 0;
      double sumC = 0;
      double sumA = 0;
      for (int t = 0; t < width; t++) {
        int k = b * width + t;
        len += m[k];
        sumC += s.loss[k] * m[k];
        sumA += a[k] * m[k];
      }
      double denom = len + LossAggregation.VERL_ROW_EPS;
      double ratio = Math.exp(sumC / denom);
      double adv = sumA / denom;
      total += -adv * ratio;
      for (int t = 0; t < width; t++) {
        int k = b * width + t;
        if (m[k] != 0) grad[k] = -adv * ratio * m[k] / denom * s.dLoss[k] / rows;
      }
    }
    s.sequenceLoss = rows == 0 ? 0.0 : total / rows;
    s.sequenceGrad = grad;
    // per-token loss reported for a sequence-level objective: the row's loss at each position
    for (int b = 0; b < rows; b++) {
      double len = 0;
      double sumC = 0;
      double sumA = 0;
      for (int t = 0; t < width; t++) {
        int k = b * width + t;
        len += m[k];
        sumC += s.loss[k] * m[k];
        sumA += a[k] * m[k];
      }
      double denom = len + LossAggregation.VERL_ROW_EPS;
      double rowLoss = -(sumA / denom) * Math.exp(sumC / denom);
      for (int t = 0; t < width; t++) s.loss[b * width + t] = rowLoss;
    }
  }

  /** torch.maximum's backward: the larger branch's gradient, half of each on a tie. */
  static double tieMax(double u, double v, double du, double dv) {
    if (u > v) return du;
    if (u < v) return dv;
    return (du + dv) / 2;
  }

  private PolicyMetrics metrics(TokenBatch batch, Surrogate s, double[] kl) {
    int rows = batch.rows();
    int width = batch.width();
    double[] m = batch.mask();
    double tokens = 0;
    double low = 0;
    double high = 0;
    double region = 0;
    double klSum = 0;
    double hSum = 0;
    double clipped = 0;
    double ppoKl = 0;
    double dual = 0;
    double lowMin = Double.NaN;
    double highMax = Double.NaN;
    for (int b = 0; b < rows; b++) {
      double rowTokens = 0;
      double rowLow = 0;
      double rowHigh = 0;
      for (int t = 0; t < width; t++) {
        int k = b * width + t;
        double mk = m[k];
        rowTokens += mk;
        if (s.low[k]) rowLow += mk;
        if (s.high[k]) rowHigh += mk;
        if (s.low[k] || s.high[k]) region += mk;
        if (kl != null) klSum += kl[k] * mk;
        if (batch.entropy() != null) hSum += batch.entropy()[k] * mk;
        if (s.clipped[k]) clipped += mk;
        if (s.dualActive[k]) dual += mk;
        if (mk != 0) ppoKl += -s.logRatio[k] * mk;
      }
      tokens += rowTokens;
      low += rowLow;
      high += rowHigh;
      if (rowTokens > 0) {
        double l = rowLow / rowTokens;
        double h = rowHigh / rowTokens;
        lowMin = Double.isNaN(lowMin) ? l : Math.min(lowMin, l);
        highMax = Double.isNaN(highMax) ? h : Math.max(highMax, h);
      }
    }
    double denom = Math.max(tokens, 1.0);
    double verlDenom = tokens + 1e-8;
    return new PolicyMetrics(low / denom, high / denom, region / denom, lowMin, highMax,
        kl == null ? Double.NaN : klSum / denom, batch.entropy() == null ? Double.NaN : hSum / denom,
        clipped / verlDenom, ppoKl / verlDenom, dual / verlDenom);
  }
}
