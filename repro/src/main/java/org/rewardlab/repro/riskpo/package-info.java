/**
 * Paper #2, RiskPO: GRPO vs MVaR advantages with bundling (and the risk-seeking and B = 1 ablations) on
 * T-ARITH at CPU scale; the method itself is {@code org.rewardlab.algos.lm.train.RiskPo}.
 */
package org.rewardlab.repro.riskpo;
