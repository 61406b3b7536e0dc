package org.rewardlab.core.data;

/**
 * One turn of a conversation in TRL's conversational form: {@code {"role": "user", "content": "..."}}.
 *
 * @param role the speaker ({@code system}, {@code user}, {@code assistant}, ...); not blank
 * @param content the text of the turn
 */
public record Message(String role, String content) {
  public Message {
    if (role == null || role.isBlank()) throw new IllegalArgumentException("a message needs a role");
    if (content == null) throw new IllegalArgumentException("a message needs a content (it may be empty)");
  }
}
