/**
 * Neural networks for RewardLab on DJL's PyTorch engine (CPU): {@link org.rewardlab.nn.Mlp} with
 * orthogonal initialization drawn in Java, its pure-Java inference copy {@link
 * org.rewardlab.nn.MlpSnapshot}, distributions ({@link org.rewardlab.nn.Categorical}, {@link
 * org.rewardlab.nn.DiagGaussian}), the {@link org.rewardlab.nn.Adam} optimizer, {@link
 * org.rewardlab.nn.GradClip} and the tensor helpers. Checkpoints are pure Java ({@link
 * org.rewardlab.core.run.Checkpoints}). Language models (TinyGpt, KV-cache sampler, per-token
 * log-probs, SFT, AdamW) are in {@link org.rewardlab.nn.lm}.
 *
 * <h2>Engine and natives (offline)</h2>
 *
 * <p>Every use of the engine goes through {@link org.rewardlab.nn.Torch}, which sets {@code
 * ai.djl.offline=true} and one intra-op and one inter-op thread before the engine loads. The
 * libtorch natives come from the {@code ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64} jar
 * and the JNI glue from {@code pytorch-jni}; on first use DJL unpacks them into its cache directory
 * ({@code DJL_CACHE_DIR}, default {@code ~/.djl.ai/pytorch/2.7.1-*-cpu-linux-x86_64}) and never
 * downloads anything. To check that a machine needs no network, run with a fresh cache and no
 * network namespace, e.g.
 *
 * <pre>
 *   D=$(mktemp -d); DJL_CACHE_DIR=$D ENGINE_CACHE_DIR=$D unshare -n \
 *     ./mvnw -o -pl nn test -Dtest=TorchTest
 * </pre>
 *
 * (note: DJL resolves the default cache from the {@code user.home} system property, not {@code
 * $HOME}). If the natives cannot load, {@link org.rewardlab.nn.Torch#init()} throws an {@code
 * IllegalStateException} naming the jars and the cache directory to check.
 *
 * <h2>Memory</h2>
 *
 * <p>Parameters live in the manager of their owner (a network); every computation on a batch runs in
 * a child manager opened with try-with-resources. Operations attach their results to the manager of
 * the receiver array, so functions here start from the batch tensor, never from a parameter.
 */
package org.rewardlab.nn;
