/**
 * Text for language-model tasks in pure Java: {@link org.rewardlab.core.text.CharTokenizer}, the
 * deterministic character tokenizer shared by the text tasks ({@code envs.text}) and the models
 * ({@code nn.lm}); its sequences live in the {@link org.rewardlab.core.space.Tokens} space.
 */
package org.rewardlab.core.text;
