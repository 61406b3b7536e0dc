/**
 * Language models at CPU scale: {@link org.rewardlab.nn.lm.TinyGpt}, a decoder-only transformer built
 * from explicit DJL tensors (the PyTorch peer {@code shared/bench/torch_tinygpt_bench.py}, parameter
 * for parameter), per-token log-probs with prompt masks ({@link org.rewardlab.nn.lm.TokenLogProbs} for
 * training, {@link org.rewardlab.nn.lm.CompletionLogProbs} for rollouts and reference models), the
 * batched KV-cache {@link org.rewardlab.nn.lm.Sampler}, SFT's loss and step ({@link
 * org.rewardlab.nn.lm.LmLoss}, {@link org.rewardlab.nn.lm.LmTraining}), {@link
 * org.rewardlab.nn.lm.AdamW}, {@link org.rewardlab.nn.lm.LrSchedule} and checkpoint names ({@link
 * org.rewardlab.nn.lm.LmCheckpoint}). Guide: {@code docs/lm-model.md}.
 *
 * <p>Conventions of the {@code nn} module hold: weights drawn in Java from a {@code RandomSource},
 * Java numbers enter tensors only through {@code nn.Tensors}, one scope per forward pass or update,
 * sampling randomness drawn in Java, same seed ⇒ bit-identical results on one thread.
 */
package org.rewardlab.nn.lm;
