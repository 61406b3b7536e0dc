/**
 * YAML configuration bound to immutable records ({@code Configs}): defaults from each record's
 * {@code defaults()}, {@code --set a.b=c} overrides, polymorphic parts through Jackson's type
 * annotations, and errors that name the config path and the fix.
 */
package org.rewardlab.core.config;
