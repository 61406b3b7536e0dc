package org.rewardlab.reward.design;

import org.rewardlab.reward.mdp.TabularMdp;

/**
 * BARFI (Gupta et al., NeurIPS 2023, arXiv 2310.19007; methods GEN §10): a learned combination of a
 * primary reward r_p and a designer's auxiliary reward r_aux, and a learned discount, chosen by a
 * bi-level objective so that the agent trained on the combination maximizes the primary return.
 *
 * <p>Reward (the code's form, per state): r_φ(s,a,s') = φ₁(s) + r_p(s,a,s') + φ₃(s)·r_aux(s,a,s'), 0 on
 * terminal s; discount γ_φ = sigmoid(ψ). Start: φ₁ = 0, φ₃ = 1 (the naive blend r_p + r_aux), ψ = ψ₀
 * (4.6: γ_φ ≈ 0.99). Inner objective (of the agent): J_φ(θ) = μ^T V^{π_θ}_{r_φ,γ_φ} + c·mean_s H(π_θ(·|s));
 * outer objective: J(θ) = μ^T V^{π_θ}_{r_p,γ} at the fixed primary γ, no entropy.
 *
 * <p>{@link #outerStep} is one implicit-gradient step, at the agent's current logits θ:
 * <ol>
 *   <li>v = ∂J/∂θ;
 *   <li>w ≈ H⁻¹v by the Neumann series −α·Σ_{j=0..N}(I + αH)^j v, H = ∂²J_φ/∂θ² (N loops);
 *   <li>g_φ = −∂/∂φ (w·∂J_φ/∂θ) − 2λ_r φ and g_ψ = −∂/∂ψ (w·∂J_φ/∂θ) − λ_γ ∂γ_φ/∂ψ;
 *   <li>an RMSprop ascent step on φ and ψ.
 * </ol>
 * Deviation from the code (stated in docs/rewards.md): the gradients are exact on the tabular model
 * ({@link SoftmaxGradients}) instead of estimated from sampled episodes, and the Hessian-vector and mixed
 * products are central finite differences of those exact gradients (step {@code fdStep} in θ) instead of
 * double backprop; α is capped at 0.5·‖v‖/‖Hv‖ so the series cannot blow up when the curvature is larger
 * than the code's α expects. Not thread-safe.
 */
public final class Barfi {
  /**
   * @param rewardLr RMSprop step of φ (code: 0.005)
   * @param gammaLr RMSprop step of ψ (code: 0.005; 0 keeps γ_φ fixed)
   * @param neumannLoops N (code: 5)
   * @param neumannAlpha α (code: 5e-4), capped as described
   * @param rewardL2 λ_r on ‖φ‖² (code: 0 or 0.06125)
   * @param gammaL2 λ_γ on γ_φ (code: 0.06125 … 16)
   * @param entropyCoef c of the inner objective (the agent's entropy bonus)
   * @param initialPsi ψ₀ (code: 4.6)
   * @param primaryGamma γ of the outer objective (code: 0.99)
   * @param fdStep the finite-difference step in θ
   */
  public record Config(double rewardLr, double gammaLr, int neumannLoops, double neumannAlpha, double rewardL2,
      double gammaL2, double entropyCoef, double initialPsi, double primaryGamma, double fdStep) {
    public Config {
      if (!(rewardLr > 0) || !(gammaLr >= 0) || neumannLoops < 0 || !(neumannAlpha > 0) || !(rewardL2 >= 0)
          || !(gammaL2 >= 0) || !(entropyCoef >= 0) || !Double.isFinite(initialPsi)
          || !(primaryGamma > 0 && primaryGamma < 1) || !(fdStep > 0)) {
        throw new IllegalArgumentException("BARFI config out of range: " + this);
      }
    }

    /** The code's values (barfineumann.json) with entropy c and outer γ 0.99. */
    public static Config defaults(double entropyCoef) {
      return new Config(0.005, 0.005, 5, 5e-4, 0.0, 0.25, entropyCoef, 4.6, 0.99, 1e-4);
    }
  }

  /** What one outer step saw: the primary gradient's norm, the α used, the φ gradient's norm. */
  public record Step(double primaryGradNorm, double alpha, double phiGradNorm, double gammaGrad) {}

  private static final double DECAY = 0.99;
  private static final double EPS = 1e-8;

