/**
 * Learned behaviour spaces for quality-diversity search: {@link org.rewardlab.algos.qd.AutoencoderSpace},
 * TAXONS's autoencoder (GEN §4) on DJL, which plugs into {@code search.qd.Serene} (TAXONS, STAX)
 * through {@code search.qd.BehaviourSpace}.
 */
package org.rewardlab.algos.qd;
