/** Transition data shared across modules: {@link org.rewardlab.core.data.FlatTransition}, a reusable cursor. */
package org.rewardlab.core.data;
