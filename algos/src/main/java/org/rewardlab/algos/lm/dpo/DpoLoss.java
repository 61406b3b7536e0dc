package org.rewardlab.algos.lm.dpo;

import static org.rewardlab.algos.lm.dpo.Sigmoids.logSigmoid;
import static org.rewardlab.algos.lm.dpo.Sigmoids.logSigmoidGrad;
import static org.rewardlab.algos.lm.dpo.Sigmoids.sigmoid;
import static org.rewardlab.algos.lm.dpo.Sigmoids.sigmoidGrad;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A pairwise preference loss as TRL's {@code DPOTrainer._compute_loss} computes it (reverse-KL scores, no weighting,
 * one loss type), in float64, with exact gradients with respect to the policy's sequence log-probs. The batch loss is
 * the mean of the per-pair losses. Formulas per {@link DpoLossType}. Immutable and thread-safe.
 */
public final class DpoLoss {
  private final DpoConfig config;

  public DpoLoss(DpoConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public DpoConfig config() {
    return config;
  }

  public DpoResult compute(PreferenceBatch p) {
    if (config.lossType() == DpoLossType.SIMPO) return simpo(p);
    int n = p.size();
    double beta = config.beta();
    double eps = config.labelSmoothing();
    double[] c = new double[n];
    double[] r = new double[n];
    double[] chosenRewards = new double[n];
    double[] rejectedRewards = new double[n];
    double[] margins = new double[n];
    int correct = 0;
    for (int i = 0; i < n; i++) {
      c[i] = p.policyChosen()[i] - p.refChosen()[i];
      r[i] = p.policyRejected()[i] - p.refRejected()[i];
      chosenRewards[i] = beta * c[i];
      rejectedRewards[i] = beta * r[i];
      margins[i] = chosenRewards[i] - rejectedRewards[i];
      if (chosenRewards[i] > rejectedRewards[i]) correct++;
    }
    double accuracy = n == 0 ? 0.0 : (double) correct / n;
    double[] per = new double[n];
    double[] gc = new double[n];
    double[] gr = new double[n];
    if (config.lossType().batchCoupled()) {
      aot(p, c, r, per, gc, gr);
    } else {
      for (int i = 0; i < n; i++) pair(i, p, c[i], r[i], per, gc, gr);
    }
    double sum = 0;
    for (double v : per) sum += v;
    double loss = n == 0 ? 0.0 : sum / n;
    for (int i = 0; i < n; i++) {
      gc[i] /= n;
      gr[i] /= n;
    }
    return new DpoResult(loss, config.lossType().batchCoupled() ? null : per, gc, gr, chosenRewards, rejectedRewards,
        margins, accuracy);
  }

  /** Loss of pair i and its derivatives with respect to the chosen and rejected log-ratios (= policy log-probs). */
  private void pair(int i, PreferenceBatch p, double c, double r, double[] per, double[] gc, double[] gr) {
    double beta = config.beta();
    double eps = config.labelSmoothing();
    double delta = c - r;
    double bd = beta * delta;
    switch (config.lossType()) {
      case SIGMOID -> {
        per[i] = -logSigmoid(bd);
        double d = -logSigmoidGrad(bd) * beta;
        gc[i] = d;
        gr[i] = -d;
      }
      case HINGE -> {
        double h = 1 - bd;
        per[i] = Math.max(h, 0.0);
        double d = h > 0 ? -beta : 0.0;
        gc[i] = d;
        gr[i] = -d;
      }
      case IPO, SIGMOID_NORM -> {
        double nc = Math.max(p.chosenLengths()[i], 1.0);
        double nr = Math.max(p.rejectedLengths()[i], 1.0);
        double avg = c / nc - r / nr;
        double dAvg;
        if (config.lossType() == DpoLossType.IPO) {
          double e = avg - 1 / (2 * beta);
          per[i] = e * e;
          dAvg = 2 * e;
        } else {
          per[i] = -logSigmoid(beta * avg);
          dAvg = -logSigmoidGrad(beta * avg) * beta;
        }
        gc[i] = dAvg / nc;
        gr[i] = -dAvg / nr;
      }
      case EXO_PAIR -> {
        double qw = sigmoid(bd);
        double ql = sigmoid(-bd);
        double lw = logSigmoid(bd) - Math.log1p(-eps);
        double ll = logSigmoid(-bd) - Math.log(eps);
        per[i] = qw * lw + ql * ll;
        double d = (sigmoidGrad(bd) * lw + qw * logSigmoidGrad(bd) - sigmoidGrad(-bd) * ll
            - ql * logSigmoidGrad(-bd)) * beta;
        gc[i] = d;
        gr[i] = -d;
      }
      case NCA_PAIR -> {
        double cr = beta * c;
        double rr = beta * r;
        per[i] = -logSigmoid(cr) - 0.5 * logSigmoid(-cr) - 0.5 * logSigmoid(-rr);
        gc[i] = (-logSigmoidGrad(cr) + 0.5 * logSigmoidGrad(-cr)) * beta;
        gr[i] = 0.5 * logSigmoidGrad(-rr) * beta;
      }
      case ROBUST -> {
        double clean = -(1 - eps) * logSigmoid(bd);
        double flipped = -eps * logSigmoid(-bd);
        per[i] = (clean - flipped) / (1 - 2 * eps);
        double d = (-(1 - eps) * logSigmoidGrad(bd) - eps * logSigmoidGrad(-bd)) / (1 - 2 * eps) * beta;
        gc[i] = d;
        gr[i] = -d;
      }
      case BCO_PAIR -> {
        double cr = beta * c;
        double rr = beta * r;
        per[i] = -logSigmoid(cr) - logSigmoid(-rr);
        gc[i] = -logSigmoidGrad(cr) * beta;
        gr[i] = logSigmoidGrad(-rr) * beta;
      }
      case SPPO_HARD -> {
        double w = c - 0.5 / beta;
        double l = r + 0.5 / beta;
        per[i] = w * w + l * l;
        gc[i] = 2 * w;
        gr[i] = 2 * l;
      }
      case APO_ZERO -> {
        per[i] = 1 - sigmoid(beta * c) + sigmoid(beta * r);
        gc[i] = -sigmoidGrad(beta * c) * beta;
        gr[i] = sigmoidGrad(beta * r) * beta;
      }
      case APO_DOWN -> {
        per[i] = sigmoid(beta * c) + (1 - sigmoid(bd));
        gc[i] = sigmoidGrad(beta * c) * beta - sigmoidGrad(bd) * beta; // two autograd paths, summed as torch does
        gr[i] = sigmoidGrad(bd) * beta;
      }
      case DISCOPOP -> {
        double x = delta * beta; // TRL: logits = delta_score * beta
        double tau = config.discopopTau();
        double m = sigmoid(x / tau);
        double dm = sigmoidGrad(x / tau) / tau;
        double logistic = -logSigmoid(x);
        double exp = Math.exp(-x);
        per[i] = logistic * (1 - m) + exp * m;
        double d = -logSigmoidGrad(x) * (1 - m) - logistic * dm - exp * m + exp * dm;
        gc[i] = d * beta;
        gr[i] = -d * beta;
      }
      case CDPO -> {
        double logits = c - r;
        per[i] = -logSigmoid(beta * logits) * (1 - eps) - logSigmoid(-beta * logits) * eps;
        double d = (-logSigmoidGrad(beta * logits) * (1 - eps) + logSigmoidGrad(-beta * logits) * eps) * beta;
        gc[i] = d;
        gr[i] = -d;
      }
      default -> throw new IllegalStateException("batch-coupled loss " + config.lossType());
    }
  }

  /** AOT: sorts across the batch; the gradient of each sorted difference flows back to the rows it came from. */
  private void aot(PreferenceBatch p, double[] c, double[] r, double[] per, double[] gc, double[] gr) {
    int n = p.size();
    double beta = config.beta();
    double eps = config.labelSmoothing();
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      if (config.lossType() == DpoLossType.AOT) {
        a[i] = p.policyChosen()[i] - p.policyRejected()[i];
        b[i] = p.refChosen()[i] - p.refRejected()[i];
      } else {
        a[i] = c[i];
        b[i] = r[i];
      }
    }
    Integer[] ia = sortedOrder(a);
    Integer[] ib = sortedOrder(b);
    for (int j = 0; j < n; j++) {
      double d = a[ia[j]] - b[ib[j]];
      per[j] = -logSigmoid(beta * d) * (1 - eps) - logSigmoid(-beta * d) * eps;
      double g = (-logSigmoidGrad(beta * d) * (1 - eps) + logSigmoidGrad(-beta * d) * eps) * beta;
      if (config.lossType() == DpoLossType.AOT) {
        // d depends on policy chosen - policy rejected of row ia[j]; the reference side is constant
        gc[ia[j]] += g;
        gr[ia[j]] -= g;
      } else {
        gc[ia[j]] += g;
        gr[ib[j]] -= g;
      }
    }
  }

