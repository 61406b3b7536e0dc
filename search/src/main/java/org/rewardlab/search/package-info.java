/**
 * Search: generic MCTS (UCT, PUCT, MCTS*) in ask/tell form over a copyable world model, decoding
 * (best-of-N, beam with a scorer) and quality-diversity (archive, emitter, scheduler, novelty). Pure Java;
 * neural parts plug in through interfaces. Filled by the search issues; Foundation I provides the module only.
 */
package org.rewardlab.search;
