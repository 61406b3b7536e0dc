/**
 * Data shared across modules: {@link org.rewardlab.core.data.FlatTransition}, a reusable transition cursor, and
 * preference data — {@link org.rewardlab.core.data.PreferencePair} (TRL's prompt / chosen / rejected with margin,
 * tie and category), {@link org.rewardlab.core.data.Ranking}, {@link org.rewardlab.core.data.Text} in plain or
 * conversational form.
 */
package org.rewardlab.core.data;