  private final TabularMdp mdp;
  private final boolean[] terminal;
  private final Config cfg;
  private final int nS;
  private final int nA;
  private final double[] primary;
  private final double[] aux;
  private final double[] primaryExp;
  private final double[] auxExp;
  private final double[] phi1;
  private final double[] phi3;
  private double psi;
  private final double[] sq1;
  private final double[] sq3;
  private double sqPsi;

  /**
   * @param mdp kernel and μ (its γ is not used)
   * @param terminal absorbing states (reward 0 there)
   * @param primary r_p(s,a,s') flat {@code [s][a][s']}
   * @param aux r_aux(s,a,s') flat {@code [s][a][s']}
   */
  public Barfi(TabularMdp mdp, boolean[] terminal, double[] primary, double[] aux, Config cfg) {
    int n = mdp.nS() * mdp.nA() * mdp.nS();
    if (primary.length != n || aux.length != n || terminal.length != mdp.nS()) {
      throw new IllegalArgumentException("BARFI needs rewards of nS*nA*nS = " + n + " entries and nS terminal flags");
    }
    this.mdp = mdp;
    this.terminal = terminal.clone();
    this.cfg = cfg;
    this.nS = mdp.nS();
    this.nA = mdp.nA();
    this.primary = primary.clone();
    this.aux = aux.clone();
    this.primaryExp = expected(mdp, this.primary);
    this.auxExp = expected(mdp, this.aux);
    this.phi1 = new double[nS];
    this.phi3 = new double[nS];
    java.util.Arrays.fill(phi3, 1.0);
    this.psi = cfg.initialPsi();
    this.sq1 = new double[nS];
    this.sq3 = new double[nS];
  }

  /** r_φ(s,a,s') flat {@code [s][a][s']}, 0 on terminal s. */
  public double[] reward() {
    double[] r = new double[nS * nA * nS];
    for (int s = 0; s < nS; s++) {
      if (terminal[s]) continue;
      for (int i = s * nA * nS; i < (s + 1) * nA * nS; i++) r[i] = phi1[s] + primary[i] + phi3[s] * aux[i];
    }
    return r;
  }

  /** γ_φ = sigmoid(ψ). */
  public double gamma() {
    return sigmoid(psi);
  }

  /** φ₃ (the weight of r_aux per state), a copy. */
  public double[] auxWeights() {
    return phi3.clone();
  }

  /** φ₁ (the learned state bonus), a copy. */
  public double[] bonus() {
    return phi1.clone();
  }

  /** One implicit-gradient step on φ and ψ at the agent's logits θ (see the class comment). */
  public Step outerStep(double[] logits) {
    double g = gamma();
    double[] rphi = expectedLearned();
    double[] v = SoftmaxGradients.gradient(mdp, cfg.primaryGamma(), primaryExp, logits, 0.0);
    double vNorm = norm(v);
    if (vNorm == 0) return new Step(0, 0, 0, 0);
    double[] hv = hvp(logits, rphi, g, v);
    double hNorm = norm(hv);
    double alpha = hNorm > 0 ? Math.min(cfg.neumannAlpha(), 0.5 * vNorm / hNorm) : cfg.neumannAlpha();
    double[] p = v.clone();
    double[] acc = v.clone();
    for (int j = 0; j < cfg.neumannLoops(); j++) {
      double[] hp = j == 0 ? hv : hvp(logits, rphi, g, p);
      for (int i = 0; i < p.length; i++) p[i] += alpha * hp[i];
      for (int i = 0; i < p.length; i++) acc[i] += p[i];
    }
    double[] w = new double[acc.length];
    for (int i = 0; i < w.length; i++) w[i] = -alpha * acc[i];
    double eps = cfg.fdStep() / Math.max(maxAbs(w), 1e-300);
    double[] plus = shifted(logits, w, eps);
    double[] minus = shifted(logits, w, -eps);
    double[][] dPlus = phiGradient(plus, rphi, g);
    double[][] dMinus = phiGradient(minus, rphi, g);
    double[] g1 = new double[nS];
    double[] g3 = new double[nS];
    double gradNorm = 0;
    for (int s = 0; s < nS; s++) {
      g1[s] = -(dPlus[0][s] - dMinus[0][s]) / (2 * eps) - 2 * cfg.rewardL2() * phi1[s];
      g3[s] = -(dPlus[1][s] - dMinus[1][s]) / (2 * eps) - 2 * cfg.rewardL2() * phi3[s];
      gradNorm += g1[s] * g1[s] + g3[s] * g3[s];
    }
    double dsig = g * (1 - g);
    double gPsi = -(dPlus[2][0] - dMinus[2][0]) / (2 * eps) - cfg.gammaL2() * dsig;
    for (int s = 0; s < nS; s++) {
      if (terminal[s]) continue;
      sq1[s] = DECAY * sq1[s] + (1 - DECAY) * g1[s] * g1[s];
      sq3[s] = DECAY * sq3[s] + (1 - DECAY) * g3[s] * g3[s];
      phi1[s] += cfg.rewardLr() * g1[s] / (Math.sqrt(sq1[s]) + EPS);
      phi3[s] += cfg.rewardLr() * g3[s] / (Math.sqrt(sq3[s]) + EPS);
    }
    if (cfg.gammaLr() > 0) {
      sqPsi = DECAY * sqPsi + (1 - DECAY) * gPsi * gPsi;
      psi += cfg.gammaLr() * gPsi / (Math.sqrt(sqPsi) + EPS);
    }
    return new Step(vNorm, alpha, Math.sqrt(gradNorm), gPsi);
  }

