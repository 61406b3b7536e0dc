package org.rewardlab.core.data;

import java.util.List;

/**
 * A prompt or a response in one of TRL's two forms: plain text, or a list of {@link Message}s (the
 * conversational form). Exactly one of {@code plain} and {@code messages} is non-null, so a file read
 * in one form is written back in the same form.
 *
 * <p>Immutable.
 *
 * @param plain the text, or null for the conversational form
 * @param messages the turns (unmodifiable), or null for the plain form
 */
public record Text(String plain, List<Message> messages) {
  public Text {
    if ((plain == null) == (messages == null)) {
      throw new IllegalArgumentException("a Text is either plain or a list of messages, not both or neither");
    }
    if (messages != null) messages = List.copyOf(messages);
  }

  /** Plain text. */
  public static Text plain(String text) {
    return new Text(text, null);
  }

  /** The conversational form. */
  public static Text messages(List<Message> messages) {
    return new Text(null, messages);
  }

  /** Whether this is the conversational form. */
  public boolean conversational() {
    return messages != null;
  }

  /**
   * The string a text model reads: the plain text itself, or the turns as {@code role: content} lines
   * (no chat template: RewardLab's tiny models have none).
   */
  public String render() {
    if (plain != null) return plain;
    StringBuilder sb = new StringBuilder();
    for (Message m : messages) {
      if (sb.length() > 0) sb.append('\n');
      sb.append(m.role()).append(": ").append(m.content());
    }
    return sb.toString();
  }

  /** Whether the text is empty (no characters, or no turns). */
  public boolean isEmpty() {
    return plain != null ? plain.isEmpty() : messages.isEmpty();
  }

  @Override
  public String toString() {
    return plain != null ? "\"" + plain + "\"" : messages.toString();
  }
}