  private static Integer[] sortedOrder(double[] v) {
    Integer[] idx = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
    Arrays.sort(idx, Comparator.comparingDouble(i -> v[i])); // stable: ties keep row order
    return idx;
  }

  /**
   * SimPO as TRL's {@code CPOTrainer} ({@code loss_type="simpo"}): {@link SimpoLoss} on the average log-probs (the
   * reference log-probs are ignored), rewards β ā, plus {@code cpo_alpha} × the chosen completions' NLL, a mean over
   * all chosen tokens of the batch (−Σ log π(y_c) / Σ n_c); gradients with respect to the sequence log-probs.
   */
  private DpoResult simpo(PreferenceBatch p) {
    int n = p.size();
    double[] ac = SimpoLoss.averages(p.policyChosen(), p.chosenLengths());
    double[] ar = SimpoLoss.averages(p.policyRejected(), p.rejectedLengths());
    DpoResult s = new SimpoLoss(config.beta(), config.simpoGamma(), config.labelSmoothing()).compute(ac, ar);
    double[] gc = new double[n];
    double[] gr = new double[n];
    for (int i = 0; i < n; i++) {
      gc[i] = s.gradChosen()[i] / Math.max(p.chosenLengths()[i], 1.0);
      gr[i] = s.gradRejected()[i] / Math.max(p.rejectedLengths()[i], 1.0);
    }
    double loss = s.loss();
    double alpha = config.cpoAlpha();
    if (alpha != 0 && n > 0) {
      double tokens = 0;
      double logp = 0;
      for (int i = 0; i < n; i++) {
        tokens += p.chosenLengths()[i];
        logp += p.policyChosen()[i];
      }
      tokens = Math.max(tokens, 1.0);
      loss += alpha * (-logp / tokens);
      for (int i = 0; i < n; i++) gc[i] += -alpha / tokens;
    }
    return new DpoResult(loss, s.perPairLosses(), gc, gr, s.chosenRewards(), s.rejectedRewards(), s.margins(),
        s.accuracy());
  }
}