  /** H·x by a central difference of ∂J_φ/∂θ. */
  private double[] hvp(double[] logits, double[] rphi, double g, double[] x) {
    double eps = cfg.fdStep() / Math.max(maxAbs(x), 1e-300);
    double[] gp = SoftmaxGradients.gradient(mdp, g, rphi, shifted(logits, x, eps), cfg.entropyCoef());
    double[] gm = SoftmaxGradients.gradient(mdp, g, rphi, shifted(logits, x, -eps), cfg.entropyCoef());
    double[] out = new double[gp.length];
    for (int i = 0; i < out.length; i++) out[i] = (gp[i] - gm[i]) / (2 * eps);
    return out;
  }

  /** {∂J_φ/∂φ₁, ∂J_φ/∂φ₃, [∂J_φ/∂ψ]} at logits θ. */
  private double[][] phiGradient(double[] logits, double[] rphi, double g) {
    double[] pi = SoftmaxGradients.policy(logits, nS, nA);
    double[] d = SoftmaxGradients.occupancy(mdp, g, pi);
    double[] d1 = new double[nS];
    double[] d3 = new double[nS];
    for (int s = 0; s < nS; s++) {
      if (terminal[s]) continue;
      d1[s] = d[s];
      double e = 0;
      for (int a = 0; a < nA; a++) e += pi[s * nA + a] * auxExp[s * nA + a];
      d3[s] = d[s] * e;
    }
    double h = 1e-5 * Math.min(g, 1 - g);
    double jp = startValue(SoftmaxGradients.values(mdp, g + h, rphi, pi));
    double jm = startValue(SoftmaxGradients.values(mdp, g - h, rphi, pi));
    double dPsi = (jp - jm) / (2 * h) * g * (1 - g);
    return new double[][] {d1, d3, {dPsi}};
  }

  private double[] expectedLearned() {
    double[] r = new double[nS * nA];
    for (int s = 0; s < nS; s++) {
      if (terminal[s]) continue;
      for (int a = 0; a < nA; a++) r[s * nA + a] = phi1[s] + primaryExp[s * nA + a] + phi3[s] * auxExp[s * nA + a];
    }
    return r;
  }

  private double startValue(double[] v) {
    double j = 0;
    for (int s = 0; s < nS; s++) j += mdp.initial(s) * v[s];
    return j;
  }

  /** r(s,a) = Σ_{s'} τ(s'|s,a) R(s,a,s'), flat {@code [s][a]}. */
  static double[] expected(TabularMdp mdp, double[] r) {
    int nS = mdp.nS();
    double[] e = new double[nS * mdp.nA()];
    for (int sa = 0; sa < e.length; sa++) {
      for (int n = 0; n < nS; n++) e[sa] += mdp.p(sa * nS + n) * r[sa * nS + n];
    }
    return e;
  }

  private static double[] shifted(double[] x, double[] dir, double eps) {
    double[] y = x.clone();
    for (int i = 0; i < y.length; i++) y[i] += eps * dir[i];
    return y;
  }

  private static double norm(double[] x) {
    double s = 0;
    for (double v : x) s += v * v;
    return Math.sqrt(s);
  }

  private static double maxAbs(double[] x) {
    double m = 0;
    for (double v : x) m = Math.max(m, Math.abs(v));
    return m;
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
