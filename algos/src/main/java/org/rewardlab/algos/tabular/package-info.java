/**
 * Tabular learners for experiments that need no network: Q-learning ({@code algo: {type: qlearning}})
 * and softmax REINFORCE with a baseline ({@code algo: {type: tabular-reinforce}}), each an {@link
 * org.rewardlab.algos.experiment.Algorithm} on the runner's parts ({@link
 * org.rewardlab.algos.loop.TrainLoop}, a {@link org.rewardlab.algos.tabular.TabularCollector}, a
 * learner), and {@link org.rewardlab.algos.tabular.ExactMdp}, which turns a grid env's exported model
 * into the {@code reward} module's {@code TabularMdp} and {@code TabularReward} for exact value
 * iteration and policy evaluation.
 *
 * <p>The learners index their tables by state: a {@link org.rewardlab.algos.tabular.StateDecoder}
 * reads it from the observation (the env's {@code TabularStates} decoding, or any one-hot
 * observation). Guide: {@code docs/grid.md}.
 */
package org.rewardlab.algos.tabular;
