/**
 * Quality-diversity search in pyribs's three roles and its ask/tell loop (guide: {@code docs/qd.md}).
 *
 * <ul>
 *   <li><b>Archives</b> store solutions by their measures (behaviour descriptors):
 *       {@link org.rewardlab.search.qd.GridArchive} (MAP-Elites, CMA-MAE thresholds) and
 *       {@link org.rewardlab.search.qd.UnstructuredArchive} (novelty search's growing archive; k-NN
 *       {@link org.rewardlab.search.qd.Novelty}).
 *   <li><b>Emitters</b> propose genomes and learn from their evaluation:
 *       {@link org.rewardlab.search.qd.GaussianEmitter}, {@link org.rewardlab.search.qd.IsoLineEmitter}
 *       (MAP-Elites), {@link org.rewardlab.search.qd.PopulationEmitter} (novelty search; the
 *       reward-driven (μ + λ) baseline; SERENE's elitist emitters), {@link org.rewardlab.search.qd.RandomEmitter}.
 *   <li><b>{@link org.rewardlab.search.qd.Scheduler}</b> joins an archive to its emitters: ask, evaluate,
 *       tell; saves and resumes the whole search.
 * </ul>
 *
 * Evaluation of controllers by rollout: {@link org.rewardlab.search.qd.RolloutEvaluator} with an
 * {@link org.rewardlab.search.qd.MlpController}; {@link org.rewardlab.search.qd.QdRun} records coverage
 * over evaluations and {@link org.rewardlab.search.qd.QdPictures} draws heat maps, scatter plots and
 * curves. Pure Java: learned behaviour spaces (TAXONS) plug in through
 * {@link org.rewardlab.search.qd.BehaviourSpace}.
 */
package org.rewardlab.search.qd;
